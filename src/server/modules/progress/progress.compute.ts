import {
  CATALOGUE_BY_KEY,
  type Definitions,
  definitionsSchema,
  INDICATOR_KEYS,
  type IndicatorKey,
  type IndicatorValue,
  rateOf,
} from '../../../domain/indicators/catalogue.js';
import {
  aheadOf,
  completionOf,
  doubleHalfOf,
  growthOf,
  type TimeProgressBasis,
  timeProgressOf,
} from '../../../domain/progress/progress.js';
import type { Database } from '../../db/database.js';
import {
  type CapitalMonths,
  computeIndicatorSpans,
  type DistrictTotals,
  type Span,
  type UnitFigures,
} from '../indicators/indicators.compute.js';

// Progress of every unit against its targets and against time (issue 4 item 3), on top of the one indicator
// computation. The progress page, the bulletin and the dashboard all call computeProgress, so a completion
// rate is the same digits wherever it is printed.

export interface YearSettings {
  year: number;
  definitions: Definitions;
  timeProgressBasis: TimeProgressBasis;
  goalRank: number;
  stalledMonths: number;
  issuingBody: string | null;
  docPrefix: string | null;
}

/** A district's settings for a year; the defaults when the center has not set them. */
export async function loadYearSettings(
  db: Database,
  districtId: string,
  year: number,
): Promise<YearSettings> {
  const row = await db
    .selectFrom('assessmentYears')
    .selectAll()
    .where('districtId', '=', districtId)
    .where('year', '=', year)
    .executeTakeFirst();
  return {
    year,
    // Stored as entered; a key added to the schema later takes its default here.
    definitions: definitionsSchema.parse(row?.definitions ?? {}),
    timeProgressBasis: row?.timeProgressBasis ?? 'months',
    goalRank: row?.goalRank ?? 3,
    stalledMonths: row?.stalledMonths ?? 3,
    issuingBody: row?.issuingBody ?? null,
    docPrefix: row?.docPrefix ?? null,
  };
}

export interface TargetRow {
  /** Null: the district's own target, set by the city. */
  unitId: string | null;
  indicatorKey: IndicatorKey;
  /** Decimal text without trailing zeros ("1200", "0.9"). */
  annual: string;
  quarters: [string | null, string | null, string | null, string | null];
}

/** numeric(24,4) text → the shortest decimal text ("1200.0000" → "1200", "0.9000" → "0.9"). */
export const trimDecimal = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

export async function loadTargets(db: Database, districtId: string, year: number): Promise<TargetRow[]> {
  const rows = await db
    .selectFrom('targets')
    .select(['unitId', 'indicatorKey', 'annual', 'q1', 'q2', 'q3', 'q4'])
    .where('districtId', '=', districtId)
    .where('year', '=', year)
    .execute();
  const t = (v: string | null) => (v === null ? null : trimDecimal(v));
  return rows
    .filter((r) => r.indicatorKey in CATALOGUE_BY_KEY)
    .map((r) => ({
      unitId: r.unitId,
      indicatorKey: r.indicatorKey as IndicatorKey,
      annual: trimDecimal(r.annual),
      quarters: [t(r.q1), t(r.q2), t(r.q3), t(r.q4)],
    }));
}

export interface ProgressCell {
  target: string | null;
  /** Σ of the quarter targets through the cut-off's quarter; null unless every one of them is set. */
  targetToDate: string | null;
  /** This period (periodStart..cutoff), the year to the cut-off, the same span last year, the period before. */
  period: IndicatorValue;
  cumulative: IndicatorValue;
  lastYear: IndicatorValue;
  previousPeriod: IndicatorValue;
  /** Percent, 2 dp half-up (rateOf); null when not applicable. */
  completion: string | null;
  /** Percentage points. */
  ahead: string | null;
  yoy: string | null;
  mom: string | null;
  /** 双过半; null before mid-year or without a target. */
  doubleHalf: boolean | null;
}

export interface ProgressUnit {
  id: string;
  name: string;
  kind: string;
  sortOrder: number;
}

export interface ProgressResult {
  year: number;
  periodStart: string;
  cutoff: string;
  timeProgressBasis: TimeProgressBasis;
  /** 序时进度 in percent, 2 dp. */
  timeProgress: string;
  definitions: Definitions;
  /** The assessed units (active, every kind but the center), in the organisation's order. */
  units: ProgressUnit[];
  cells: Record<string, Record<IndicatorKey, ProgressCell>>;
  /** The district as a whole (every unit, the center included) against the district's own target. */
  district: Record<IndicatorKey, ProgressCell>;
  targets: TargetRow[];
  /** The capital reports per unit and month the figures were summed from (covers last year's January to the cut-off). */
  capital: CapitalMonths;
}

export interface ProgressParams {
  districtId: string;
  year: number;
  /** Last day counted (inclusive), in `year`. */
  cutoff: string;
  /** First day of "this period"; default the first of the cut-off's month. */
  periodStart?: string;
  /** Settings to use instead of the stored ones (a bulletin recomputed from its frozen inputs). */
  settings?: YearSettings;
  targets?: TargetRow[];
  /**
   * Compute the period before (previousPeriod, mom); default true. The dashboard shows neither and skips the
   * pass: previousPeriod is then zero and mom null.
   */
  previousPeriod?: boolean;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addMonths = (isoDate: string, n: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate())));
};
const monthIndex = (isoDate: string) => Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
/** The same day a year earlier (29 Feb → 28 Feb). */
const yearEarlier = (isoDate: string) => {
  const y = Number(isoDate.slice(0, 4)) - 1;
  const md = isoDate.slice(5) === '02-29' ? '02-28' : isoDate.slice(5);
  return `${y}${md.startsWith('-') ? md : `-${md}`}`;
};

export async function computeProgress(db: Database, params: ProgressParams): Promise<ProgressResult> {
  const { districtId, year, cutoff } = params;
  const periodStart = params.periodStart ?? `${cutoff.slice(0, 7)}-01`;
  const settings = params.settings ?? (await loadYearSettings(db, districtId, year));
  const targets = params.targets ?? (await loadTargets(db, districtId, year));
  const definitions = settings.definitions;
  // The period before: as many whole months, ending the day before this period starts.
  const months = monthIndex(cutoff) - monthIndex(periodStart) + 1;
  const prevStart = addMonths(periodStart, -months);
  const prevEnd = iso(new Date(Date.parse(`${periodStart}T00:00:00Z`) - 86_400_000));
  const withPrevious = params.previousPeriod ?? true;
  const spans: Span[] = [
    { from: periodStart, to: cutoff },
    { from: `${year}-01-01`, to: cutoff },
    { from: `${year - 1}-01-01`, to: yearEarlier(cutoff) },
    ...(withPrevious ? [{ from: prevStart, to: prevEnd }] : []),
  ];
  const [computed, unitRows] = await Promise.all([
    computeIndicatorSpans(db, { districtId, spans, definitions }),
    db
      .selectFrom('units')
      .select(['id', 'name', 'kind', 'sortOrder'])
      .where('districtId', '=', districtId)
      .where('active', '=', true)
      .where('kind', '<>', 'center')
      .orderBy('sortOrder')
      .orderBy('name')
      .execute(),
  ]);
  const [period, cumulative, lastYear, previous = {}] = computed.figures as [
    Record<string, UnitFigures>,
    Record<string, UnitFigures>,
    Record<string, UnitFigures>,
    Record<string, UnitFigures> | undefined,
  ];
  const tp = rateOf(timeProgressOf(year, cutoff, settings.timeProgressBasis)) ?? '0.00';
  const quarter = Math.ceil(Number(cutoff.slice(5, 7)) / 3);
  const targetOf = new Map(targets.map((t) => [`${t.unitId ?? ''}|${t.indicatorKey}`, t]));

  const cellOf = (
    ownerId: string | null,
    key: IndicatorKey,
    f: [UnitFigures | undefined, UnitFigures | undefined, UnitFigures | undefined, UnitFigures | undefined],
  ): ProgressCell => {
    const t = targetOf.get(`${ownerId ?? ''}|${key}`);
    const zero = emptyValue(key);
    const [p, c, l, pr] = f.map((x) => x?.[key] ?? zero) as [
      IndicatorValue,
      IndicatorValue,
      IndicatorValue,
      IndicatorValue,
    ];
    const completion = completionOf(c, t?.annual);
    const quarters = t?.quarters.slice(0, quarter) ?? [];
    const targetToDate =
      quarters.length === quarter && quarters.every((q) => q !== null)
        ? trimDecimalSum(quarters as string[])
        : null;
    return {
      target: t?.annual ?? null,
      targetToDate,
      period: p,
      cumulative: c,
      lastYear: l,
      previousPeriod: pr,
      completion,
      ahead: aheadOf(completion, tp),
      yoy: growthOf(c, l),
      mom: withPrevious ? growthOf(p, pr) : null,
      doubleHalf: doubleHalfOf(completion, tp),
    };
  };

  const cells: ProgressResult['cells'] = {};
  for (const u of unitRows) {
    const figs = [period[u.id], cumulative[u.id], lastYear[u.id], previous[u.id]] as const;
    cells[u.id] = lazyCells((k) => cellOf(u.id, k, [...figs]));
  }
  const totals = [period, cumulative, lastYear, previous].map(districtTotal) as [
    UnitFigures,
    UnitFigures,
    UnitFigures,
    UnitFigures,
  ];
  const district = lazyCells((k) => cellOf(null, k, totals));
  return {
    year,
    periodStart,
    cutoff,
    timeProgressBasis: settings.timeProgressBasis,
    timeProgress: tp,
    definitions,
    units: unitRows,
    cells,
    district,
    targets,
    capital: computed.capital,
  };
}

/**
 * Every indicator's cell, each worked out (exact decimal arithmetic) the first time it is read and kept: the
 * dashboard reads a dozen of the 19 indicators, the bulletin the ones it prints. An ordinary enumerable
 * property to every reader (spread, JSON, equality).
 */
function lazyCells(make: (key: IndicatorKey) => ProgressCell): Record<IndicatorKey, ProgressCell> {
  const out = {} as Record<IndicatorKey, ProgressCell>;
  for (const key of INDICATOR_KEYS) {
    let cell: ProgressCell | undefined;
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        cell ??= make(key);
        return cell;
      },
      set: (v: ProgressCell) => {
        cell = v;
      },
    });
  }
  return out;
}

/**
 * The district's figures from January 1 to the cut-off that the city comparison ranks (computeDistrictTotals
 * of that span: the district total of the per-unit figures is the same sum).
 */
export function districtTotalsOf(progress: ProgressResult): DistrictTotals {
  const c = (k: keyof DistrictTotals) => progress.district[k].cumulative;
  return {
    signed_count: c('signed_count'),
    signed_amount: c('signed_amount'),
    started_count: c('started_count'),
    funds_in_place: c('funds_in_place'),
    completed_investment: c('completed_investment'),
    foreign_capital_used: c('foreign_capital_used'),
  };
}

const emptyValue = (key: IndicatorKey): IndicatorValue => {
  const e = CATALOGUE_BY_KEY[key];
  if (e.ratio) return { numerator: 0, denominator: 0 };
  return e.kind === 'amount' ? '0' : 0;
};

/** Counts are multiples of 1/10000 (co-credit): keep their sums on that grid, free of float dust. */
const countSum = (a: number, b: number) => Math.round((a + b) * 10000) / 10000;
const moneySum = (a: string | number, b: string | number) => (BigInt(a) + BigInt(b)).toString();
const addValue = (a: IndicatorValue, b: IndicatorValue): IndicatorValue => {
  if (typeof a === 'object' && typeof b === 'object') {
    return {
      numerator: addScalar(a.numerator, b.numerator),
      denominator: addScalar(a.denominator, b.denominator),
    };
  }
  return addScalar(a as string | number, b as string | number);
};
const addScalar = (a: string | number, b: string | number) =>
  typeof a === 'string' || typeof b === 'string' ? moneySum(a, b) : countSum(a, b);

/** Σ over every unit of the district (the center's own projects included). */
export function districtTotal(byUnit: Record<string, UnitFigures>): UnitFigures {
  const out = {} as UnitFigures;
  for (const k of INDICATOR_KEYS) {
    let acc = emptyValue(k);
    for (const f of Object.values(byUnit)) acc = addValue(acc, f[k] as IndicatorValue);
    out[k] = acc;
  }
  return out;
}

function trimDecimalSum(values: string[]): string {
  // Targets have at most 4 decimals (numeric(24,4)).
  const total = values.reduce((s, v) => {
    const [i, f = ''] = v.split('.');
    return s + BigInt(i + f.padEnd(4, '0'));
  }, 0n);
  const t = total.toString().padStart(5, '0');
  return trimDecimal(`${t.slice(0, -4)}.${t.slice(-4)}`);
}
