import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, setupPlatform, type TestApp } from '../../test/test-app.js';
import { computeProgress } from '../progress/progress.compute.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
});
afterAll(() => t.close());

describe('the demo targets', () => {
  it('sets 2026 up with the district’s issuing body and 文号 prefix', async () => {
    const settings = await t.db
      .selectFrom('assessmentYears')
      .selectAll()
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    expect(settings.issuingBody).toBe('洺水区招商引资工作领导小组办公室');
    expect(settings.docPrefix).toBe('洺招办');
  });

  it('gives every unit and the district targets for 2025 and 2026, quarters adding up', async () => {
    const units = await t.db
      .selectFrom('units')
      .select('id')
      .where('kind', '<>', 'center')
      .where('active', '=', true)
      .execute();
    for (const year of [2025, 2026]) {
      const rows = await t.db
        .selectFrom('targets')
        .selectAll()
        .where('year', '=', year)
        .where('indicatorKey', '=', 'signed_amount')
        .execute();
      expect(rows.filter((r) => r.unitId !== null)).toHaveLength(units.length);
      expect(rows.filter((r) => r.unitId === null)).toHaveLength(1);
      for (const r of rows) {
        const q = [r.q1, r.q2, r.q3, r.q4].reduce((s, v) => s + Number(v), 0);
        expect(q).toBe(Number(r.annual));
      }
    }
  });

  it('has units both ahead of and behind 序时进度 at the end of October 2026', async () => {
    const district = await t.db
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'district')
      .executeTakeFirstOrThrow();
    const p = await computeProgress(t.db, { districtId: district.id, year: 2026, cutoff: '2026-10-31' });
    const ahead = p.units.map((u) => Number(p.cells[u.id]?.signed_amount.ahead ?? 'NaN'));
    expect(ahead.some((a) => a > 0)).toBe(true);
    expect(ahead.some((a) => a < 0)).toBe(true);
    expect(p.district.signed_amount.completion).not.toBeNull();
  });
});
