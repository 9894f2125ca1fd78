import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemDetail, ProblemSummary } from '../../../domain/landing/problems.schemas.js';
import {
  buildDepartment,
  buildDistrict,
  buildProblem,
  buildProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import {
  buildTestApp,
  call,
  type Session,
  setupPlatform,
  type TestApp,
  uploadFile,
} from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
// Users by id: each request signs in afresh at the test clock's time (the clock jumps days, past idle timeouts).
type Who = string;
let center: Who;
let town: Who;
let otherTown: Who;
let landDept: Who;
let envDept: Who;
let leaderSession: Who;
let foreignCenter: Who;
let townId: string;
let landDeptId: string;
let envDeptId: string;
let projectId: string;
let leaderId: string;
let centerUserId: string;
let landHandlerId: string;

const NOW = new Date('2026-11-28T02:00:00Z');
const HOUR = 3_600_000;

const session = (who: Who): Promise<Session> => sessionFor(t.db, who, t.clock.now());

async function req<T = ProblemDetail>(who: Who, method: string, url: string, body?: unknown) {
  const res = await call(t.app, await session(who), method, url, body);
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}

const errOf = (res: { body: unknown }) =>
  (res.body as { error: { code: string; fields?: Record<string, unknown> } }).error;

const newProblem = (over: Record<string, unknown> = {}) => ({
  projectId,
  title: '用地指标未落实',
  description: '项目二期用地指标尚未下达，影响开工。',
  category: 'land',
  ...over,
});

async function raise(s: Who = town, over: Record<string, unknown> = {}) {
  const res = await req(s, 'POST', '/api/problems', newProblem(over));
  expect(res.status).toBe(201);
  return res.body;
}

async function assign(id: string, version: number, over: Record<string, unknown> = {}) {
  return req(center, 'POST', `/api/problems/${id}/assign`, {
    version,
    departmentUnitId: landDeptId,
    leaderUserId: leaderId,
    countermeasure: '自然资源和规划局牵头协调用地指标',
    ...over,
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(NOW);
  await setupPlatform(t.app);
  districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  const centerUnit = await buildUnit(t.db, { districtId, kind: 'center' });
  townId = (await buildUnit(t.db, { districtId, name: '问题甲镇' })).id;
  const otherTownId = (await buildUnit(t.db, { districtId, name: '问题乙镇' })).id;
  landDeptId = (await buildDepartment(t.db, { districtId, name: '自然资源和规划局' })).id;
  envDeptId = (await buildDepartment(t.db, { districtId, name: '生态环境分局' })).id;
  projectId = (await buildProject(t.db, { unitId: townId, name: '恒固紧固件产业园' })).id;
  const user = async (
    unitId: string,
    role: 'center_admin' | 'unit_reporter' | 'leader' | 'department_handler',
  ) => buildUser(t.db, { unitId, roles: [role] });
  const centerUser = await user(centerUnit.id, 'center_admin');
  centerUserId = centerUser.id;
  center = centerUser.id;
  town = (await user(townId, 'unit_reporter')).id;
  otherTown = (await user(otherTownId, 'unit_reporter')).id;
  const landHandler = await user(landDeptId, 'department_handler');
  landHandlerId = landHandler.id;
  landDept = landHandler.id;
  envDept = (await user(envDeptId, 'department_handler')).id;
  const leader = await user(centerUnit.id, 'leader');
  leaderId = leader.id;
  leaderSession = leader.id;
  const foreignDistrict = await buildDistrict(t.db);
  const foreignUnit = await buildUnit(t.db, { districtId: foreignDistrict.id, kind: 'center' });
  foreignCenter = (await buildUser(t.db, { unitId: foreignUnit.id, roles: ['center_admin'] })).id;
});

afterAll(async () => {
  await t.close();
});

describe('problem list 问题清单', () => {
  it('runs the loop raise → assign → accept → reply → close, timing each step and notifying each side', async () => {
    t.clock.set(NOW);
    const raised = await raise();
    expect(raised.problem).toMatchObject({ status: 'raised', raisedVia: 'unit', unitId: townId, version: 1 });
    expect(raised.actions).toEqual(['comment']);
    const id = raised.problem.id;

    t.clock.advance(5 * HOUR);
    const assigned = await assign(id, 1);
    expect(assigned.status).toBe(200);
    // Default deadline: today + 15 days (district default), the leader's name taken from the account.
    expect(assigned.body.problem).toMatchObject({
      status: 'assigned',
      departmentUnitId: landDeptId,
      departmentName: '自然资源和规划局',
      deadline: '2026-12-13',
      leaderUserId: leaderId,
      leaderInCharge: '测试用户',
      version: 2,
    });

    const asDept = await req(landDept, 'GET', `/api/problems/${id}`);
    expect(asDept.status).toBe(200);
    expect(asDept.body.actions).toEqual(['accept', 'comment']);

    t.clock.advance(48 * HOUR);
    const accepted = await req(landDept, 'POST', `/api/problems/${id}/accept`, { version: 2 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.problem.status).toBe('accepted');

    const file = await uploadFile(t.app, await session(landDept), `/api/problems/${id}/files`, {
      filename: '用地批复.pdf',
      content: '%PDF-1.4\n%%EOF\n',
    });
    expect(file.statusCode).toBe(201);
    const fileId = (file.json() as { id: string }).id;

    t.clock.advance(27 * HOUR);
    const replied = await req(landDept, 'POST', `/api/problems/${id}/reply`, {
      version: 3,
      reply: '已调剂指标 30 亩，12 月上旬下达。',
    });
    expect(replied.status).toBe(200);
    expect(replied.body.problem).toMatchObject({
      status: 'replied',
      reply: '已调剂指标 30 亩，12 月上旬下达。',
    });

    const asTown = await req(town, 'GET', `/api/problems/${id}`);
    expect(asTown.body.actions).toEqual(['close', 'reopen', 'comment']);
    const download = await call(t.app, await session(town), 'GET', `/api/problems/${id}/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');

    const closed = await req(town, 'POST', `/api/problems/${id}/close`, { version: 4, note: '问题已解决' });
    expect(closed.status).toBe(200);
    expect(closed.body.problem.status).toBe('closed');
    expect(closed.body.problem.closedAt).not.toBeNull();

    // The timeline shows each step with the time since the step before it.
    expect(
      closed.body.events.map((e) => [e.kind, e.sinceStep?.fromKind ?? null, e.sinceStep?.ms ?? null]),
    ).toEqual([
      ['raised', null, null],
      ['assigned', 'raised', 5 * HOUR],
      ['accepted', 'assigned', 48 * HOUR],
      ['replied', 'accepted', 27 * HOUR],
      ['closed', 'replied', 0],
    ]);
    expect(closed.body.files.map((f) => f.filename)).toEqual(['用地批复.pdf']);

    // Notices: the center heard of the raise, the department of the assignment and the close, the town and
    // the center of the acceptance and the reply.
    const notices = await t.db
      .selectFrom('notifications')
      .select(['userId', 'kind'])
      .where('subjectId', '=', id)
      .execute();
    const kindsFor = (userId: string) =>
      notices
        .filter((n) => n.userId === userId)
        .map((n) => n.kind)
        .sort();
    expect(kindsFor(centerUserId)).toEqual(['problem.accepted', 'problem.raised', 'problem.replied']);
    expect(kindsFor(landHandlerId)).toEqual(['problem.assigned', 'problem.closed']);

    // Every step left an audit row.
    const audits = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', id)
      .where('result', '=', 'success')
      .orderBy('at')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'problems.create',
      'problems.assign',
      'problems.accept',
      'problems.file_upload',
      'problems.reply',
      'problems.close',
    ]);
  });

  it('reopens a replied problem with a reason: back to assigned, a fresh deadline, the round’s steps cleared', async () => {
    t.clock.set(NOW);
    const { problem } = await raise();
    await assign(problem.id, 1);
    await req(landDept, 'POST', `/api/problems/${problem.id}/accept`, { version: 2 });
    await req(landDept, 'POST', `/api/problems/${problem.id}/reply`, { version: 3, reply: '已协调' });
    t.clock.advance(24 * HOUR);
    const missingReason = await req(town, 'POST', `/api/problems/${problem.id}/reopen`, { version: 4 });
    expect(missingReason.status).toBe(400);
    const reopened = await req(town, 'POST', `/api/problems/${problem.id}/reopen`, {
      version: 4,
      reason: '指标仍未下达',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.problem).toMatchObject({
      status: 'assigned',
      reopenCount: 1,
      acceptedAt: null,
      repliedAt: null,
      reply: null,
      deadline: '2026-12-14',
    });
    expect(reopened.body.events.at(-1)).toMatchObject({ kind: 'reopened', note: '指标仍未下达' });
    // The department starts again.
    const again = await req(landDept, 'POST', `/api/problems/${problem.id}/accept`, { version: 5 });
    expect(again.status).toBe(200);
  });

  it('refuses the wrong side (403) and the wrong state or a stale version (409), with codes', async () => {
    t.clock.set(NOW);
    const { problem } = await raise();
    const id = problem.id;
    const byTown = await req(town, 'POST', `/api/problems/${id}/assign`, {
      version: 1,
      departmentUnitId: landDeptId,
      leaderInCharge: '张副区长',
      countermeasure: '协调',
    });
    expect(byTown.status).toBe(403);
    const acceptRaised = await req(landDept, 'POST', `/api/problems/${id}/accept`, { version: 1 });
    // Not assigned to it yet: the department does not even see it.
    expect(acceptRaised.status).toBe(404);
    await assign(id, 1);
    const wrongDept = await req(envDept, 'POST', `/api/problems/${id}/accept`, { version: 2 });
    expect(wrongDept.status).toBe(404);
    const centerAccepts = await req(center, 'POST', `/api/problems/${id}/accept`, { version: 2 });
    // Refused at the door: the center holds no landing.handle.
    expect(centerAccepts.status).toBe(403);
    const earlyReply = await req(landDept, 'POST', `/api/problems/${id}/reply`, { version: 2, reply: '好' });
    expect(earlyReply.status).toBe(409);
    expect(errOf(earlyReply).code).toBe('problems.wrong_status');
    const earlyClose = await req(town, 'POST', `/api/problems/${id}/close`, { version: 2 });
    expect(earlyClose.status).toBe(409);
    const deptCloses = await req(landDept, 'POST', `/api/problems/${id}/close`, { version: 2 });
    expect(deptCloses.status).toBe(403);
    expect(errOf(deptCloses).code).toBe('access.denied');
    // A leader reads the problem but is no side of it: no comment.
    const leaderComments = await req(leaderSession, 'POST', `/api/problems/${id}/comments`, {
      note: '请抓紧',
    });
    expect(leaderComments.status).toBe(403);
    expect(errOf(leaderComments).code).toBe('problems.not_allowed');
    const stale = await req(landDept, 'POST', `/api/problems/${id}/accept`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(errOf(stale).code).toBe('problems.version_conflict');
    const leaderAssigns = await assign(id, 2);
    // A leader reads, but assigning is the center's (permission landing.coordinate).
    expect((await req(leaderSession, 'POST', `/api/problems/${id}/assign`, { version: 3 })).status).toBe(403);
    expect(leaderAssigns.status).toBe(200);
  });

  it('validates with field errors', async () => {
    const empty = await req(town, 'POST', '/api/problems', {
      projectId,
      title: 'x',
      description: '',
      category: 'weather',
    });
    expect(empty.status).toBe(400);
    const fields = errOf(empty).fields;
    expect(Object.keys(fields ?? {}).sort()).toEqual(['category', 'description', 'title']);

    const notMine = await req(otherTown, 'POST', '/api/problems', newProblem());
    expect(notMine.status).toBe(400);
    expect(errOf(notMine).code).toBe('problems.project_invalid');

    const { problem } = await raise();
    const badDept = await assign(problem.id, 1, { departmentUnitId: townId });
    expect(badDept.status).toBe(400);
    expect(errOf(badDept).fields).toHaveProperty('departmentUnitId');
    const noLeader = await assign(problem.id, 1, { leaderUserId: null });
    expect(noLeader.status).toBe(400);
    expect(errOf(noLeader).fields).toHaveProperty('leaderInCharge');
    const badLeader = await assign(problem.id, 1, { leaderUserId: landHandlerId });
    expect(errOf(badLeader).code).toBe('problems.leader_invalid');
    const past = await assign(problem.id, 1, { deadline: '2026-11-01' });
    expect(errOf(past).code).toBe('problems.deadline_past');
    const noCountermeasure = await assign(problem.id, 1, { countermeasure: '  ' });
    expect(noCountermeasure.status).toBe(400);
  });

  it('a department sees only what is assigned to it; another town and another district see nothing', async () => {
    t.clock.set(NOW);
    const { problem } = await raise(town, { title: '隔离测试问题' });
    await assign(problem.id, 1);
    const listed = async (s: Who) =>
      (await req<{ items: ProblemSummary[] }>(s, 'GET', '/api/problems?q=隔离测试')).body.items.map(
        (i) => i.id,
      );
    expect(await listed(landDept)).toEqual([problem.id]);
    expect(await listed(envDept)).toEqual([]);
    expect(await listed(otherTown)).toEqual([]);
    expect(await listed(town)).toEqual([problem.id]);
    expect(await listed(leaderSession)).toEqual([problem.id]);
    expect((await req(envDept, 'GET', `/api/problems/${problem.id}`)).status).toBe(404);
    expect((await req(otherTown, 'GET', `/api/problems/${problem.id}`)).status).toBe(404);
    expect((await req(foreignCenter, 'GET', `/api/problems/${problem.id}`)).status).toBe(404);
    expect(
      (
        await req(foreignCenter, 'POST', `/api/problems/${problem.id}/assign`, {
          version: 2,
          departmentUnitId: landDeptId,
          leaderInCharge: '某',
          countermeasure: '某',
        })
      ).status,
    ).toBe(404);
    expect((await listed(foreignCenter)).length).toBe(0);
  });

  it('a department raises a problem on a project of the district (raisedVia department) and reads it back', async () => {
    const res = await raise(envDept, { title: '环评问题', category: 'approval' });
    expect(res.problem).toMatchObject({ raisedVia: 'department', unitId: townId });
    expect((await req(envDept, 'GET', `/api/problems/${res.problem.id}`)).status).toBe(200);
    // The project's town sees it too, and confirms it later.
    expect((await req(town, 'GET', `/api/problems/${res.problem.id}`)).status).toBe(200);
  });

  it('filters overdue and escalated problems and counts days overdue', async () => {
    t.clock.set(NOW);
    const p = await buildProblem(t.db, { projectId, departmentUnitId: landDeptId, deadline: '2026-11-20' });
    await t.db.updateTable('problems').set({ escalationLevel: 1 }).where('id', '=', p.id).execute();
    const overdue = await req<{ items: ProblemSummary[] }>(
      center,
      'GET',
      `/api/problems?overdue=true&projectId=${projectId}`,
    );
    const row = overdue.body.items.find((i) => i.id === p.id);
    expect(row).toMatchObject({
      daysOverdue: 8,
      escalationLevel: 1,
      projectName: '恒固紧固件产业园',
      unitName: '问题甲镇',
    });
    expect(overdue.body.items.every((i) => i.daysOverdue > 0)).toBe(true);
    const escalated = await req<{ items: ProblemSummary[] }>(center, 'GET', '/api/problems?escalated=true');
    expect(escalated.body.items.map((i) => i.id)).toEqual([p.id]);
    const options = await req<{ departments: { name: string }[]; leaders: { id: string }[] }>(
      center,
      'GET',
      '/api/problems/options',
    );
    expect(options.body.departments.map((d) => d.name)).toEqual(
      expect.arrayContaining(['自然资源和规划局', '生态环境分局']),
    );
    expect(options.body.leaders.map((l) => l.id)).toContain(leaderId);
  });
});
