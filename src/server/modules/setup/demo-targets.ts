import type { Insertable, Transaction } from 'kysely';
import { chinaToday } from '../../../domain/dates.js';
import type { IndicatorKey } from '../../../domain/indicators/catalogue.js';
import type { DB, TargetsTable } from '../../db/schema.js';
import { computeIndicators } from '../indicators/indicators.compute.js';

// The demo's 任务分解: 2026 settings (the district's own 发文机关 and 文号 prefix) and annual targets for 2025
// and 2026 for every unit and the district, sized from the demo's own figures so that, at the end of last
// month, some units are ahead of 序时进度 and some behind. Quarter targets for the money indicators.

const KEYS: IndicatorKey[] = [
  'signed_count',
  'signed_amount',
  'started_count',
  'funds_in_place',
  'foreign_capital_used',
  'completed_investment',
];
const QUARTERED = new Set<IndicatorKey>(['signed_amount', 'foreign_capital_used', 'funds_in_place']);
const QUARTER_SHARE = [20n, 25n, 25n, 30n];
// Targets ÷ what the unit's pace would reach by December: below 1 → ahead, above 1 → behind. Cycled over the
// units so every group has both.
const STRETCH = [0.8, 1.3, 0.95, 1.6, 1.1, 0.85, 1.45, 1.0, 1.25, 0.9];

/** Money rounded to 100万 (元) or 10万美元 (cents), counts to whole projects; never below a small floor. */
function round(key: IndicatorKey, v: number): bigint {
  if (key === 'signed_count' || key === 'started_count') return BigInt(Math.max(1, Math.round(v)));
  const step = key === 'foreign_capital_used' ? 10_000_000 : 1_000_000;
  const floor = key === 'foreign_capital_used' ? 20_000_000 : 10_000_000;
  return BigInt(Math.max(floor, Math.round(v / step) * step));
}

function quarters(key: IndicatorKey, annual: bigint): (string | null)[] {
  if (!QUARTERED.has(key)) return [null, null, null, null];
  const q = QUARTER_SHARE.slice(0, 3).map((s) => (annual * s) / 100n);
  return [...q, annual - q.reduce((a, b) => a + b, 0n)].map(String);
}

const num = (v: unknown) => (typeof v === 'object' && v !== null ? 0 : Number(v));

export async function loadDemoTargets(
  trx: Transaction<DB>,
  o: { districtId: string; units: { id: string; kind: string }[]; userId: string; now: Date },
): Promise<{ targets: number }> {
  const today = chinaToday(o.now);
  const year = Number(today.slice(0, 4));
  const lastMonthEnd = new Date(Date.UTC(year, Number(today.slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);
  // In January there is no month of this year yet: size from one month's pace.
  const monthsDone = lastMonthEnd.startsWith(`${year}`) ? Number(lastMonthEnd.slice(5, 7)) : 1;
  const district = await trx
    .selectFrom('regions')
    .select('name')
    .where('id', '=', o.districtId)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('assessmentYears')
    .values({
      districtId: o.districtId,
      year,
      definitions: JSON.stringify({}),
      timeProgressBasis: 'months',
      goalRank: 3,
      stalledMonths: 3,
      issuingBody: `${district.name}招商引资工作领导小组办公室`,
      docPrefix: `${district.name.slice(0, 1)}招办`,
      updatedBy: o.userId,
      updatedAt: o.now,
    })
    .execute();

  const [lastYear, thisYear] = await Promise.all([
    computeIndicators(trx, { districtId: o.districtId, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }),
    computeIndicators(trx, { districtId: o.districtId, from: `${year}-01-01`, to: lastMonthEnd }),
  ]);
  const rows: Insertable<TargetsTable>[] = [];
  const totals = { [year - 1]: new Map<IndicatorKey, bigint>(), [year]: new Map<IndicatorKey, bigint>() };
  const add = (y: number, unitId: string | null, key: IndicatorKey, annual: bigint) => {
    const [q1, q2, q3, q4] = quarters(key, annual);
    rows.push({
      districtId: o.districtId,
      year: y,
      unitId,
      indicatorKey: key,
      annual: annual.toString(),
      q1,
      q2,
      q3,
      q4,
      updatedBy: o.userId,
      updatedAt: o.now,
    });
    totals[y]!.set(key, (totals[y]!.get(key) ?? 0n) + annual);
  };
  o.units.forEach((u, i) => {
    const stretch = STRETCH[i % STRETCH.length]!;
    for (const key of KEYS) {
      // Last year: about what was done, a little above or below.
      add(year - 1, u.id, key, round(key, num(lastYear[u.id]?.[key]) * (0.9 + (i % 5) * 0.05)));
      // This year: the pace so far carried to December, stretched.
      add(year, u.id, key, round(key, ((num(thisYear[u.id]?.[key]) * 12) / monthsDone) * stretch));
    }
  });
  // The district's own targets from the city: a little above the sum of its units'.
  for (const y of [year - 1, year]) {
    for (const key of KEYS) add(y, null, key, round(key, Number(totals[y]!.get(key) ?? 0n) * 1.05));
  }
  await trx.insertInto('targets').values(rows).execute();
  return { targets: rows.length };
}
