import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCapitalReport, buildDistrict, buildSignedProject, buildUnit } from '../../test/fixtures.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { computeProgress } from './progress.compute.js';

// A unit with projects signed this month, last month and last year, and capital reports in each: the four
// periods of computeProgress all have something to count.
let t: TestApp;
let districtId: string;
let unitId: string;

beforeAll(async () => {
  t = await buildTestApp();
  districtId = (await buildDistrict(t.db)).id;
  unitId = (await buildUnit(t.db, { districtId })).id;
  for (const [signingDate, month] of [
    ['2026-10-12', '2026-10'],
    ['2026-09-03', '2026-09'],
    ['2025-10-20', '2025-10'],
    ['2025-12-05', '2025-12'],
  ] as const) {
    const p = await buildSignedProject(t.db, { unitId, signingDate });
    await buildCapitalReport(t.db, { projectId: p.id, month });
  }
});
afterAll(() => t?.close());

describe('computeProgress', () => {
  it('can skip the period before (the dashboard) without changing any other figure', async () => {
    const q = { districtId, year: 2026, cutoff: '2026-10-31' };
    const full = await computeProgress(t.db, q);
    const lean = await computeProgress(t.db, { ...q, previousPeriod: false });
    expect(full.cells[unitId]!.signed_count.previousPeriod).toBe(1);
    expect(full.cells[unitId]!.signed_count.mom).not.toBeNull();
    expect(lean.cells[unitId]!.signed_count.previousPeriod).toBe(0);
    expect(lean.cells[unitId]!.signed_count.mom).toBeNull();
    const strip = (r: typeof full) =>
      JSON.stringify(r, (k, v) => (k === 'previousPeriod' || k === 'mom' ? undefined : v));
    expect(strip(lean)).toEqual(strip(full));
    expect(full.cells[unitId]!.signed_count).toMatchObject({ period: 1, cumulative: 2, lastYear: 1 });
    // The capital months it read cover last year's January to the cut-off (the dashboard's trend).
    expect(full.capital).toMatchObject({ from: '2025-01-01', to: '2026-10-31' });
    expect(full.capital.rows.map((r) => r.month).sort()).toEqual([
      '2025-10-01',
      '2025-12-01',
      '2026-09-01',
      '2026-10-01',
    ]);
  });
});
