import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import {
  buildDepartment,
  buildDistrict,
  buildProblem,
  buildProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp, uploadFile } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let town: string;
let dept: string;
let office: Session;
let townReporter: Session;
let otherReporter: Session;
let handler: Session;
let center: Session;
let leader: Session;
let supervisorId: string;
let townReporterId: string;
let projectId: string;
let problemId: string;

async function as(roles: Role[], unitId: string) {
  const user = await buildUser(t.db, { unitId, roles });
  return { user, session: await sessionFor(t.db, user.id, t.clock.now()) };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  districtId = (await buildDistrict(t.db)).id;
  town = (await buildUnit(t.db, { districtId })).id;
  const otherTown = (await buildUnit(t.db, { districtId })).id;
  dept = (await buildDepartment(t.db, { districtId, name: '自然资源和规划局' })).id;
  const sup = await as(['supervisor'], (await buildUnit(t.db, { districtId, kind: 'department' })).id);
  office = sup.session;
  supervisorId = sup.user.id;
  const rep = await as(['unit_reporter'], town);
  townReporter = rep.session;
  townReporterId = rep.user.id;
  otherReporter = (await as(['unit_reporter'], otherTown)).session;
  handler = (await as(['department_handler'], dept)).session;
  center = (await as(['center_admin'], (await buildUnit(t.db, { districtId, kind: 'center' })).id)).session;
  leader = (await as(['leader'], (await buildUnit(t.db, { districtId, kind: 'center' })).id)).session;
  projectId = (await buildProject(t.db, { unitId: town })).id;
  problemId = (await buildProblem(t.db, { projectId, departmentUnitId: dept })).id;
});
afterAll(() => t.close());

const issueBody = (unitId: string, extra: Record<string, unknown> = {}) => ({
  unitId,
  subject: '关于加快土地报批的督办',
  body: '请于期限内反馈办理情况。',
  replyDueOn: '2026-12-05',
  ...extra,
});

describe('督办单', () => {
  let noticeId: string;

  it('the office issues a numbered notice to a town with a problem link; the town is told', async () => {
    const res = await call(t.app, office, 'POST', '/api/supervision-notices', issueBody(town, { problemId }));
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json();
    noticeId = n.id;
    expect(n.numberLabel).toBe('督办〔2026〕1号');
    expect(n.status).toBe('issued');
    expect(n.problemTitle).toMatch(/^测试问题/);
    expect(n.projectId).toBe(projectId); // taken from the problem
    expect(n.can).toEqual({ reply: false, followUp: true, close: true, upload: true });
    const told = await t.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('userId', '=', townReporterId)
      .execute();
    expect(told).toEqual([{ kind: 'supervision.issued', link: `/landing/supervision/${noticeId}` }]);
  });

  it('refuses a unit, project or problem outside the district, and a due date in the past', async () => {
    const elsewhere = await buildUnit(t.db);
    const foreignProject = await buildProject(t.db);
    for (const [body, field] of [
      [issueBody(elsewhere.id), 'unitId'],
      [issueBody(town, { projectId: foreignProject.id }), 'projectId'],
      [
        issueBody(town, { problemId: (await buildProblem(t.db, { projectId: foreignProject.id })).id }),
        'problemId',
      ],
      [issueBody(town, { replyDueOn: '2026-11-27' }), 'replyDueOn'],
    ] as const) {
      const res = await call(t.app, office, 'POST', '/api/supervision-notices', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
    }
    expect(
      (await call(t.app, townReporter, 'POST', '/api/supervision-notices', issueBody(town))).statusCode,
    ).toBe(403);
  });

  it('numbers two notices issued at the same moment 2 and 3', async () => {
    const [a, b] = await Promise.all([
      call(t.app, office, 'POST', '/api/supervision-notices', issueBody(dept)),
      call(t.app, office, 'POST', '/api/supervision-notices', issueBody(dept)),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect([a.json().number, b.json().number].sort()).toEqual([2, 3]);
  });

  it('shows a unit only what is addressed to it; the district sees all', async () => {
    expect((await call(t.app, otherReporter, 'GET', `/api/supervision-notices/${noticeId}`)).statusCode).toBe(
      404,
    );
    expect((await call(t.app, handler, 'GET', `/api/supervision-notices/${noticeId}`)).statusCode).toBe(404);
    expect((await call(t.app, otherReporter, 'GET', '/api/supervision-notices')).json().total).toBe(0);
    expect((await call(t.app, handler, 'GET', '/api/supervision-notices')).json().total).toBe(2);
    expect((await call(t.app, townReporter, 'GET', '/api/supervision-notices')).json().total).toBe(1);
    for (const s of [center, leader, office]) {
      expect((await call(t.app, s, 'GET', '/api/supervision-notices')).json().total).toBe(3);
    }
    const q = await call(
      t.app,
      office,
      'GET',
      `/api/supervision-notices?unitId=${dept}&q=${encodeURIComponent('〔2026〕3号')}`,
    );
    expect(q.json().items.map((n: { number: number }) => n.number)).toEqual([3]);
  });

  it('the town replies; another unit cannot; a stale version is a 409; the office is told', async () => {
    const other = await call(t.app, otherReporter, 'POST', `/api/supervision-notices/${noticeId}/reply`, {
      version: 1,
      text: '已办理',
    });
    expect(other.statusCode).toBe(404);
    const detail = (await call(t.app, townReporter, 'GET', `/api/supervision-notices/${noticeId}`)).json();
    expect(detail.can).toEqual({ reply: true, followUp: false, close: false, upload: true });
    const res = await call(t.app, townReporter, 'POST', `/api/supervision-notices/${noticeId}/reply`, {
      version: 1,
      text: '已协调自然资源和规划局，预计12月上旬完成报批。',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('replied');
    const again = await call(t.app, townReporter, 'POST', `/api/supervision-notices/${noticeId}/reply`, {
      version: 1,
      text: '重复',
    });
    expect(again.statusCode).toBe(409);
    const told = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', supervisorId)
      .execute();
    expect(told.map((n) => n.kind)).toEqual(['supervision.replied']);
  });

  it('the office follows up with a new due date (issued again), the town replies, the office closes', async () => {
    const fu = await call(t.app, office, 'POST', `/api/supervision-notices/${noticeId}/follow-up`, {
      version: 2,
      text: '请明确完成时限。',
      replyDueOn: '2026-12-10',
    });
    expect(fu.statusCode, fu.body).toBe(200);
    expect(fu.json()).toMatchObject({ status: 'issued', replyDueOn: '2026-12-10', version: 3 });
    expect(
      (
        await call(t.app, townReporter, 'POST', `/api/supervision-notices/${noticeId}/close`, {
          version: 3,
          text: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const r2 = await call(t.app, townReporter, 'POST', `/api/supervision-notices/${noticeId}/reply`, {
      version: 3,
      text: '12月8日前完成。',
    });
    expect(r2.statusCode, r2.body).toBe(200);
    const closed = await call(t.app, office, 'POST', `/api/supervision-notices/${noticeId}/close`, {
      version: 4,
      text: '已落实，销号。',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const d = closed.json();
    expect(d.status).toBe('closed');
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual(['reply', 'follow_up', 'reply', 'close']);
    expect(d.can).toEqual({ reply: false, followUp: false, close: false, upload: false });
    const audits = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', noticeId)
      .where('result', '=', 'success')
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual([
      'supervision.close',
      'supervision.follow_up',
      'supervision.issue',
      'supervision.reply',
      'supervision.reply',
    ]);
  });

  it('lists overdue notices (issued, reply due before today) and the handler uploads a file to its own', async () => {
    const list = (await call(t.app, handler, 'GET', '/api/supervision-notices')).json();
    const id = list.items[0].id;
    // Sessions lapse when the clock jumps days ahead, so the due dates move back instead.
    await t.db
      .updateTable('supervisionNotices')
      .set({ replyDueOn: '2026-11-26' })
      .where('unitId', '=', dept)
      .execute();
    const res = await call(t.app, office, 'GET', '/api/supervision-notices?overdue=true');
    expect(res.statusCode, res.body).toBe(200);
    const overdue = res.json();
    expect(overdue.total).toBe(2);
    expect(overdue.items[0]).toMatchObject({ overdue: true, daysOverdue: 2 });
    const up = await uploadFile(t.app, handler, `/api/supervision-notices/${id}/files`, {
      filename: 'reply.pdf',
      content: Buffer.from('%PDF-1.4\n%test\n'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const dl = await call(t.app, office, 'GET', `/api/supervision-notices/${id}/files/${up.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(
      (
        await uploadFile(t.app, otherReporter, `/api/supervision-notices/${id}/files`, {
          filename: 'x.pdf',
          content: Buffer.from('%PDF-1.4\n'),
        })
      ).statusCode,
    ).toBe(404);
  });
});
