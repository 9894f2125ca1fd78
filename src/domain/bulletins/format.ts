// Formatting a bulletin's figures for people (the .docx, the .xlsx, the print view and the web page print the
// same digits because they all come through here). Pure and exact: a snapshot stores every figure as decimal
// text in its own unit (元, 美分, counts, percents), and the conversion to 万元 / 亿元 / 万美元 runs on BigInt over
// those digits, never through a float, so a 17-digit amount prints exactly.
//
// Rounding: every displayed figure is rounded HALF-UP on its magnitude to the stated number of decimals
// (…5 goes away from zero: 0.125 → 0.13, -0.125 → -0.13), the rule of GB/T 8170 as read by most bulletins, and
// a value that rounds to zero never prints as "-0.00". The footnote below says so once per document.

/** The unit footnote printed under every money table (and once per page in the UI). */
export const MONEY_FOOTNOTE = '金额单位：万元，保留两位小数，四舍五入';
/** The same for tables that also carry US dollars. */
export const MONEY_FOOTNOTE_USD = '金额单位：万元、万美元，保留两位小数，四舍五入';
/** What an empty cell shows (no target, no figure, not applicable). */
export const EMPTY_CELL = '—';

interface Scaled {
  negative: boolean;
  /** The digits without the point: value = magnitude / 10^scale. */
  magnitude: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Decimal text (or a finite number) → exact scaled integer. Throws on anything that is not a plain decimal. */
function parseDecimal(value: string | number): Scaled {
  const text = typeof value === 'number' ? numberToPlain(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m || `${m[2]}${m[3] ?? ''}` === '')
    throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  const frac = m[3] ?? '';
  return { negative: m[1] === '-', magnitude: BigInt(`${m[2] || '0'}${frac}`), scale: frac.length };
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number: ${n}`);
  // toString gives exponents from 1e21 and below 1e-6; counts and percents never get there, but stay exact.
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/**
 * value ÷ 10^shift, rounded half-up to `decimals`, as text: digits with an optional thousands separator,
 * `-` in front only when the rounded value is not zero.
 */
function roundShifted(
  value: string | number,
  shift: number,
  decimals: number,
  opts: { grouping?: boolean; trim?: boolean } = {},
): string {
  const { negative, magnitude, scale } = parseDecimal(value);
  // magnitude / 10^(scale + shift), expressed in units of 10^-decimals.
  const down = scale + shift - decimals;
  let rounded: bigint;
  if (down <= 0) rounded = magnitude * 10n ** BigInt(-down);
  else {
    const divisor = 10n ** BigInt(down);
    rounded = (magnitude + divisor / 2n) / divisor;
  }
  const digits = rounded.toString().padStart(decimals + 1, '0');
  let int = digits.slice(0, digits.length - decimals);
  let frac = decimals > 0 ? digits.slice(digits.length - decimals) : '';
  if (opts.trim) frac = frac.replace(/0+$/, '');
  if (opts.grouping ?? true) int = int.replace(/\B(?=(\d{3})+$)/g, ',');
  const text = frac ? `${int}.${frac}` : int;
  return negative && rounded !== 0n ? `-${text}` : text;
}

/** Exact value ÷ 10^shift as plain decimal text (no rounding, no grouping): what the .xlsx stores. */
function shiftExact(value: string | number, shift: number): string {
  const { negative, magnitude, scale } = parseDecimal(value);
  const s = scale + shift;
  const digits = magnitude.toString().padStart(s + 1, '0');
  let text = s > 0 ? `${digits.slice(0, -s)}.${digits.slice(-s)}` : digits;
  if (s > 0) text = text.replace(/\.?0+$/, '');
  return negative && magnitude !== 0n ? `-${text}` : text;
}

export interface MoneyTextOptions {
  /** Decimals shown, default 2. */
  decimals?: number;
  /** Thousands separators, default true. */
  grouping?: boolean;
}

/** 元 (integer or decimal text) → 万元 text, e.g. '123456789' → '12,345.68'. */
export function yuanToWanText(yuan: string | number, opts: MoneyTextOptions = {}): string {
  return roundShifted(yuan, 4, opts.decimals ?? 2, opts);
}

/** 元 → 亿元 text, e.g. '250000000' → '2.50'. */
export function yuanToYiText(yuan: string | number, opts: MoneyTextOptions = {}): string {
  return roundShifted(yuan, 8, opts.decimals ?? 2, opts);
}

/** US cents → 万美元 text, e.g. '150000000' → '150.00'. */
export function centsToWanUsdText(cents: string | number, opts: MoneyTextOptions = {}): string {
  return roundShifted(cents, 6, opts.decimals ?? 2, opts);
}

/** 元 with its unit for prose: 亿元 from 1 亿 (in magnitude), 万元 below: '3.25亿元', '8,650.00万元'. */
export function moneyPhrase(yuan: string | number, opts: MoneyTextOptions = {}): string {
  const { magnitude, scale } = parseDecimal(yuan);
  return magnitude >= 100_000_000n * 10n ** BigInt(scale)
    ? `${yuanToYiText(yuan, opts)}亿元`
    : `${yuanToWanText(yuan, opts)}万元`;
}

/** US cents with its unit for prose: '1,234.50万美元'. */
export function usdPhrase(cents: string | number, opts: MoneyTextOptions = {}): string {
  return `${centsToWanUsdText(cents, opts)}万美元`;
}

/** Exact 万元 as a Number for a spreadsheet cell (元 are whole, so at most 4 decimals; exact below 10^11 万元). */
export function yuanToWanNumber(yuan: string | number): number {
  return Number(shiftExact(yuan, 4));
}

/** Exact 万美元 as a Number for a spreadsheet cell. */
export function centsToWanUsdNumber(cents: string | number): number {
  return Number(shiftExact(cents, 6));
}

/** A count (co-credit makes fractions of 1/10000): up to 4 decimals, half-up, trailing zeros dropped: '2.5', '3'. */
export function formatCount(value: string | number): string {
  return roundShifted(value, 0, 4, { grouping: false, trim: true });
}

/** A percent value (already × 100) → '83.33%'. */
export function formatPercent(value: string | number): string {
  return `${roundShifted(value, 0, 2, { grouping: false })}%`;
}

/** Percentage points with their sign: '+5.20个百分点', '-3.10个百分点', '0.00个百分点'. */
export function formatPoints(value: string | number): string {
  const text = roundShifted(value, 0, 2, { grouping: false });
  const sign = text.startsWith('-') || /^0\.?0*$/.test(text) ? '' : '+';
  return `${sign}${text}个百分点`;
}

/** Year-on-year growth in percent, in words: '增长12.50%', '下降3.00%', '持平'. */
export function formatYoy(value: string | number): string {
  const text = roundShifted(value, 0, 2, { grouping: false });
  if (text.startsWith('-')) return `下降${text.slice(1)}%`;
  if (/^0\.?0*$/.test(text)) return '持平';
  return `增长${text}%`;
}

/** A signed percent for a table column ('+12.50%' / '-3.00%'): growth where words would not fit. */
export function formatSignedPercent(value: string | number): string {
  const text = roundShifted(value, 0, 2, { grouping: false });
  const sign = text.startsWith('-') || /^0\.?0*$/.test(text) ? '' : '+';
  return `${sign}${text}%`;
}

/**
 * How a snapshot indicator's `unit` is read. 'ratio' (the catalogue's name) is read as '%': rates are stored
 * in percent; 元每个 (average project size) is money per project.
 */
export type SnapshotValueUnit = '个' | '次' | '元' | '美分' | '%' | '元每个';

function normalUnit(unit: string): SnapshotValueUnit {
  if (unit === 'ratio') return '%';
  if (unit === '元/个') return '元每个';
  return unit as SnapshotValueUnit;
}

/** The unit shown in a table header for a figure of this indicator unit: 个 / 次 / 万元 / 万美元 / % / 万元/个. */
export function displayUnitOf(unit: string): string {
  switch (normalUnit(unit)) {
    case '元':
      return '万元';
    case '美分':
      return '万美元';
    case '元每个':
      return '万元/个';
    default:
      return normalUnit(unit);
  }
}

/** True when the indicator's figures are money (the footnote applies). */
export function isMoneyUnit(unit: string): boolean {
  const u = normalUnit(unit);
  return u === '元' || u === '美分' || u === '元每个';
}

/** One table cell of an indicator figure (target, period, cumulative, a city value or gap), without its unit. */
export function formatCell(value: string | number | null | undefined, unit: string): string {
  if (value === null || value === undefined || value === '') return EMPTY_CELL;
  switch (normalUnit(unit)) {
    case '元':
    case '元每个':
      return yuanToWanText(value);
    case '美分':
      return centsToWanUsdText(value);
    case '%':
      return formatPercent(value);
    default:
      return formatCount(value);
  }
}

/** A figure with its display unit, for prose: '3.25亿元', '12个', '83.33%', '1,234.50万美元'. */
export function formatWithUnit(value: string | number, unit: string): string {
  switch (normalUnit(unit)) {
    case '元':
      return moneyPhrase(value);
    case '元每个':
      return `${moneyPhrase(value)}/个`;
    case '美分':
      return usdPhrase(value);
    case '%':
      return formatPercent(value);
    default:
      return `${formatCount(value)}${normalUnit(unit)}`;
  }
}

/**
 * A figure as a spreadsheet number in its display unit (万元, 万美元, count, percent as a plain number: 83.33),
 * exact from the text; null for an empty cell.
 */
export function cellNumber(value: string | number | null | undefined, unit: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  switch (normalUnit(unit)) {
    case '元':
    case '元每个':
      return yuanToWanNumber(value);
    case '美分':
      return centsToWanUsdNumber(value);
    default:
      return Number(shiftExact(value, 0));
  }
}

/** Excel number format for a cell of this unit (money: 2 decimals with separators; counts up to 4 decimals). */
export function cellNumberFormat(unit: string): string {
  switch (normalUnit(unit)) {
    case '元':
    case '元每个':
    case '美分':
      return '#,##0.00';
    case '%':
      return '0.00"%"';
    default:
      return '0.####';
  }
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`Chinese numeral out of range: ${n}`);
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** The heading number of a section (GB/T 9704 level one): 1 → '一、'. */
export function sectionNumeral(n: number): string {
  return `${chineseNumeral(n)}、`;
}

/** Level two: 1 → '（一）'. */
export function subsectionNumeral(n: number): string {
  return `（${chineseNumeral(n)}）`;
}

/** 1..4 → 第一季度 … 第四季度. */
export function quarterName(q: number): string {
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`Quarter out of range: ${q}`);
  return `第${chineseNumeral(q)}季度`;
}

/** The period as people say it: month 10 of 2026 → '2026年10月'; quarter 3 → '2026年第三季度'. */
export function periodName(kind: 'month' | 'quarter', year: number, period: number): string {
  return kind === 'quarter' ? `${year}年${quarterName(period)}` : `${year}年${period}月`;
}

/** ISO date → '2026年10月31日' (GB/T 9704-2012 writes the 成文日期 in Arabic numerals, without leading zeros). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date: ${iso}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 'YYYY-MM' → '2026年10月'. */
export function chineseMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(ym);
  if (!m) throw new RangeError(`Not a year-month: ${ym}`);
  return `${m[1]}年${Number(m[2])}月`;
}

/** A rank for a table: 3 → '3'; null → '—'. Ties share a rank (the snapshot already says so). */
export function formatRank(rank: number | null | undefined): string {
  return rank === null || rank === undefined ? EMPTY_CELL : String(rank);
}

/**
 * A score for display: 2 decimals, half-up ('20.8360065466' → '20.84'), as score tables are printed. The
 * snapshot keeps the exact score (ranks come from it), so two units printed equal may still rank apart.
 */
export function formatScore(score: string | number | null | undefined): string {
  if (score === null || score === undefined || score === '') return EMPTY_CELL;
  return roundShifted(score, 0, 2, { grouping: false });
}
