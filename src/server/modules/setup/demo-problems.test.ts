import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemDetail, ProblemSummary } from '../../../domain/landing/problems.schemas.js';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';

let t: TestApp;
let center: Session;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  center = await loginAs(t.app, 'center.admin');
});
afterAll(() => t.close());

async function problems(s: Session, query = '') {
  const res = await call(t.app, s, 'GET', `/api/problems?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: ProblemSummary[]; total: number };
}

describe('the demo problem list', () => {
  it('has problems in every state, over the categories, some overdue and one escalated', async () => {
    const all = await problems(center);
    expect(all.total).toBeGreaterThanOrEqual(10);
    expect(new Set(all.items.map((p) => p.status))).toEqual(
      new Set(['raised', 'assigned', 'accepted', 'replied', 'closed']),
    );
    expect(new Set(all.items.map((p) => p.category)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(all.items.map((p) => p.raisedVia))).toEqual(new Set(['unit', 'investor', 'department']));
    expect(all.items.filter((p) => p.reopenCount > 0)).toHaveLength(1);
    const overdue = await problems(center, '&overdue=true');
    expect(overdue.total).toBeGreaterThanOrEqual(3);
    expect(overdue.items.every((p) => p.daysOverdue > 0)).toBe(true);
    const escalated = await problems(center, '&escalated=true');
    expect(escalated.items).toHaveLength(1);
    const detail = (
      await call(t.app, center, 'GET', `/api/problems/${escalated.items[0]!.id}`)
    ).json() as ProblemDetail;
    expect(detail.events.map((e) => e.kind)).toContain('escalated');
    expect(detail.problem.leaderUserId).not.toBeNull();
  });

  it('gives 自然资源和规划局 several problems, and its handler sees only those', async () => {
    const handler = await loginAs(t.app, 'dept05.handler');
    const own = await problems(handler);
    expect(own.total).toBeGreaterThanOrEqual(4);
    expect(new Set(own.items.map((p) => p.departmentName))).toEqual(new Set(['自然资源和规划局']));
    const open = own.items.find((p) => p.status === 'assigned' || p.status === 'accepted')!;
    const detail = (await call(t.app, handler, 'GET', `/api/problems/${open.id}`)).json() as ProblemDetail;
    // Steps are timed on the timeline (交办 a day after the raise).
    expect(detail.events.find((e) => e.kind === 'assigned')?.sinceStep?.fromKind).toBe('raised');
  });
});
