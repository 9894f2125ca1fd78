import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityComparisonView } from '../../../domain/city-comparison/city-comparison.schemas.js';
import { sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, setupPlatform, type TestApp } from '../../test/test-app.js';

// The test clock's today is 2026-03-02: the demo's last month is 2026-02.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app, { loadDemo: true });
}, 120_000);
afterAll(async () => t.close());

describe('demo city figures', () => {
  it('eight other districts every month of last year and this year to last month; the demo district is top 3 on some indicators and lower on others', async () => {
    const months = await t.db
      .selectFrom('cityFigures')
      .select(['year', 'month'])
      .distinct()
      .orderBy('year')
      .orderBy('month')
      .execute();
    expect(months.length).toBe(14);
    expect(months.at(-1)).toEqual({ year: 2026, month: 2 });
    const center = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'center.admin')
      .executeTakeFirstOrThrow();
    const s = await sessionFor(t.db, center.id, t.clock.now());
    const res = await call(t.app, s, 'GET', '/api/assessment/city?year=2025&month=12');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as CityComparisonView;
    expect(c.rows).toHaveLength(9);
    expect(c.standings).toHaveLength(6);
    for (const st of c.standings) expect(st.of).toBe(9);
    const ranks = c.standings.map((st) => st.rank ?? 0);
    expect(ranks.some((r) => r <= 3)).toBe(true);
    expect(ranks.some((r) => r >= 4 && r <= 7)).toBe(true);
  });
});
