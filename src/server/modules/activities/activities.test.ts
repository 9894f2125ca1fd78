import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchTextOf } from '../../../domain/search/search-text.js';
import { buildProject, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let town: { id: string };
let otherTown: { id: string };
let reporter: Session;
let colleague: Session;
let other: Session;
let center: Session;
let leader: Session;
let projectId: string;
let leadId: string;
let otherLeadId: string;

async function insertLead(unitId: string, title: string, shared = false) {
  const enterprise = await t.db
    .insertInto('enterprises')
    .values({
      districtId,
      name: `${title}企业有限公司`,
      nameKey: `${title}企业有限公司`,
      kinds: [],
      searchText: searchTextOf(title),
      createdAt: new Date(),
      updatedAt: new Date(),
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('leads')
    .values({
      districtId,
      unitId,
      enterpriseId: enterprise.id,
      title,
      channel: 'event',
      receivedOn: '2026-05-01',
      shared,
      searchText: searchTextOf(title),
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const post = (s: Session, url: string, body: Record<string, unknown>) => call(t.app, s, 'POST', url, body);

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-20T03:00:00Z'));
  await setupPlatform(t.app);
  districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  const centerUnit = await t.db
    .selectFrom('units')
    .select('id')
    .where('kind', '=', 'center')
    .executeTakeFirstOrThrow();
  town = await buildUnit(t.db, { districtId, name: '南庄镇' });
  otherTown = await buildUnit(t.db, { districtId, name: '青石镇' });
  const office = await buildUnit(t.db, { districtId, name: '区政府办公室', kind: 'department' });
  const at = t.clock.now();
  const session = async (unitId: string, roles: NonNullable<Parameters<typeof buildUser>[1]>['roles']) =>
    sessionFor(t.db, (await buildUser(t.db, { unitId, roles })).id, at);
  reporter = await session(town.id, ['unit_reporter']);
  colleague = await session(town.id, ['unit_head']);
  other = await session(otherTown.id, ['unit_reporter']);
  center = await session(centerUnit.id, ['center_admin']);
  leader = await session(office.id, ['leader']);
  projectId = (await buildProject(t.db, { unitId: town.id, name: '走访统计测试项目' })).id;
  leadId = await insertLead(town.id, '南庄镇的线索');
  otherLeadId = await insertLead(otherTown.id, '青石镇的共享线索', true);
});
afterAll(() => t.close());

describe('activities on a project', () => {
  it('records visits and calls on a project and lists them newest first', async () => {
    const visit = await post(reporter, `/api/projects/${projectId}/activities`, {
      kind: 'visit_out',
      occurredOn: '2026-06-03',
      place: '北京市朝阳区',
      participants: '镇长、招商办主任',
      ledByLeader: true,
      summary: '赴京拜访企业总部，商谈扩产选址',
    });
    expect(visit.statusCode).toBe(201);
    expect(visit.json()).toMatchObject({ unitName: '南庄镇', projectName: '走访统计测试项目', leadId: null });
    await post(reporter, `/api/projects/${projectId}/activities`, {
      kind: 'call',
      occurredOn: '2026-06-10',
      summary: '电话跟进用地需求',
    });
    await post(reporter, `/api/projects/${projectId}/activities`, {
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
    const res = await post(reporter, `/api/projects/${projectId}/activities`, {
      kind: 'call',
      occurredOn: '2026-07-01',
      summary: '未来',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.occurredOn.messageZh).toBeTruthy();
  });
});

describe('activities on a lead', () => {
  it('records a visit on the town’s own lead, credited to the lead’s unit', async () => {
    const res = await post(reporter, `/api/leads/${leadId}/activities`, {
      kind: 'visit_in',
      occurredOn: '2026-06-12',
      summary: '企业来我镇考察选址',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      leadId,
      leadTitle: '南庄镇的线索',
      unitName: '南庄镇',
      projectId: null,
    });
    const list = (await call(t.app, reporter, 'GET', `/api/leads/${leadId}/activities`)).json();
    expect(list).toHaveLength(1);
  });

  it('shows a project the activities of the lead it came from', async () => {
    await t.db.updateTable('projects').set({ leadId }).where('id', '=', projectId).execute();
    const list = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}/activities`)).json();
    expect(list.map((a: { kind: string }) => a.kind)).toContain('visit_in');
    await t.db.updateTable('projects').set({ leadId: null }).where('id', '=', projectId).execute();
  });

  it('keeps another town out of a lead’s activities, shared lead or not', async () => {
    expect((await call(t.app, other, 'GET', `/api/leads/${leadId}/activities`)).statusCode).toBe(404);
    const write = await post(other, `/api/leads/${leadId}/activities`, {
      kind: 'call',
      occurredOn: '2026-06-01',
      summary: 'x',
    });
    expect(write.statusCode).toBe(404);
    // A shared lead is visible to every unit, but its negotiation log stays with its own unit.
    expect((await call(t.app, reporter, 'GET', `/api/leads/${otherLeadId}/activities`)).statusCode).toBe(404);
  });
});

describe('the activity log', () => {
  beforeAll(async () => {
    const theirs = (await buildProject(t.db, { unitId: otherTown.id, name: '青石镇项目' })).id;
    for (const [kind, occurredOn] of [
      ['call', '2026-06-02'],
      ['call', '2026-06-09'],
      ['call', '2026-05-15'],
    ] as const)
      await post(other, `/api/projects/${theirs}/activities`, { kind, occurredOn, summary: '电话联系' });
  });

  it('lists the whole district for the center, filtered by unit, kind, dates and leader', async () => {
    const all = (await call(t.app, center, 'GET', '/api/activities')).json();
    expect(all.total).toBe(7);
    const q = async (query: string) => (await call(t.app, center, 'GET', `/api/activities?${query}`)).json();
    expect((await q(`unitId=${otherTown.id}`)).total).toBe(3);
    expect((await q('kind=visit_out')).items.map((a: { summary: string }) => a.summary)).toEqual([
      '赴京拜访企业总部，商谈扩产选址',
    ]);
    expect((await q('from=2026-06-01&to=2026-06-09')).total).toBe(3);
    expect((await q('ledByLeader=true')).total).toBe(1);
    const page = await q('page=2&pageSize=5');
    expect(page.items).toHaveLength(2);
    expect((await call(t.app, leader, 'GET', '/api/activities')).json().total).toBe(7);
  });

  it('lists only the town’s own activities for a town, whatever unit it asks for', async () => {
    const mine = (await call(t.app, other, 'GET', '/api/activities')).json();
    expect(mine.total).toBe(3);
    const peek = (await call(t.app, other, 'GET', `/api/activities?unitId=${town.id}`)).json();
    expect(peek.total).toBe(0);
  });

  it('counts visits out apart from calls, per unit per month', async () => {
    const counts = (
      await call(t.app, center, 'GET', '/api/activities/counts?from=2026-05-01&to=2026-06-30')
    ).json();
    const cell = (unit: string, month: string) =>
      counts.find((c: { unitName: string; month: string }) => c.unitName === unit && c.month === month);
    expect(cell('南庄镇', '2026-06')).toMatchObject({ visitOut: 1, visitIn: 1, call: 1, ledByLeader: 1 });
    expect(cell('南庄镇', '2026-05')).toMatchObject({ visitOut: 0, call: 1 });
    expect(cell('青石镇', '2026-06')).toMatchObject({ visitOut: 0, call: 2 });
    const theirs = (
      await call(t.app, other, 'GET', '/api/activities/counts?from=2026-05-01&to=2026-06-30')
    ).json();
    expect(theirs.some((c: { unitName: string }) => c.unitName === '南庄镇')).toBe(false);
  });

  it('exports the filtered log in scope as a workbook', async () => {
    const res = await call(t.app, other, 'GET', '/api/activities/export.xlsx?kind=call');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).getCell(1).value).toBe('日期');
    const units = new Set([2, 3, 4].map((i) => ws.getRow(i).getCell(3).value));
    expect([...units]).toEqual(['青石镇']);
  });
});

describe('correcting an activity', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await post(reporter, `/api/projects/${projectId}/activities`, {
        kind: 'call',
        occurredOn: '2026-06-19',
        summary: '误记为电话',
      })
    ).json().id;
  });

  it('lets the recorder correct it within the window, with an audit row', async () => {
    const res = await call(t.app, reporter, 'PATCH', `/api/activities/${id}`, {
      kind: 'visit_out',
      place: '天津市滨海新区',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'visit_out', place: '天津市滨海新区' });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('changes')
      .where('action', '=', 'activities.update')
      .where('objectId', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.changes).toMatchObject({ kind: { before: 'call', after: 'visit_out' } });
  });

  it('refuses a colleague and another town', async () => {
    const byColleague = await call(t.app, colleague, 'PATCH', `/api/activities/${id}`, { summary: '改' });
    expect(byColleague.statusCode).toBe(422);
    expect(byColleague.json().error.code).toBe('activities.not_amendable');
    expect((await call(t.app, other, 'DELETE', `/api/activities/${id}`)).statusCode).toBe(404);
  });

  it('refuses the recorder once the window has passed, and lets them delete within it', async () => {
    const recordedAt = (
      await t.db.selectFrom('activities').select('createdAt').where('id', '=', id).executeTakeFirstOrThrow()
    ).createdAt;
    const setRecordedAt = (d: Date) =>
      t.db.updateTable('activities').set({ createdAt: d }).where('id', '=', id).execute();
    await setRecordedAt(new Date(t.clock.now().getTime() - 8 * 86_400_000));
    expect((await call(t.app, reporter, 'DELETE', `/api/activities/${id}`)).statusCode).toBe(422);
    await setRecordedAt(recordedAt);
    expect((await call(t.app, reporter, 'DELETE', `/api/activities/${id}`)).statusCode).toBe(204);
    expect((await call(t.app, reporter, 'GET', `/api/projects/${projectId}/activities`)).json()).toHaveLength(
      3,
    );
  });
});
