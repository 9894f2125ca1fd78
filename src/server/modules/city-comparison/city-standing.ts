import { sql } from 'kysely';
import type { CityStanding } from '../../../domain/bulletins/snapshot.js';
import {
  COMPARISON_KEYS,
  type ComparisonKey,
  type FigureSource,
  isComparisonKey,
} from '../../../domain/city-comparison/city-comparison.schemas.js';
import { normalizeDecimal, standingOf } from '../../../domain/city-comparison/standing.js';
import { monthEnd } from '../../../domain/dates.js';
import { CATALOGUE_BY_KEY } from '../../../domain/indicators/catalogue.js';
import type { Database } from '../../db/database.js';
import { computeDistrictTotals, type DistrictTotals } from '../indicators/indicators.compute.js';
import { loadYearSettings } from '../progress/progress.compute.js';

// The district among the other districts of its city (横向对比, issue 4 item 7). Our figures come from the one
// indicator computation under our 口径; the others' from what the center typed or imported from the city's
// bulletin (city_figures), or, for a district of the same city running on this deployment, from its own data
// under ITS 口径 (it reports to the city by its own rules). Values are in the catalogue's stored units
// (元, 美分, counts), as decimal text.

export { COMPARISON_KEYS, type ComparisonKey, isComparisonKey };

export interface ComparisonCell {
  value: string;
  source: FigureSource;
}

export interface ComparisonRow {
  name: string;
  /** A district of this deployment (us or a live peer); null for a name only typed in. */
  regionId: string | null;
  ours: boolean;
  values: Partial<Record<ComparisonKey, ComparisonCell>>;
}

export interface CityComparison {
  year: number;
  month: number;
  goalRank: number;
  districtName: string;
  cityName: string | null;
  /** One per comparison indicator that has at least one other district's figure. */
  standings: CityStanding[];
  /** Every district with any figure, us first, then the others by name. */
  rows: ComparisonRow[];
}

export interface CityParams {
  districtId: string;
  year: number;
  month: number;
  goalRank: number;
  /**
   * Our own totals Jan 1 .. end of `month` under our 口径, when the caller has them already (the dashboard sums
   * them from its monthly figures); computed here otherwise.
   */
  ours?: DistrictTotals;
}

/** A district's cumulative comparison figures Jan 1 .. end of month, under its own 口径 for the year. */
async function liveFigures(db: Database, districtId: string, year: number, month: number) {
  const settings = await loadYearSettings(db, districtId, year);
  return comparisonFigures(
    await computeDistrictTotals(db, {
      districtId,
      from: `${year}-01-01`,
      to: monthEnd(year, month),
      definitions: settings.definitions,
    }),
  );
}

/** The comparison indicators of a district's totals, as decimal text. */
export function comparisonFigures(total: DistrictTotals): Record<ComparisonKey, string> {
  return Object.fromEntries(
    COMPARISON_KEYS.map((k) => [k, normalizeDecimal(total[k] as string | number)]),
  ) as Record<ComparisonKey, string>;
}

/**
 * The district-wide cumulative figures of each district's latest published monthly bulletin for year/month
 * whose cut-off is the month's last day (read from the frozen snapshot's district rows).
 */
async function publishedTotals(
  db: Database,
  districtIds: string[],
  year: number,
  month: number,
): Promise<Map<string, Partial<Record<ComparisonKey, string>>>> {
  const out = new Map<string, Partial<Record<ComparisonKey, string>>>();
  if (districtIds.length === 0) return out;
  const { rows } = await sql<{ districtId: string; key: string; value: string | null }>`
    select b.district_id, ind->>'key' as key, ind->'district'->>'cumulative' as value
    from (
      select distinct on (district_id) district_id, snapshot
      from bulletins
      where district_id = any(${districtIds}::uuid[]) and kind = 'month' and year = ${year}
        and period = ${month} and status = 'published' and cutoff = ${monthEnd(year, month)}::date
      order by district_id, version desc
    ) b
    cross join lateral jsonb_array_elements(b.snapshot->'indicators') ind`.execute(db);
  for (const r of rows) {
    if (!isComparisonKey(r.key) || r.value === null) continue;
    const m = out.get(r.districtId) ?? {};
    m[r.key] = normalizeDecimal(r.value);
    out.set(r.districtId, m);
  }
  return out;
}

export async function cityComparison(db: Database, params: CityParams): Promise<CityComparison> {
  const { districtId, year, month, goalRank } = params;
  const us = await db
    .selectFrom('regions as d')
    .leftJoin('regions as c', 'c.id', 'd.parentId')
    .select(['d.id', 'd.name', 'd.parentId', 'c.name as cityName'])
    .where('d.id', '=', districtId)
    .executeTakeFirstOrThrow();
  const [typed, siblings, ours] = await Promise.all([
    db
      .selectFrom('cityFigures')
      .select(['peerName', 'peerRegionId', 'indicatorKey', 'value', 'source'])
      .where('districtId', '=', districtId)
      .where('year', '=', year)
      .where('month', '=', month)
      .execute(),
    us.parentId
      ? db
          .selectFrom('regions as r')
          .select(['r.id', 'r.name'])
          .where('r.parentId', '=', us.parentId)
          .where('r.kind', '=', 'district')
          .where('r.id', '<>', districtId)
          // Only districts that actually run here: a region row without units is a name, not data.
          .where((eb) =>
            eb.exists(eb.selectFrom('units as u').select('u.id').whereRef('u.districtId', '=', 'r.id')),
          )
          .orderBy('r.sortOrder')
          .orderBy('r.name')
          .execute()
      : Promise.resolve([]),
    params.ours ? comparisonFigures(params.ours) : liveFigures(db, districtId, year, month),
  ]);

  const rows = new Map<string, ComparisonRow>();
  const rowOf = (name: string, regionId: string | null) => {
    let row = rows.get(name);
    if (!row) {
      row = { name, regionId, ours: false, values: {} };
      rows.set(name, row);
    }
    row.regionId ??= regionId;
    return row;
  };
  const own: ComparisonRow = { name: us.name, regionId: us.id, ours: true, values: {} };
  for (const k of COMPARISON_KEYS) own.values[k] = { value: ours[k], source: 'ours' };

  for (const f of typed) {
    // A figure typed under our own name (the write path refuses it, an older row might not) is not a peer.
    if (f.peerName === us.name || f.peerRegionId === districtId || !isComparisonKey(f.indicatorKey)) continue;
    rowOf(f.peerName, f.peerRegionId).values[f.indicatorKey] = {
      value: normalizeDecimal(f.value),
      source: f.source,
    };
  }
  // Live figures of the sibling districts on this deployment. A typed/imported figure for the same district
  // and indicator wins: it is what the city published, which the center entered on purpose (the live data of
  // another district may be incomplete, or counted by a different 口径 than the city's table).
  //
  // Between the two: the sibling's own PUBLISHED bulletin for that month (cut-off at the month's end) — its
  // official figure, frozen, and read from the snapshot instead of recomputed (computing nine districts live
  // costs seconds at city scale). Live only for what no published bulletin has.
  const published = await publishedTotals(
    db,
    siblings.map((s) => s.id),
    year,
    month,
  );
  for (const s of siblings) {
    const row = rowOf(s.name, s.id);
    const frozen = published.get(s.id);
    for (const k of COMPARISON_KEYS) {
      const v = frozen?.[k];
      if (v !== undefined) row.values[k] ??= { value: v, source: 'published' };
    }
    if (COMPARISON_KEYS.every((k) => row.values[k])) continue;
    const live = await liveFigures(db, s.id, year, month);
    for (const k of COMPARISON_KEYS) row.values[k] ??= { value: live[k], source: 'live' };
  }

  const peers = [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const standings: CityStanding[] = [];
  for (const k of COMPARISON_KEYS) {
    const values = peers.flatMap((p) => (p.values[k] ? [{ name: p.name, value: p.values[k].value }] : []));
    if (values.length === 0) continue;
    const e = CATALOGUE_BY_KEY[k];
    standings.push({
      indicatorKey: k,
      name: e.name.zh,
      unit: e.unit,
      month,
      ...standingOf({ ours: ours[k], peers: values, goalRank }),
    });
  }
  return {
    year,
    month,
    goalRank,
    districtName: us.name,
    cityName: us.cityName ?? null,
    standings,
    rows: [own, ...peers],
  };
}

/**
 * The district's standing in its city per comparison indicator, cumulative Jan 1 .. end of `month` of `year`
 * (the bulletin's 横向对比). [] when no other district has a figure for that month.
 */
export async function cityStandings(db: Database, params: CityParams): Promise<CityStanding[]> {
  return (await cityComparison(db, params)).standings;
}
