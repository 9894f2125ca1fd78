import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';

let t: TestApp;
let reporter: Session;
let other: Session;
let center: Session;
let projectId: string;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-20T03:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  reporter = await loginAs(t.app, 'town05.reporter');
  other = await loginAs(t.app, 'town06.reporter');
  center = await loginAs(t.app, 'center.admin');
  const unitId = (await call(t.app, reporter, 'GET', '/api/auth/me')).json().user.unit.id;
  projectId = (
    await call(t.app, reporter, 'POST', '/api/projects', { unitId, name: '走访统计测试项目' })
  ).json().id;
});
afterAll(() => t.close());

describe('activities', () => {
  it('records visits and calls on a project and lists them newest first', async () => {
    const visit = await call(t.app, reporter, 'POST', `/api/projects/${projectId}/activities`, {
      kind: 'visit_out',
      occurredOn: '2026-06-03',
      place: '北京市朝阳区',
      participants: '镇长、招商办主任',
      ledByLeader: true,
      summary: '赴京拜访企业总部，商谈扩产选址',
    });
    expect(visit.statusCode).toBe(201);
    await call(t.app, reporter, 'POST', `/api/projects/${projectId}/activities`, {
      kind: 'call',
      occurredOn: '2026-06-10',
      summary: '电话跟进用地需求',
    });
    await call(t.app, reporter, 'POST', `/api/projects/${projectId}/activities`, {
      kind: 'call',
      occurredOn: '2026-05-28',
      summary: '电话初次联系',
    });
    const list = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}/activities`)).json();
    expect(list.map((a: { occurredOn: string }) => a.occurredOn)).toEqual([
      '2026-06-10',
      '2026-06-03',
      '2026-05-28',
    ]);
  });

  it('refuses an activity dated in the future', async () => {
    const res = await call(t.app, reporter, 'POST', `/api/projects/${projectId}/activities`, {
      kind: 'call',
      occurredOn: '2026-07-01',
      summary: '未来',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.occurredOn.messageZh).toBeTruthy();
  });

  it('counts visits out apart from calls, per unit per month', async () => {
    const counts = (
      await call(t.app, center, 'GET', '/api/activities/counts?from=2026-05-01&to=2026-06-30')
    ).json();
    const june = counts.find(
      (c: { unitName: string; month: string }) => c.unitName === '南庄镇' && c.month === '2026-06',
    );
    expect(june).toMatchObject({ visitOut: 1, call: 1, ledByLeader: 1 });
    const may = counts.find(
      (c: { unitName: string; month: string }) => c.unitName === '南庄镇' && c.month === '2026-05',
    );
    expect(may).toMatchObject({ visitOut: 0, call: 1 });
  });

  it('keeps another town out of this town’s activities', async () => {
    expect((await call(t.app, other, 'GET', `/api/projects/${projectId}/activities`)).statusCode).toBe(404);
    expect(
      (
        await call(t.app, other, 'POST', `/api/projects/${projectId}/activities`, {
          kind: 'call',
          occurredOn: '2026-06-01',
          summary: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const theirs = (
      await call(t.app, other, 'GET', '/api/activities/counts?from=2026-05-01&to=2026-06-30')
    ).json();
    expect(theirs.some((c: { unitName: string }) => c.unitName === '南庄镇')).toBe(false);
  });
});
