import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCity, buildDistrict, buildSignedProject, buildUnit } from '../../test/fixtures.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { cityComparison, cityStandings } from './city-standing.js';

// One city, two districts on this deployment: 东区 (us) signs 2 projects of 5亿 in 2026, 西区 (live) signs 3;
// 南区 is only typed in. A third district row without units (北区) is a name, not data: it is not a peer.
let t: TestApp;
let ours: string;
let west: string;

async function typed(peerName: string, indicatorKey: string, value: string, month = 3) {
  await t.db
    .insertInto('cityFigures')
    .values({
      districtId: ours,
      year: 2026,
      month,
      indicatorKey,
      peerName,
      peerRegionId: null,
      value,
      source: 'typed',
      updatedBy: null,
      updatedAt: new Date(),
    })
    .execute();
}

beforeAll(async () => {
  t = await buildTestApp();
  const city = await buildCity(t.db);
  ours = (await buildDistrict(t.db, { cityId: city.id, name: '东区' })).id;
  west = (await buildDistrict(t.db, { cityId: city.id, name: '西区' })).id;
  await buildDistrict(t.db, { cityId: city.id, name: '北区' });
  const a = await buildUnit(t.db, { districtId: ours });
  const b = await buildUnit(t.db, { districtId: west });
  for (const d of ['2026-01-10', '2026-03-31'])
    await buildSignedProject(t.db, { unitId: a.id, signingDate: d });
  // The last one is signed in April: outside a comparison through March.
  for (const d of ['2026-02-01', '2026-03-05', '2026-03-20', '2026-04-01'])
    await buildSignedProject(t.db, { unitId: b.id, signingDate: d });
});
afterAll(async () => t.close());

describe('cityStandings', () => {
  it('is empty when no other district has a figure', async () => {
    const other = await buildDistrict(t.db); // a city of its own
    await buildUnit(t.db, { districtId: other.id });
    expect(await cityStandings(t.db, { districtId: other.id, year: 2026, month: 3, goalRank: 3 })).toEqual(
      [],
    );
  });

  it('ranks us against live figures of a sibling district and typed figures of another', async () => {
    await typed('南区', 'signed_count', '2');
    await typed('南区', 'signed_amount', '1200000000');
    const s = await cityStandings(t.db, { districtId: ours, year: 2026, month: 3, goalRank: 1 });
    const count = s.find((x) => x.indicatorKey === 'signed_count');
    // 西区 3 (live), 东区 2, 南区 2 → we are 2nd of 3 (tied with 南区).
    expect(count).toMatchObject({
      name: '签约项目数',
      unit: '个',
      month: 3,
      ours: '2',
      rank: 2,
      of: 3,
      ahead: { name: '西区', value: '3', gap: '1' },
      behind: null,
      goalRank: 1,
      toGoal: '1',
    });
    const amount = s.find((x) => x.indicatorKey === 'signed_amount');
    // 南区 12亿 (typed), 西区 15亿 (live), 东区 10亿.
    expect(amount).toMatchObject({ ours: '1000000000', rank: 3, of: 3, toGoal: '500000000' });
    expect(amount?.ahead).toEqual({ name: '南区', value: '1200000000', gap: '200000000' });
    // Every comparison indicator has a live peer, so every one is listed; 北区 (no units) is nowhere.
    expect(s.map((x) => x.indicatorKey)).toEqual([
      'signed_count',
      'signed_amount',
      'started_count',
      'funds_in_place',
      'completed_investment',
      'foreign_capital_used',
    ]);
    const c = await cityComparison(t.db, { districtId: ours, year: 2026, month: 3, goalRank: 1 });
    expect(c.rows.map((r) => r.name).sort()).toEqual(['东区', '南区', '西区']);
  });

  it('a typed figure for a live district overrides its live figure, the other indicators stay live', async () => {
    await typed('西区', 'signed_count', '1');
    const c = await cityComparison(t.db, { districtId: ours, year: 2026, month: 3, goalRank: 3 });
    const westRow = c.rows.find((r) => r.name === '西区');
    expect(westRow?.regionId).toBe(west);
    expect(westRow?.values.signed_count).toEqual({ value: '1', source: 'typed' });
    expect(westRow?.values.signed_amount).toEqual({ value: '1500000000', source: 'live' });
    const count = c.standings.find((x) => x.indicatorKey === 'signed_count');
    expect(count).toMatchObject({
      rank: 1,
      of: 3,
      ahead: null,
      behind: { name: '西区', value: '1', gap: '1' },
    });
  });

  it('counts each district under its own 口径', async () => {
    // 西区 counts only projects of at least 10亿: none of its 5亿 projects.
    await t.db
      .insertInto('assessmentYears')
      .values({
        districtId: west,
        year: 2026,
        definitions: JSON.stringify({ minAmountYuan: '1000000000' }),
        issuingBody: null,
        docPrefix: null,
        updatedBy: null,
        updatedAt: new Date(),
      })
      .execute();
    const c = await cityComparison(t.db, { districtId: ours, year: 2026, month: 3, goalRank: 3 });
    expect(c.rows.find((r) => r.name === '西区')?.values.signed_amount).toEqual({
      value: '0',
      source: 'live',
    });
  });

  it('reads a district’s published bulletin for the month instead of computing it live', async () => {
    const row = (key: string, cumulative: string) => ({ key, district: { unitId: '', cumulative } });
    const at = new Date();
    await t.db
      .insertInto('bulletins')
      .values({
        districtId: west,
        kind: 'month',
        year: 2026,
        period: 3,
        version: 1,
        periodStart: '2026-03-01',
        periodEnd: '2026-03-31',
        cutoff: '2026-03-31',
        title: '西区2026年3月通报',
        status: 'published',
        snapshot: JSON.stringify({
          indicators: [row('signed_count', '7'), row('signed_amount', '9900000000')],
        }),
        docx: Buffer.from('PK'),
        xlsx: Buffer.from('PK'),
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      })
      .execute();
    const c = await cityComparison(t.db, { districtId: ours, year: 2026, month: 3, goalRank: 3 });
    const westRow = c.rows.find((r) => r.name === '西区')!;
    // signed_count stays typed (the city's table wins); the amount comes from the frozen bulletin; the rest
    // is not in that bulletin and stays live.
    expect(westRow.values.signed_count).toEqual({ value: '1', source: 'typed' });
    expect(westRow.values.signed_amount).toEqual({ value: '9900000000', source: 'published' });
    expect(westRow.values.started_count?.source).toBe('live');
  });
});
