import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttachment, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let reporter: Session;
let stranger: Session;
let townId: string;
let districtId: string;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-15T02:00:00Z'));
  await setupPlatform(t.app);
  districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  townId = (await buildUnit(t.db, { districtId, name: '时间线镇' })).id;
  const otherTown = await buildUnit(t.db, { districtId, name: '旁观镇' });
  reporter = await sessionFor(t.db, (await buildUser(t.db, { unitId: townId })).id, t.clock.now());
  stranger = await sessionFor(t.db, (await buildUser(t.db, { unitId: otherTown.id })).id, t.clock.now());
});
afterAll(() => t.close());

describe('project timeline', () => {
  it('lists stage changes, edits, uploads, capital reports and activities, newest first', async () => {
    const created = (
      await call(t.app, reporter, 'POST', '/api/projects', { unitId: townId, name: '时间线项目' })
    ).json();
    const edited = (
      await call(t.app, reporter, 'PATCH', `/api/projects/${created.id}`, {
        version: created.version,
        plannedTotalYuan: '300000000',
        chain: '装备制造',
      })
    ).json();
    await buildAttachment(t.db, { projectId: created.id });
    const moved = await call(t.app, reporter, 'POST', `/api/projects/${created.id}/moves`, {
      to: 'signed',
      effectiveDate: '2026-06-01',
      version: edited.version,
      fields: { signingDate: '2026-06-01', agreementType: 'formal', signedAmountYuan: '280000000' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await t.db
      .insertInto('capitalReports')
      .values({
        districtId,
        unitId: townId,
        projectId: created.id,
        month: '2026-05-01',
        fundsOutOfProvinceYuan: '10000000',
        fundsLocalYuan: '2500000',
        completedInvestmentYuan: '9000000',
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .execute();
    const activity = await call(t.app, reporter, 'POST', `/api/projects/${created.id}/activities`, {
      kind: 'visit_out',
      occurredOn: '2026-06-12',
      place: '苏州',
      summary: '赴苏州拜访企业总部，商谈二期',
    });
    expect(activity.statusCode, activity.body).toBe(201);

    const res = await call(t.app, reporter, 'GET', `/api/projects/${created.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const entries = res.json() as { kind: string; date: string; [k: string]: unknown }[];
    expect(entries.map((e) => e.kind).sort()).toEqual(
      ['activity', 'capital', 'edit', 'stage', 'stage'].sort(),
    );
    // Entered today (06-15), visited 06-12, signed 06-01, reported May.
    expect(entries.map((e) => `${e.kind} ${e.date}`).filter((x) => !x.startsWith('edit'))).toEqual([
      'stage 2026-06-15',
      'activity 2026-06-12',
      'stage 2026-06-01',
      'capital 2026-05-01',
    ]);
    expect(entries.find((e) => e.kind === 'edit')).toMatchObject({
      edit: { fields: expect.arrayContaining(['plannedTotalYuan', 'chain']) },
    });
    expect(entries.find((e) => e.kind === 'capital')).toMatchObject({
      capital: { month: '2026-05', fundsInPlaceYuan: '12500000', completedInvestmentYuan: '9000000' },
    });
    const dates = entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('is not readable by another town', async () => {
    const p = (
      await call(t.app, reporter, 'POST', '/api/projects', { unitId: townId, name: '保密项目' })
    ).json();
    const res = await call(t.app, stranger, 'GET', `/api/projects/${p.id}/timeline`);
    expect(res.statusCode).toBe(404);
  });
});
