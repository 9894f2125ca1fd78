import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyPhoningUnits } from '../../../domain/activities/activities.schemas.js';
import { buildTestApp, call, loginAs, setupPlatform, type TestApp } from '../../test/test-app.js';
import { loadDemoActivities } from './demo-activities.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
});
afterAll(() => t.close());

const fingerprint = async (q: typeof t.db) =>
  (
    await sql<{ n: number; h: string }>`
      select count(*)::int as n, md5(string_agg(unit_id || kind || occurred_on || led_by_leader, ',' order by
        unit_id, occurred_on, kind, summary, place)) as h from activities`.execute(q)
  ).rows[0]!;

describe('the demo activities', () => {
  it('covers the 24 months up to today, never later', async () => {
    const r = await t.db
      .selectFrom('activities')
      .select([
        sql<string>`min(occurred_on)::text`.as('first'),
        sql<string>`max(occurred_on)::text`.as('last'),
        sql<number>`count(distinct to_char(occurred_on, 'YYYY-MM'))::int`.as('months'),
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(*) filter (where led_by_leader)::int`.as('led'),
      ])
      .executeTakeFirstOrThrow();
    expect(r.first >= '2024-12-01').toBe(true);
    expect(r.last <= '2026-11-28').toBe(true);
    expect(r.months).toBe(24);
    expect(r.n).toBeGreaterThan(1500);
    expect(r.led).toBeGreaterThan(50);
  });

  it('shows two towns that mostly only phone, while the active towns go out', async () => {
    const center = await loginAs(t.app, 'center.admin');
    const counts = (
      await call(t.app, center, 'GET', '/api/activities/counts?from=2024-12-01&to=2026-11-30')
    ).json();
    const totals = new Map<string, { visitOut: number; call: number }>();
    for (const c of counts as { unitName: string; visitOut: number; call: number }[]) {
      const x = totals.get(c.unitName) ?? { visitOut: 0, call: 0 };
      x.visitOut += c.visitOut;
      x.call += c.call;
      totals.set(c.unitName, x);
    }
    const phoneHeavy = [...totals].filter(([, x]) => x.visitOut * 5 < x.call).map(([name]) => name);
    expect(phoneHeavy).toHaveLength(2);
    const goers = [...totals].filter(([, x]) => x.visitOut >= x.call * 0.8);
    expect(goers.length).toBeGreaterThan(10);
    // Over a single month many of their cells show calls with no visit out at all.
    const lastMonth = (
      await call(t.app, center, 'GET', '/api/activities/counts?from=2026-10-01&to=2026-10-31')
    ).json();
    const flagged = onlyPhoningUnits(lastMonth);
    expect(flagged.size).toBeGreaterThan(0);
  });

  it('is the same every time for the same day', async () => {
    const before = await fingerprint(t.db);
    const again = await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('activities').execute();
        const district = await trx
          .selectFrom('regions')
          .select('id')
          .where('kind', '=', 'district')
          .executeTakeFirstOrThrow();
        const units = await trx
          .selectFrom('units')
          .select(['id', 'kind'])
          .where('districtId', '=', district.id)
          .orderBy('sortOrder')
          .execute();
        await loadDemoActivities(trx, { districtId: district.id, units, now: t.clock.now() });
        const fp = await fingerprint(trx);
        throw Object.assign(new Error('rollback'), { fp });
      })
      .catch((e: { fp?: unknown }) => e.fp);
    expect(again).toEqual(before);
  });
});
