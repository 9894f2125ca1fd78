import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureList, ProjectProcedures } from '../../../domain/procedures/procedures.schemas.js';
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

describe('the demo procedures', () => {
  it('has checklists in every status with some overdue, and maturity varying from project to project', async () => {
    const list = (await call(t.app, center, 'GET', '/api/procedures?pageSize=200')).json() as ProcedureList;
    expect(list.total).toBeGreaterThanOrEqual(40);
    for (const status of ['pending', 'in_progress', 'done', 'not_needed']) {
      const some = (
        await call(t.app, center, 'GET', `/api/procedures?status=${status}`)
      ).json() as ProcedureList;
      expect(some.total, status).toBeGreaterThan(0);
    }
    expect(list.overdueTotal).toBeGreaterThanOrEqual(3);
    expect(list.items.filter((p) => p.status === 'done').every((p) => p.doneOn !== null)).toBe(true);
    const projectIds = [...new Set(list.items.map((p) => p.projectId))];
    const percents = new Set<string | null>();
    for (const id of projectIds.slice(0, 12)) {
      const c = (
        await call(t.app, center, 'GET', `/api/projects/${id}/procedures`)
      ).json() as ProjectProcedures;
      percents.add(c.maturity.percent);
    }
    expect(percents.size).toBeGreaterThanOrEqual(3);
  });

  it('assigns 自然资源和规划局 its land procedures, which its handler sees with its own projects’ and nothing else', async () => {
    const handler = await loginAs(t.app, 'dept05.handler');
    const own = (await call(t.app, handler, 'GET', '/api/procedures?pageSize=200')).json() as ProcedureList;
    expect(own.total).toBeGreaterThanOrEqual(5);
    // Its own projects' checklists (a department may hold projects too), and what is assigned to it elsewhere.
    expect(
      own.items.every((p) => p.departmentName === '自然资源和规划局' || p.unitName === '自然资源和规划局'),
    ).toBe(true);
    expect(own.items.filter((p) => p.departmentName === '自然资源和规划局').length).toBeGreaterThanOrEqual(5);
  });

  it('leaves a few signed projects without a checklist, so 按模板生成 has work to do', async () => {
    const rows = await t.db
      .selectFrom('projects as p')
      .select('p.id')
      .where('p.stage', '=', 'signed')
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('procedures as pr').select('pr.id').whereRef('pr.projectId', '=', 'p.id')),
        ),
      )
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });
});

describe('the demo pre-reviews', () => {
  it('has open, decided (each decision) and cancelled reviews, with late and missing opinions', async () => {
    const list = (await call(t.app, center, 'GET', '/api/pre-reviews')).json();
    type Row = {
      status: string;
      decision: string | null;
      overdueOpinions: number;
      opinionsAnswered: number;
      opinionsAsked: number;
    };
    const items = list.items as Row[];
    expect(new Set(items.map((r) => r.status))).toEqual(new Set(['open', 'decided', 'cancelled']));
    expect(new Set(items.filter((r) => r.decision).map((r) => r.decision))).toEqual(
      new Set(['approved', 'conditional', 'rejected']),
    );
    const open = items.filter((r) => r.status === 'open');
    expect(open.some((r) => r.overdueOpinions > 0)).toBe(true);
    expect(open.every((r) => r.opinionsAnswered > 0 && r.opinionsAnswered < r.opinionsAsked)).toBe(true);
  });

  it('asks 自然资源和规划局 and 生态环境分局 in several, each seeing its own opinion only', async () => {
    for (const [user, name] of [
      ['dept05.handler', '自然资源和规划局'],
      ['dept06.handler', '生态环境分局'],
    ] as const) {
      const s = await loginAs(t.app, user);
      const list = (await call(t.app, s, 'GET', '/api/pre-reviews')).json();
      expect(list.total).toBeGreaterThanOrEqual(3);
      const detail = (await call(t.app, s, 'GET', `/api/pre-reviews/${list.items[0].id}`)).json();
      expect(detail.opinions.map((o: { departmentName: string }) => o.departmentName)).toEqual([name]);
    }
  });
});
