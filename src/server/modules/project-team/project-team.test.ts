import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import {
  buildDepartment,
  buildDistrict,
  buildSignedProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let reporter: Session;
let otherReporter: Session;
let center: Session;
let handler: Session;
let town: string;
let dept: string;
let foreignUnit: string;
let projectId: string;

async function as(roles: Role[], unitId: string) {
  return sessionFor(t.db, (await buildUser(t.db, { unitId, roles })).id, t.clock.now());
}
const team = async (s: Session, id = projectId) =>
  (await call(t.app, s, 'GET', `/api/projects/${id}/team`)).json();
const unnamedIds = async (s: Session) =>
  (await call(t.app, s, 'GET', '/api/project-team/unnamed-officers'))
    .json()
    .map((r: { projectId: string }) => r.projectId);

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  const districtId = (await buildDistrict(t.db)).id;
  town = (await buildUnit(t.db, { districtId })).id;
  const otherTown = (await buildUnit(t.db, { districtId })).id;
  dept = (await buildDepartment(t.db, { districtId, name: '行政审批局' })).id;
  foreignUnit = (await buildUnit(t.db)).id;
  reporter = await as(['unit_reporter'], town);
  otherReporter = await as(['unit_reporter'], otherTown);
  center = await as(['center_admin'], (await buildUnit(t.db, { districtId, kind: 'center' })).id);
  handler = await as(['department_handler'], dept);
  projectId = (await buildSignedProject(t.db, { unitId: town, signingDate: '2026-11-20' })).id;
});
afterAll(() => t.close());

describe('special team and first-contact officer', () => {
  let version: number;

  it('warns when a signed project has no officer past the 5-day window, and lists it for the center', async () => {
    const tm = await team(reporter);
    expect(tm).toMatchObject({
      members: [],
      firstContactOfficer: null,
      greenChannel: false,
      signingDate: '2026-11-20',
      firstContactWindowDays: 5,
      firstContactDueOn: '2026-11-25',
      firstContactOverdue: true,
      daysLate: 3,
      can: { edit: true },
    });
    version = tm.version;
    expect(await unnamedIds(center)).toContain(projectId);
    expect(await unnamedIds(reporter)).toEqual([projectId]);
    expect(await unnamedIds(otherReporter)).toEqual([]);
  });

  it('the green channel halves the window (5 → 3 days)', async () => {
    const recent = (await buildSignedProject(t.db, { unitId: town, signingDate: '2026-11-24' })).id;
    const ordinary = await team(reporter, recent);
    expect(ordinary).toMatchObject({ firstContactDueOn: '2026-11-29', firstContactOverdue: false });
    const res = await call(t.app, reporter, 'PUT', `/api/projects/${recent}/team`, {
      version: ordinary.version,
      members: [],
      liaisonLeader: null,
      firstContactOfficer: null,
      firstContactPhone: null,
      greenChannel: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      greenChannel: true,
      firstContactWindowDays: 3,
      firstContactDueOn: '2026-11-27',
      firstContactOverdue: true,
      daysLate: 1,
    });
    expect(await unnamedIds(reporter)).toEqual([projectId, recent]);
  });

  it('naming the officer clears the warning; the team, leader and green channel are saved with the project version', async () => {
    const res = await call(t.app, reporter, 'PUT', `/api/projects/${projectId}/team`, {
      version,
      members: [
        { unitId: town, name: '张建国', role: 'leader', duty: '统筹推进' },
        { unitId: dept, name: '李敏', role: 'member', duty: '  ' },
        { name: '王磊', role: 'deputy' },
      ],
      liaisonLeader: '陈副区长',
      firstContactOfficer: '赵晓东',
      firstContactPhone: '139 0000 1234',
      greenChannel: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    const tm = res.json();
    expect(tm).toMatchObject({
      version: version + 1,
      liaisonLeader: '陈副区长',
      firstContactOfficer: '赵晓东',
      firstContactNamedOn: '2026-11-28',
      firstContactOverdue: false,
      daysLate: 0,
    });
    expect(
      tm.members.map((m: { name: string; unitId: string | null; duty: string | null }) => [
        m.name,
        m.unitId,
        m.duty,
      ]),
    ).toEqual([
      ['张建国', town, '统筹推进'],
      ['李敏', dept, null],
      ['王磊', null, null],
    ]);
    const project = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}`)).json();
    expect(project.project?.version ?? project.version).toBe(version + 1);
    expect(await unnamedIds(center)).not.toContain(projectId);
    const log = await t.db
      .selectFrom('auditLog')
      .select('changes')
      .where('action', '=', 'project_team.update')
      .where('objectId', '=', projectId)
      .where('result', '=', 'success')
      .executeTakeFirstOrThrow();
    expect(log.changes).toMatchObject({ firstContactOfficer: { before: null, after: '赵晓东' } });
    version += 1;
  });

  it('keeps the day the officer was first named when the name or phone changes later', async () => {
    t.clock.set(new Date('2026-12-02T02:00:00Z'));
    try {
      const later = await as(['center_admin'], town);
      const res = await call(t.app, later, 'PUT', `/api/projects/${projectId}/team`, {
        version,
        members: [],
        liaisonLeader: '陈副区长',
        firstContactOfficer: '孙丽',
        firstContactPhone: '0310-1234567',
        greenChannel: false,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        firstContactOfficer: '孙丽',
        firstContactNamedOn: '2026-11-28',
        members: [],
      });
      version = res.json().version;
    } finally {
      t.clock.set(new Date('2026-11-28T02:00:00Z'));
    }
  });

  it('refuses a stale version (and the project form then refuses its old version too)', async () => {
    const body = {
      members: [],
      liaisonLeader: null,
      firstContactOfficer: '孙丽',
      firstContactPhone: null,
      greenChannel: false,
    };
    const stale = await call(t.app, reporter, 'PUT', `/api/projects/${projectId}/team`, {
      ...body,
      version: version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('projects.version_conflict');
    const edit = await call(t.app, reporter, 'PATCH', `/api/projects/${projectId}`, {
      version: version - 1,
      name: '改名',
    });
    expect(edit.statusCode).toBe(409);
  });

  it('takes members only from the district’s units and writes only for the project’s unit and the center', async () => {
    const base = {
      version,
      members: [],
      liaisonLeader: null,
      firstContactOfficer: '孙丽',
      firstContactPhone: null,
      greenChannel: false,
    };
    const foreign = await call(t.app, reporter, 'PUT', `/api/projects/${projectId}/team`, {
      ...base,
      members: [{ unitId: foreignUnit, name: '外区人员', role: 'member' }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('project_team.unit_invalid');
    const phone = await call(t.app, reporter, 'PUT', `/api/projects/${projectId}/team`, {
      ...base,
      firstContactPhone: '<script>',
    });
    expect(phone.statusCode).toBe(400);
    expect((await call(t.app, handler, 'PUT', `/api/projects/${projectId}/team`, base)).statusCode).toBe(403);
    expect(
      (await call(t.app, otherReporter, 'PUT', `/api/projects/${projectId}/team`, base)).statusCode,
    ).toBe(404);
    expect((await call(t.app, otherReporter, 'GET', `/api/projects/${projectId}/team`)).statusCode).toBe(404);
    const cleared = await call(t.app, center, 'PUT', `/api/projects/${projectId}/team`, {
      ...base,
      firstContactOfficer: '  ',
    });
    expect(cleared.json()).toMatchObject({
      firstContactOfficer: null,
      firstContactNamedOn: null,
      firstContactOverdue: true,
    });
  });
});
