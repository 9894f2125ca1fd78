import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import {
  buildCommitment,
  buildDepartment,
  buildDistrict,
  buildPreReview,
  buildProblem,
  buildProcedure,
  buildProject,
  buildSupervisionNotice,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let handler: Session;
let otherHandler: Session;
let reporter: Session;
const ids: Record<string, string> = {};

async function as(roles: Role[], unitId: string) {
  return sessionFor(t.db, (await buildUser(t.db, { unitId, roles })).id, t.clock.now());
}

beforeAll(async () => {
  t = await buildTestApp();
  // Saturday 2026-11-28 in China: "this week" runs through Friday 12-04.
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  const districtId = (await buildDistrict(t.db)).id;
  const town = (await buildUnit(t.db, { districtId })).id;
  const dept = (await buildDepartment(t.db, { districtId, name: '自然资源和规划局' })).id;
  const other = (await buildDepartment(t.db, { districtId, name: '生态环境分局' })).id;
  handler = await as(['department_handler'], dept);
  otherHandler = await as(['department_handler'], other);
  reporter = await as(['unit_reporter'], town);
  const projectId = (await buildProject(t.db, { unitId: town, name: '紧固件产业园' })).id;

  ids.problemLate = (
    await buildProblem(t.db, { projectId, departmentUnitId: dept, deadline: '2026-11-20' })
  ).id;
  ids.procedureLate = (
    await buildProcedure(t.db, { projectId, departmentUnitId: dept, plannedOn: '2026-11-25' })
  ).id;
  ids.commitmentWeek = (
    await buildCommitment(t.db, { projectId, departmentUnitId: dept, dueOn: '2026-12-02' })
  ).id;
  ids.opinionWeek = (await buildPreReview(t.db, { projectId, departmentUnitId: dept })).opinion.id;
  await t.db
    .updateTable('preReviewOpinions')
    .set({ dueOn: '2026-11-28' })
    .where('id', '=', ids.opinionWeek)
    .execute();
  ids.notice = (await buildSupervisionNotice(t.db, { unitId: dept })).id; // due 12-31: later
  ids.procedureUndated = (await buildProcedure(t.db, { projectId, departmentUnitId: dept })).id;
  await t.db
    .updateTable('procedures')
    .set({ plannedOn: null })
    .where('id', '=', ids.procedureUndated)
    .execute();

  // Not the department's: another department's, a closed problem, a done procedure, an answered opinion.
  await buildProblem(t.db, { projectId, departmentUnitId: other, deadline: '2026-11-01' });
  await buildCommitment(t.db, { projectId, departmentUnitId: other, dueOn: '2026-11-01' });
  const closed = await buildProblem(t.db, { projectId, departmentUnitId: dept, deadline: '2026-11-01' });
  await t.db
    .updateTable('problems')
    .set({ status: 'closed', closedAt: new Date() })
    .where('id', '=', closed.id)
    .execute();
  const done = await buildProcedure(t.db, { projectId, departmentUnitId: dept, plannedOn: '2026-11-01' });
  await t.db
    .updateTable('procedures')
    .set({ status: 'done', doneOn: '2026-11-10' })
    .where('id', '=', done.id)
    .execute();
  const answered = (
    await buildPreReview(t.db, {
      projectId: (await buildProject(t.db, { unitId: town })).id,
      departmentUnitId: dept,
    })
  ).opinion;
  await t.db
    .updateTable('preReviewOpinions')
    .set({ verdict: 'agree', opinion: '同意', answeredAt: new Date() })
    .where('id', '=', answered.id)
    .execute();
});
afterAll(() => t.close());

describe('部门待办', () => {
  it('lists only the department’s open items: overdue first (most overdue first), then this week, then later', async () => {
    const res = await call(t.app, handler, 'GET', '/api/landing/inbox');
    expect(res.statusCode, res.body).toBe(200);
    const inbox = res.json();
    expect(inbox.departmentName).toBe('自然资源和规划局');
    expect(inbox.counts).toEqual({ overdue: 2, thisWeek: 2, later: 2, total: 6 });
    expect(inbox.items.map((i: { id: string }) => i.id)).toEqual([
      ids.problemLate,
      ids.procedureLate,
      ids.opinionWeek,
      ids.commitmentWeek,
      ids.notice,
      ids.procedureUndated,
    ]);
    expect(
      inbox.items.map((i: { kind: string; group: string; daysOverdue: number }) => [
        i.kind,
        i.group,
        i.daysOverdue,
      ]),
    ).toEqual([
      ['problem', 'overdue', 8],
      ['procedure', 'overdue', 3],
      ['opinion', 'this_week', 0],
      ['commitment', 'this_week', 0],
      ['supervision', 'later', 0],
      ['procedure', 'later', 0],
    ]);
    expect(inbox.items[0].link).toBe(`/landing/problems/${ids.problemLate}`);
    expect(inbox.items[0].projectName).toBe('紧固件产业园');
    expect(inbox.items[4].link).toBe(`/landing/supervision/${ids.notice}`);
    expect(inbox.items[3].link).toMatch(/^\/landing\/commitments\?departmentUnitId=/);
  });

  it('another department sees only its own; a town’s reporter has no inbox', async () => {
    const other = (await call(t.app, otherHandler, 'GET', '/api/landing/inbox')).json();
    expect(other.counts).toEqual({ overdue: 2, thisWeek: 0, later: 0, total: 2 });
    expect(other.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['commitment', 'problem']);
    expect((await call(t.app, reporter, 'GET', '/api/landing/inbox')).statusCode).toBe(403);
  });
});
