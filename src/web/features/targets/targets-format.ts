import { CATALOGUE_BY_KEY, type IndicatorKey, rateOf } from '../../../domain/indicators/catalogue.js';
import { formatWanUsd, formatWanYuan } from '../../../domain/money/money.js';
import { displayUnitOf, measureOf, toDisplay } from '../../../domain/targets/targets.rules.js';

// How the assessment pages print figures: money in 万元 (foreign capital in 万美元) with 2 decimals, half-up;
// counts as they are (co-credit makes fractions); rates in percent.

export type Figure = string | number | { numerator: string | number; denominator: string | number };

export const DASH = '—';

/** The indicators the targets grid and the progress page open with. */
export const DEFAULT_INDICATORS: IndicatorKey[] = [
  'signed_count',
  'signed_amount',
  'started_count',
  'funds_in_place',
  'foreign_capital_used',
  'completed_investment',
];

/** A computed figure (元 / 美分 / count / ratio) as printed. */
export function showFigure(key: IndicatorKey, f: Figure | null | undefined): string {
  if (f === null || f === undefined) return DASH;
  const e = CATALOGUE_BY_KEY[key];
  if (typeof f === 'object') {
    if (key === 'average_signed_amount') {
      const perProject = rateOf(f, 0, false);
      return perProject === null ? DASH : formatWanYuan(BigInt(perProject));
    }
    const r = rateOf(f);
    return r === null ? DASH : `${r}%`;
  }
  if (e.unit === '元') return formatWanYuan(BigInt(f));
  if (e.unit === '美分') return formatWanUsd(BigInt(f));
  return String(Number(f));
}

/** A stored target as printed (万元 / 万美元 with 2 decimals, percent, count). */
export function showTarget(key: IndicatorKey, stored: string | null | undefined): string {
  if (stored === null || stored === undefined) return DASH;
  const m = measureOf(key);
  if (m === 'yuan') return formatWanYuan(BigInt(stored.split('.')[0] ?? '0'));
  if (m === 'usd') return formatWanUsd(BigInt(stored.split('.')[0] ?? '0'));
  if (m === 'ratio') return `${toDisplay(key, stored)}%`;
  return toDisplay(key, stored);
}

/** The unit a column header names. */
export const unitLabel = displayUnitOf;

/** Signed percent text ("8.34" → "+8.34"). */
export const signed = (v: string | null) =>
  v === null ? DASH : v.startsWith('-') || /^0(\.0+)?$/.test(v) ? v : `+${v}`;
