import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { PROCEDURE_TEMPLATE_STEPS } from '../../../domain/landing/landing-codes.js';
import {
  buildDepartment,
  buildDistrict,
  buildProcedure,
  buildProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let town: string;
let reporter: Session;
let otherReporter: Session;
let center: Session;
let leader: Session;
let landDept: string;
let landHandler: Session;
let ecoHandler: Session;
let projectId: string;

async function as(roles: Role[], unitId: string) {
  return sessionFor(t.db, (await buildUser(t.db, { unitId, roles })).id, t.clock.now());
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  districtId = (await buildDistrict(t.db)).id;
  town = (await buildUnit(t.db, { districtId })).id;
  reporter = await as(['unit_reporter'], town);
  otherReporter = await as(['unit_reporter'], (await buildUnit(t.db, { districtId })).id);
  center = await as(['center_admin'], (await buildUnit(t.db, { districtId, kind: 'center' })).id);
  leader = await as(['leader'], (await buildUnit(t.db, { districtId, kind: 'center' })).id);
  landDept = (await buildDepartment(t.db, { districtId, name: '自然资源和规划局' })).id;
  const ecoDept = (await buildDepartment(t.db, { districtId, name: '生态环境分局' })).id;
  await buildDepartment(t.db, { districtId, name: '发展和改革局' });
  await buildDepartment(t.db, { districtId, name: '行政审批局' });
  await buildDepartment(t.db, { districtId, name: '住房和城乡建设局' });
  landHandler = await as(['department_handler'], landDept);
  ecoHandler = await as(['department_handler'], ecoDept);
  projectId = (await buildProject(t.db, { unitId: town, name: '紧固件产业园项目' })).id;
  await t.db.updateTable('projects').set({ industrial: true }).where('id', '=', projectId).execute();
});
afterAll(() => t.close());

const url = () => `/api/projects/${projectId}/procedures`;

describe('procedures (手续)', () => {
  it('applies the suggested template once, with departments matched by name, and again adds nothing', async () => {
    const empty = (await call(t.app, reporter, 'GET', url())).json();
    expect(empty).toMatchObject({
      suggestedTemplate: 'industrial_new',
      maturity: { done: 0, needed: 0, percent: null },
      items: [],
    });
    const first = await call(t.app, reporter, 'POST', `${url()}/apply-template`, {
      plannedOn: { land_approval: '2026-11-20' },
    });
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body.template).toBe('industrial_new');
    expect(body.items.map((p: { kind: string }) => p.kind)).toEqual([
      ...PROCEDURE_TEMPLATE_STEPS.industrial_new,
    ]);
    const land = body.items.find((p: { kind: string }) => p.kind === 'land_approval');
    expect(land).toMatchObject({
      name: '土地报批',
      departmentName: '自然资源和规划局',
      plannedOn: '2026-11-20',
      overdue: true,
      daysOverdue: 8,
    });
    // 应急管理局 does not exist in this district: the safety review has no department yet.
    expect(body.items.find((p: { kind: string }) => p.kind === 'safety_review').departmentUnitId).toBeNull();
    expect(body.overdue).toBe(1);

    const again = (await call(t.app, center, 'POST', `${url()}/apply-template`, {})).json();
    expect(again.added).toEqual([]);
    expect(again.items).toHaveLength(body.items.length);
    // Another template adds only the kinds this checklist lacks (none: industrial_new covers it).
    const other = (
      await call(t.app, reporter, 'POST', `${url()}/apply-template`, { template: 'non_industrial' })
    ).json();
    expect(other.added).toEqual([]);
  });

  it('counts maturity over the needed ones: done over all but 不需办理', async () => {
    const list = (await call(t.app, reporter, 'GET', url())).json();
    const [a, b, c] = list.items;
    const done = await call(t.app, reporter, 'PATCH', `/api/procedures/${a.id}`, {
      version: a.version,
      status: 'done',
      doneOn: '2026-11-01',
    });
    expect(done.statusCode, done.body).toBe(200);
    await call(t.app, reporter, 'PATCH', `/api/procedures/${b.id}`, {
      version: b.version,
      status: 'not_needed',
    });
    await call(t.app, reporter, 'PATCH', `/api/procedures/${c.id}`, {
      version: c.version,
      status: 'in_progress',
    });
    const after = (await call(t.app, reporter, 'GET', url())).json();
    expect(after.maturity).toEqual({ done: 1, needed: 10, percent: '10.00' });
  });

  it('needs a done date for 已办结, refuses one in the future, and drops it for any other status', async () => {
    const list = (await call(t.app, reporter, 'GET', url())).json();
    const p = list.items[3];
    const noDate = await call(t.app, reporter, 'PATCH', `/api/procedures/${p.id}`, {
      version: p.version,
      status: 'done',
    });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error).toMatchObject({
      code: 'procedures.done_on_required',
      fields: { doneOn: {} },
    });
    const future = await call(t.app, reporter, 'PATCH', `/api/procedures/${p.id}`, {
      version: p.version,
      status: 'done',
      doneOn: '2026-12-01',
    });
    expect(future.json().error.code).toBe('procedures.done_on_future');
    const ok = (
      await call(t.app, reporter, 'PATCH', `/api/procedures/${p.id}`, {
        version: p.version,
        status: 'done',
        doneOn: '2026-11-27',
      })
    ).json();
    const back = (
      await call(t.app, reporter, 'PATCH', `/api/procedures/${p.id}`, {
        version: ok.version,
        status: 'not_needed',
      })
    ).json();
    expect(back).toMatchObject({ status: 'not_needed', doneOn: null });
    const stale = await call(t.app, reporter, 'PATCH', `/api/procedures/${p.id}`, {
      version: ok.version,
      note: 'x',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('procedures.version_conflict');
  });

  it('lets the assigned department record progress on its own rows only', async () => {
    const list = (await call(t.app, reporter, 'GET', url())).json();
    const land = list.items.find((p: { kind: string }) => p.kind === 'land_approval');
    const eia = list.items.find((p: { kind: string }) => p.kind === 'eia');
    const mine = await call(t.app, landHandler, 'PATCH', `/api/procedures/${land.id}`, {
      version: land.version,
      status: 'in_progress',
      note: '已受理',
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ status: 'in_progress', note: '已受理' });
    const planned = await call(t.app, landHandler, 'PATCH', `/api/procedures/${land.id}`, {
      version: mine.json().version,
      plannedOn: '2027-01-01',
    });
    expect(planned.statusCode).toBe(403);
    expect(planned.json().error.code).toBe('procedures.handler_fields');
    // 生态环境分局's row is invisible to 自然资源和规划局.
    const notMine = await call(t.app, landHandler, 'PATCH', `/api/procedures/${eia.id}`, {
      version: eia.version,
      status: 'in_progress',
    });
    expect(notMine.statusCode).toBe(404);
    expect(
      (
        await call(t.app, ecoHandler, 'PATCH', `/api/procedures/${eia.id}`, {
          version: eia.version,
          status: 'in_progress',
        })
      ).statusCode,
    ).toBe(200);
    // A leader reads but does not write; another town sees nothing.
    const byLeader = await call(t.app, leader, 'PATCH', `/api/procedures/${eia.id}`, {
      version: 2,
      note: 'x',
    });
    expect(byLeader.json().error.code).toBe('procedures.read_only');
    expect(
      (await call(t.app, otherReporter, 'PATCH', `/api/procedures/${eia.id}`, { version: 2, note: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await call(t.app, otherReporter, 'GET', url())).statusCode).toBe(404);
  });

  it('lists procedures across projects with overdue ones first and a department seeing only its own', async () => {
    const second = await buildProject(t.db, { unitId: town, name: '第二项目' });
    await buildProcedure(t.db, { projectId: second.id, departmentUnitId: landDept, plannedOn: '2026-10-01' });
    const all = (await call(t.app, center, 'GET', '/api/procedures')).json();
    expect(all.total).toBe(12);
    expect(all.overdueTotal).toBe(2);
    expect(all.items[0]).toMatchObject({
      projectName: '第二项目',
      overdue: true,
      daysOverdue: 58,
      departmentName: '自然资源和规划局',
    });
    const overdue = (await call(t.app, center, 'GET', '/api/procedures?overdue=true')).json();
    expect(overdue.items.map((r: { daysOverdue: number }) => r.daysOverdue)).toEqual([58, 8]);
    const dept = (await call(t.app, landHandler, 'GET', '/api/procedures')).json();
    expect(dept.items.every((r: { departmentUnitId: string }) => r.departmentUnitId === landDept)).toBe(true);
    expect(dept.total).toBe(4);
    expect((await call(t.app, otherReporter, 'GET', '/api/procedures')).json().total).toBe(0);
    const byKind = (
      await call(t.app, center, 'GET', `/api/procedures?kind=eia&projectId=${projectId}`)
    ).json();
    expect(byKind.items.map((r: { kind: string }) => r.kind)).toEqual(['eia']);
  });

  it('adds a custom procedure by name, refuses a duplicate kind, and deletes only pending ones', async () => {
    const noName = await call(t.app, reporter, 'POST', url(), { kind: 'custom' });
    expect(noName.json().error.code).toBe('procedures.name_required');
    const custom = await call(t.app, reporter, 'POST', url(), {
      kind: 'custom',
      name: '水土保持方案',
      departmentUnitId: landDept,
    });
    expect(custom.statusCode, custom.body).toBe(201);
    expect(custom.json()).toMatchObject({ name: '水土保持方案', departmentName: '自然资源和规划局' });
    const dup = await call(t.app, reporter, 'POST', url(), { kind: 'eia' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('procedures.duplicate_kind');
    const badDept = await call(t.app, reporter, 'POST', url(), {
      kind: 'custom',
      name: '其他',
      departmentUnitId: town,
    });
    expect(badDept.json().error.code).toBe('procedures.department_invalid');

    expect((await call(t.app, landHandler, 'DELETE', `/api/procedures/${custom.json().id}`)).statusCode).toBe(
      403,
    );
    expect((await call(t.app, reporter, 'DELETE', `/api/procedures/${custom.json().id}`)).statusCode).toBe(
      204,
    );
    const list = (await call(t.app, reporter, 'GET', url())).json();
    const started = list.items.find((p: { status: string }) => p.status === 'in_progress');
    const refused = await call(t.app, center, 'DELETE', `/api/procedures/${started.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('procedures.not_pending');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'procedures.%')
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['procedures.apply_template', 'procedures.update', 'procedures.create', 'procedures.delete']),
    );
  });
});
