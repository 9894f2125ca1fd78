import type { Insertable, Transaction } from 'kysely';
import { addMonths, monthOfDay } from '../../../domain/capital/capital.rules.js';
import {
  COMPARISON_KEYS,
  type ComparisonKey,
} from '../../../domain/city-comparison/city-comparison.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import type { CityFiguresTable, DB } from '../../db/schema.js';
import { computeDistrictTotals } from '../indicators/indicators.compute.js';
import { loadYearSettings } from '../progress/progress.compute.js';
import { mulberry32 } from './demo-random.js';

// The other districts of the demo city (横向对比), as the center would type them from the city's monthly
// bulletin: eight invented districts, every month of 2025 and of 2026 up to last month. Sized from the demo
// district's own year-to-date figures, so that it sits in the top three on some indicators (signed count,
// started, completed investment) and around 4th–6th on others (signed amount, funds in place, foreign
// capital): the page then has both a 标兵 to chase and a 追兵 to keep off. Seeded PRNG; one INSERT.

/** Invented names (no real district of a real city is meant). */
const PEERS = ['澜屿区', '桐坪区', '翠渚区', '榕湾区', '泓川区', '苇塘区', '霁山区', '棠溪区', '澄沙区'];

// Each peer's figure as a multiple of ours: two above us on signed count, started and completed investment
// (we rank 3rd), four or five on signed amount, funds in place and foreign capital (5th–6th). Per peer the
// same multiple every month, with a little noise, as real tables look.
const AHEAD_OF_US: Record<ComparisonKey, number[]> = {
  signed_count: [1.35, 1.12, 0.88, 0.8, 0.7, 0.62, 0.5, 0.38],
  signed_amount: [1.9, 1.5, 1.28, 1.12, 0.86, 0.72, 0.55, 0.4],
  started_count: [1.25, 1.1, 0.9, 0.78, 0.66, 0.6, 0.48, 0.3],
  funds_in_place: [1.7, 1.42, 1.22, 1.08, 0.9, 0.75, 0.6, 0.45],
  completed_investment: [1.3, 1.08, 0.92, 0.85, 0.72, 0.6, 0.5, 0.35],
  foreign_capital_used: [2.1, 1.6, 1.3, 1.15, 1.06, 0.8, 0.5, 0.3],
};

/** When the demo district has nothing on an indicator in a year, a believable year of a mid-sized district. */
const FALLBACK_YEAR: Record<ComparisonKey, bigint> = {
  signed_count: 40n,
  signed_amount: 8_000_000_000n,
  started_count: 22n,
  funds_in_place: 3_000_000_000n,
  completed_investment: 5_000_000_000n,
  foreign_capital_used: 5_000_000_000n, // 5000万美元 in cents
};

// Money rounds to whole 万元 / 万美元, as the city's tables print it.
const GRAIN: Record<ComparisonKey, bigint> = {
  signed_count: 1n,
  signed_amount: 10_000n,
  started_count: 1n,
  funds_in_place: 10_000n,
  completed_investment: 10_000n,
  foreign_capital_used: 1_000_000n,
};

export async function loadDemoCity(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; now: Date },
): Promise<{ cityFigures: number }> {
  const rand = mulberry32(20_261_201);
  const last = addMonths(monthOfDay(chinaToday(o.now)), -1);
  const lastYear = Number(last.slice(0, 4));
  const us = await trx
    .selectFrom('regions')
    .select('name')
    .where('id', '=', o.districtId)
    .executeTakeFirstOrThrow();
  const peers = PEERS.filter((p) => p !== us.name).slice(0, 8);
  const rows: Insertable<CityFiguresTable>[] = [];
  for (const year of [lastYear - 1, lastYear]) {
    const months = year < lastYear ? 12 : Number(last.slice(5, 7));
    if (months < 1) continue;
    // Ours through the last month of that year, under our 口径: two computations in all, not one a month.
    const settings = await loadYearSettings(trx, o.districtId, year);
    const total = await computeDistrictTotals(trx, {
      districtId: o.districtId,
      from: `${year}-01-01`,
      to: `${year}-${String(months).padStart(2, '0')}-28`,
      definitions: settings.definitions,
    });
    for (const key of COMPARISON_KEYS) {
      const ours = BigInt(Math.round(Number(total[key])));
      // A year-to-date figure per month: the year's pace spread evenly, ours as the yardstick.
      const yearBase = ours > 0n ? (ours * 12n) / BigInt(months) : FALLBACK_YEAR[key];
      AHEAD_OF_US[key].forEach((multiple, i) => {
        for (let m = 1; m <= months; m++) {
          const noise = 0.94 + rand() * 0.12;
          const raw = (Number(yearBase) * m * multiple * noise) / 12;
          const grain = GRAIN[key];
          const value = (BigInt(Math.round(raw / Number(grain))) * grain).toString();
          rows.push({
            districtId: o.districtId,
            year,
            month: m,
            indicatorKey: key,
            peerName: peers[i]!,
            peerRegionId: null,
            value,
            source: 'typed',
            updatedBy: o.userId,
            updatedAt: o.now,
          });
        }
      });
    }
  }
  // 2 years × 12 months × 6 indicators × 8 districts ≤ 1,152 rows × 10 columns: one INSERT.
  if (rows.length > 0) await trx.insertInto('cityFigures').values(rows).execute();
  return { cityFigures: rows.length };
}
