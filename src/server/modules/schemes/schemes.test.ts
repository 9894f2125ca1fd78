import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { buildSignedProject, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';
import { latestPublishedScheme } from './schemes.service.js';

// A small district worked out by hand (year 2026, cut-off 2026-10-31). Every project is signed in 2026.
//   towns:      T1 2 projects, target 签约项目数 2     T2 2 projects, target 2     T3 1 project, target 0
//   department: D1 1 project, target 4
// Scheme:
//   rate  (12 points, ifMissing 5): min(completion(签约项目数), 1.2) * 10
//         T1 1 → 10   T2 10   T3 zero target → missing → 5   D1 0.25 → 2.5
//   bonus (3 points, towns only):   per(count(signed_count), 1, 3)
//         T1 2   T2 2   T3 1   D1 not applicable
//   totals: T1 12, T2 12 (tied: both rank 1), T3 6 (rank 3); D1 2.5 (rank 1 among departments)
let t: TestApp;
let districtId: string;
let center: Session;
let leader: Session;
let town: Session;
const u = { T1: '', T2: '', T3: '', D1: '' };
const base = '/api/assessment/schemes';
const CUTOFF = '2026-10-31';

const ITEMS = [
  {
    key: 'rate',
    name: '签约项目完成率',
    points: 12,
    ifMissing: 5,
    formula: 'min(completion(签约项目数), 1.2) * 10',
  },
  { key: 'bonus', name: '签约加分', points: 3, group: 'town', formula: 'per(count(signed_count), 1, 3)' },
];

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app);
  const district = await t.db
    .selectFrom('regions')
    .select('id')
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  districtId = district.id;
  // Only our units are assessed: park any unit setup made (other than the center) out of the way.
  await t.db
    .updateTable('units')
    .set({ active: false })
    .where('districtId', '=', districtId)
    .where('kind', '<>', 'center')
    .execute();
  for (const [k, kind] of [
    ['T1', 'town'],
    ['T2', 'town'],
    ['T3', 'town'],
    ['D1', 'department'],
  ] as const) {
    u[k] = (await buildUnit(t.db, { districtId, name: `方案${k}`, kind })).id;
  }
  const signed = { T1: 2, T2: 2, T3: 1, D1: 1 };
  for (const [k, n] of Object.entries(signed)) {
    for (let i = 0; i < n; i++)
      await buildSignedProject(t.db, { unitId: u[k as keyof typeof u], signingDate: `2026-0${3 + i}-01` });
  }
  const targets = { T1: '2', T2: '2', T3: '0', D1: '4' };
  for (const [k, annual] of Object.entries(targets)) {
    await t.db
      .insertInto('targets')
      .values({
        districtId,
        year: 2026,
        unitId: u[k as keyof typeof u],
        indicatorKey: 'signed_count',
        annual,
        updatedAt: new Date(),
      })
      .execute();
  }
  const as = async (unitId: string, roles: Role[]) =>
    sessionFor(t.db, (await buildUser(t.db, { unitId, roles })).id, t.clock.now());
  const centerUnit = await t.db
    .selectFrom('units')
    .select('id')
    .where('districtId', '=', districtId)
    .where('kind', '=', 'center')
    .executeTakeFirstOrThrow();
  center = await as(centerUnit.id, ['center_admin']);
  leader = await as(centerUnit.id, ['leader']);
  town = await as(u.T1, ['unit_reporter']);
});
afterAll(async () => {
  await t.close();
});

describe('assessment schemes', () => {
  let v1 = '';
  let v2 = '';

  it('refuses a broken formula with the item and the wrong part, then saves it once fixed', async () => {
    const broken = [{ ...ITEMS[0]!, formula: 'mn(completion(签约项目数), 1.2) * 10' }, ITEMS[1]!];
    const bad = await call(t.app, center, 'POST', base, {
      year: 2026,
      name: '2026年考核方案',
      items: broken,
    });
    expect(bad.statusCode).toBe(422);
    const err = bad.json().error;
    expect(err.code).toBe('schemes.invalid');
    expect(err.fields['items.0.formula']).toMatchObject({ start: 0, end: 2 });
    expect(err.fields['items.0.formula'].messageZh).toContain('mn');
    expect(await t.db.selectFrom('assessmentSchemes').select('id').execute()).toEqual([]);

    const check = await call(t.app, center, 'POST', `${base}/check`, { items: broken });
    expect(check.statusCode).toBe(200);
    expect(check.json().errors).toEqual([
      expect.objectContaining({ item: 0, itemKey: 'rate', field: 'formula', start: 0, end: 2 }),
    ]);

    const ok = await call(t.app, center, 'POST', base, { year: 2026, name: '2026年考核方案', items: ITEMS });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ version: 1, status: 'draft', itemsCount: 2, inForce: false });
    v1 = ok.json().id;
  });

  it('keeps one draft per year and saves edits to it', async () => {
    const again = await call(t.app, center, 'POST', base, {
      year: 2026,
      name: '另一个',
      fromExample: 'rate_times_weight',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('schemes.draft_exists');

    const bad = await call(t.app, center, 'PUT', `${base}/${v1}`, {
      items: [ITEMS[0], { ...ITEMS[1]!, formula: 'per(count(signed_count), 1, 3' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json().error.fields)).toEqual(['items.1.formula']);

    const put = await call(t.app, center, 'PUT', `${base}/${v1}`, { items: ITEMS });
    expect(put.statusCode).toBe(200);
    expect(put.json().items).toEqual([
      { key: 'rate', name: '签约项目完成率', points: 12, ifMissing: 5, formula: ITEMS[0]!.formula },
      { key: 'bonus', name: '签约加分', points: 3, group: 'town', formula: ITEMS[1]!.formula },
    ]);
  });

  it('previews the draft: ties share a rank, a zero target scores ifMissing, groups ranked apart', async () => {
    const res = await call(t.app, leader, 'POST', `${base}/${v1}/preview`, { cutoff: CUTOFF });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { key: string }) => i.key)).toEqual(['rate', 'bonus']);
    const byId = Object.fromEntries(body.units.map((x: { unitId: string }) => [x.unitId, x]));
    expect(byId[u.T1]).toMatchObject({
      group: 'town',
      total: 12,
      rank: 1,
      items: { rate: { score: 10, missing: false }, bonus: { score: 2 } },
    });
    expect(byId[u.T2]).toMatchObject({ total: 12, rank: 1 });
    expect(byId[u.T3]).toMatchObject({
      total: 6,
      rank: 3,
      items: { rate: { score: 5, missing: true }, bonus: { score: 1, missing: false } },
    });
    expect(byId[u.D1]).toMatchObject({
      group: 'department',
      total: 2.5,
      rank: 1,
      items: { rate: { score: 2.5 }, bonus: { score: null } },
    });
    // Towns first, by rank; then departments.
    expect(body.units.map((x: { unitId: string }) => x.unitId).slice(2)).toEqual([u.T3, u.D1]);

    // Unsaved items preview too (the editor before saving): the whole scheme's points halved.
    const unsaved = await call(t.app, center, 'POST', `${base}/${v1}/preview`, {
      cutoff: CUTOFF,
      items: [{ key: 'rate', name: '完成率', points: 6, formula: 'min(completion(signed_count), 1.2) * 5' }],
    });
    expect(unsaved.json().units.find((x: { unitId: string }) => x.unitId === u.T1).total).toBe(5);

    const outside = await call(t.app, center, 'POST', `${base}/${v1}/preview`, { cutoff: '2025-12-31' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('schemes.cutoff_year');
  });

  it('explains a score part by part', async () => {
    const res = await call(t.app, center, 'POST', `${base}/${v1}/explain`, {
      cutoff: CUTOFF,
      unitId: u.D1,
      itemKey: 'rate',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.score).toMatchObject({ score: 2.5, missing: false });
    const value = (text: string) => body.steps.find((s: { text: string }) => s.text === text)?.value;
    expect(value('min(completion(签约项目数), 1.2) * 10')).toBe('2.5');
    expect(value('min(completion(签约项目数), 1.2)')).toBe('0.25');
    expect(value('completion(签约项目数)')).toBe('0.25');

    const missing = await call(t.app, center, 'POST', `${base}/${v1}/explain`, {
      cutoff: CUTOFF,
      unitId: u.T3,
      itemKey: 'rate',
    });
    expect(missing.json().score).toMatchObject({ score: 5, missing: true });
    expect(
      missing.json().steps.find((s: { text: string }) => s.text === 'completion(签约项目数)').value,
    ).toBeNull();

    const notApplicable = await call(t.app, center, 'POST', `${base}/${v1}/explain`, {
      cutoff: CUTOFF,
      unitId: u.D1,
      itemKey: 'bonus',
    });
    expect(notApplicable.statusCode).toBe(404);
  });

  it('publishes; a published version is immutable and a revision is the next draft', async () => {
    expect(await latestPublishedScheme(t.db, districtId, 2026)).toBeNull();
    const pub = await call(t.app, center, 'POST', `${base}/${v1}/publish`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', inForce: true });
    expect(await latestPublishedScheme(t.db, districtId, 2026)).toMatchObject({
      id: v1,
      version: 1,
      name: '2026年考核方案',
      items: [{ key: 'rate' }, { key: 'bonus' }],
    });

    const put = await call(t.app, center, 'PUT', `${base}/${v1}`, { items: ITEMS });
    expect(put.statusCode).toBe(409);
    expect(put.json().error.code).toBe('schemes.published');
    const broken = await call(t.app, center, 'PUT', `${base}/${v1}`, {
      items: [{ ...ITEMS[0]!, formula: 'mn(1)' }],
    });
    expect(broken.json().error.code).toBe('schemes.published');
    expect((await call(t.app, center, 'DELETE', `${base}/${v1}`)).statusCode).toBe(409);
    expect((await call(t.app, center, 'POST', `${base}/${v1}/publish`)).statusCode).toBe(409);

    const rev = await call(t.app, center, 'POST', `${base}/${v1}/revise`);
    expect(rev.statusCode).toBe(201);
    expect(rev.json()).toMatchObject({ version: 2, status: 'draft', copiedFrom: v1, itemsCount: 2 });
    v2 = rev.json().id;
    // The revision is not in force until published: bulletins still score with v1.
    expect((await latestPublishedScheme(t.db, districtId, 2026))?.id).toBe(v1);
    const list = await call(t.app, center, 'GET', `${base}?year=2026`);
    expect(
      list.json().items.map((s: { version: number; inForce: boolean }) => [s.version, s.inForce]),
    ).toEqual([
      [2, false],
      [1, true],
    ]);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectType', '=', 'assessment_scheme')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'schemes.create',
      'schemes.update',
      'schemes.publish',
      'schemes.revise',
    ]);
  });

  it('copies a version to the next year and starts from an example', async () => {
    const copy = await call(t.app, center, 'POST', `${base}/${v1}/copy`, { toYear: 2027 });
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ year: 2027, version: 1, status: 'draft', name: '2027年考核方案' });
    expect(copy.json().items).toEqual((await call(t.app, center, 'GET', `${base}/${v1}`)).json().items);

    const ex = await call(t.app, center, 'POST', base, {
      year: 2025,
      name: '示例',
      fromExample: 'efficacy_and_bands',
    });
    expect(ex.statusCode).toBe(201);
    expect(ex.json().itemsCount).toBeGreaterThan(0);
    const del = await call(t.app, center, 'DELETE', `${base}/${ex.json().id}`);
    expect(del.statusCode).toBe(204);
    expect((await call(t.app, center, 'GET', `${base}/${ex.json().id}`)).statusCode).toBe(404);

    const examples = await call(t.app, town, 'GET', `${base}/examples`);
    expect(examples.json().items).toHaveLength(3);
    const fns = await call(t.app, town, 'GET', '/api/assessment/functions');
    expect(fns.json().functions.map((f: { name: string }) => f.name)).toContain('efficacy');
    expect(fns.json().indicators).toContainEqual(
      expect.objectContaining({ key: 'signed_amount', name: '签约额' }),
    );
  });

  it('shows a unit published versions only, and lets it write nothing', async () => {
    const list = await call(t.app, town, 'GET', `${base}?year=2026`);
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([v1]);
    expect((await call(t.app, town, 'GET', `${base}/${v2}`)).statusCode).toBe(404);
    expect((await call(t.app, town, 'GET', `${base}/${v1}`)).statusCode).toBe(200);
    for (const [method, url, body] of [
      ['POST', base, { year: 2030, name: 'x', fromExample: 'rate_times_weight' }],
      ['PUT', `${base}/${v2}`, { items: ITEMS }],
      ['POST', `${base}/${v2}/publish`, undefined],
      ['POST', `${base}/${v1}/preview`, { cutoff: CUTOFF }],
    ] as const) {
      const res = await call(t.app, town, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    // A leader reads drafts and previews, but does not write.
    expect((await call(t.app, leader, 'GET', `${base}/${v2}`)).statusCode).toBe(200);
    expect((await call(t.app, leader, 'POST', `${base}/${v2}/publish`)).statusCode).toBe(403);
  });
});
