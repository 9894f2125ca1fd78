import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../../../domain/inbox/inbox.schemas.js';
import type { SupervisionDetail, SupervisionList } from '../../../domain/supervision/supervision.schemas.js';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';

let t: TestApp;
let office: Session;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  office = await loginAs(t.app, 'supervisor01');
});
afterAll(() => t.close());

describe('the demo supervision notices', () => {
  it('has notices in every state, some overdue, some followed up, to towns and to 自然资源和规划局', async () => {
    const list = (
      await call(t.app, office, 'GET', '/api/supervision-notices?pageSize=200')
    ).json() as SupervisionList;
    expect(list.total).toBeGreaterThanOrEqual(7);
    expect(new Set(list.items.map((n) => n.status))).toEqual(new Set(['issued', 'replied', 'closed']));
    expect(list.overdueTotal).toBeGreaterThanOrEqual(2);
    expect(list.items.some((n) => n.unitName === '自然资源和规划局')).toBe(true);
    expect(list.items.some((n) => n.unitName.endsWith('镇') || n.unitName.endsWith('街道'))).toBe(true);
    expect(list.items.map((n) => n.number).sort((a, b) => a - b)).toEqual(list.items.map((_, i) => i + 1));
    let followedUp = 0;
    for (const n of list.items) {
      const d = (
        await call(t.app, office, 'GET', `/api/supervision-notices/${n.id}`)
      ).json() as SupervisionDetail;
      if (d.timeline.some((e) => e.kind === 'follow_up')) followedUp++;
    }
    expect(followedUp).toBeGreaterThanOrEqual(2);
  });

  it('puts 自然资源和规划局’s notices in its handler’s inbox, overdue first', async () => {
    const handler = await loginAs(t.app, 'dept05.handler');
    const inbox = (await call(t.app, handler, 'GET', '/api/landing/inbox')).json() as Inbox;
    const notices = inbox.items.filter((i) => i.kind === 'supervision');
    expect(notices).toHaveLength(2);
    expect(notices[0]!.daysOverdue).toBe(3);
    expect(inbox.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(inbox.items[0]!.daysOverdue).toBeGreaterThanOrEqual(inbox.items[1]!.daysOverdue);
  });
});
