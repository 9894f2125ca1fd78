import { type RatioValue, rateOf } from '../indicators/catalogue.js';

// Progress against target and time (issue 4 item 3, DOMAIN §3). Pure and exact: every rate is computed from
// the two figures by rateOf (BigInt, half-up to 2 decimals, in percent) and never from a rounded rate.
// One module for the progress page, the bulletin and the dashboard, so they print the same digits.

export type TimeProgressBasis = 'months' | 'days';

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const dayOfYear = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return Math.round((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
};

/**
 * 序时进度 at a cut-off, as an exact ratio: months (the cut-off's month ÷ 12: a bulletin through October is
 * 10/12 whatever the day) or days (day of the year ÷ days in the year). A cut-off outside the year is
 * clamped: before it 0, after it 1.
 */
export function timeProgressOf(year: number, cutoff: string, basis: TimeProgressBasis): RatioValue {
  const y = Number(cutoff.slice(0, 4));
  if (y < year) return { numerator: 0, denominator: 1 };
  if (y > year) return { numerator: 1, denominator: 1 };
  if (basis === 'months') return { numerator: Number(cutoff.slice(5, 7)), denominator: 12 };
  return { numerator: dayOfYear(cutoff), denominator: isLeap(year) ? 366 : 365 };
}

/** A figure as the progress rates read it: a count or money string, or a ratio's two figures. */
export type Figure = string | number | RatioValue | null | undefined;

/** The comparable value of a figure (a ratio's rate as a fraction, exact to 6 places); null when absent. */
function scalar(f: Figure): string | number | null {
  if (f === null || f === undefined) return null;
  if (typeof f === 'object') return rateOf(f, 6, false);
  return f;
}

/** completion = actual ÷ target, in percent (2 dp, half-up); null without a target or with a zero one. */
export function completionOf(actual: Figure, target: string | number | null | undefined): string | null {
  const a = scalar(actual);
  if (target === null || target === undefined) return null;
  return rateOf({ numerator: a ?? 0, denominator: target });
}

/** ahead/behind = completion − time progress, in percentage points (2 dp); null without a completion. */
export function aheadOf(completionPercent: string | null, timeProgressPercent: string): string | null {
  if (completionPercent === null) return null;
  return subtractDecimal(completionPercent, timeProgressPercent);
}

/** Growth (this − before) ÷ before in percent (2 dp); null when there is nothing before to compare. */
export function growthOf(now: Figure, before: Figure): string | null {
  const a = scalar(now);
  const b = scalar(before);
  if (a === null || b === null) return null;
  return rateOf({ numerator: subtractDecimal(String(a), String(b)), denominator: b });
}

/**
 * 双过半: by mid-year (time progress ≥ 50%) the task is at least half done. Null before mid-year, or with no
 * completion (no target), when the question does not arise.
 */
export function doubleHalfOf(completionPercent: string | null, timeProgressPercent: string): boolean | null {
  if (completionPercent === null || compareDecimal(timeProgressPercent, '50') < 0) return null;
  return compareDecimal(completionPercent, '50') >= 0;
}

// Decimal text arithmetic on the figures' own digits (money strings can exceed 2^53).
function scaled(s: string): [bigint, number] {
  const t = s.trim();
  const neg = t.startsWith('-');
  const [i, f = ''] = (neg ? t.slice(1) : t).split('.');
  const v = BigInt((i || '0') + f);
  return [neg ? -v : v, f.length];
}
function align(a: string, b: string): [bigint, bigint, number] {
  const [x, xs] = scaled(a);
  const [y, ys] = scaled(b);
  const s = Math.max(xs, ys);
  return [x * 10n ** BigInt(s - xs), y * 10n ** BigInt(s - ys), s];
}
export function subtractDecimal(a: string, b: string): string {
  const [x, y, s] = align(a, b);
  const d = x - y;
  const neg = d < 0n;
  const t = (neg ? -d : d).toString().padStart(s + 1, '0');
  const out = s === 0 ? t : `${t.slice(0, -s)}.${t.slice(-s)}`;
  return neg ? `-${out}` : out;
}
export function compareDecimal(a: string, b: string): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}
