import { CATALOGUE_BY_KEY, INDICATOR_KEYS, type IndicatorKey } from '../indicators/catalogue.js';
import { MAX_AMOUNT_YUAN, MoneyInputError, parseWanUsd, parseWanYuan } from '../money/money.js';

// 任务分解 values (issue 4 item 2). Stored in the indicator's own unit (元, 美分, 个, a ratio as a fraction),
// entered and shown in the unit a person reads (万元, 万美元, 个, %). One set of rules for the grid, the
// PUT route and the .xlsx import, so the three refuse the same things with the same words.

/** How a target of an indicator is measured. 项目均额 (元 per project) is entered in 万元 like money. */
export type TargetMeasure = 'yuan' | 'usd' | 'count' | 'ratio';

export function measureOf(key: IndicatorKey): TargetMeasure {
  const e = CATALOGUE_BY_KEY[key];
  if (e.unit === '元' || key === 'average_signed_amount') return 'yuan';
  if (e.unit === '美分') return 'usd';
  if (e.kind === 'ratio') return 'ratio';
  return 'count';
}

/** The unit a person types and reads a target in. */
export function displayUnitOf(key: IndicatorKey): string {
  const m = measureOf(key);
  if (m === 'yuan') return key === 'average_signed_amount' ? '万元/个' : '万元';
  if (m === 'usd') return '万美元';
  if (m === 'ratio') return '%';
  return CATALOGUE_BY_KEY[key].unit;
}

export const isIndicatorKey = (k: string): k is IndicatorKey =>
  (INDICATOR_KEYS as readonly string[]).includes(k);

export interface Problem {
  message: string;
  messageZh: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const MAX_RATIO = 10n * 10_000n; // 10 as a fraction, in 1/10000

/** Decimal text → integer in 1/10000 (targets are numeric(24,4)). Assumes DECIMAL and ≤ 4 decimals. */
function toTenThousandths(s: string): bigint {
  const [i, f = ''] = s.split('.');
  return BigInt(`${i}${f.padEnd(4, '0')}`);
}

/** 1/10000 integer → the shortest decimal text ("12000000", "0.9"). */
function fromTenThousandths(v: bigint): string {
  const t = v.toString().padStart(5, '0');
  const out = `${t.slice(0, -4)}.${t.slice(-4)}`;
  return out.replace(/\.?0+$/, '');
}

/** A stored-unit value: refused (Problem) or accepted (null). */
export function checkTargetValue(key: IndicatorKey, value: string): Problem | null {
  const s = value.trim();
  if (s.startsWith('-')) return { message: 'A target cannot be negative.', messageZh: '任务数不能为负数。' };
  if (!DECIMAL.test(s)) {
    return { message: `Not a number: "${value}".`, messageZh: `“${value}”不是数字。` };
  }
  const frac = (s.split('.')[1] ?? '').replace(/0+$/, '');
  const m = measureOf(key);
  if ((m === 'yuan' || m === 'usd') && frac.length > 0) {
    return {
      message: `A money target is a whole number of ${m === 'yuan' ? 'yuan' : 'cents'}.`,
      messageZh: `金额任务须精确到${m === 'yuan' ? '元' : '美分'}（整数）。`,
    };
  }
  if (frac.length > 4) {
    return { message: 'Use at most 4 decimals.', messageZh: '最多 4 位小数。' };
  }
  const int = (s.split('.')[0] ?? '').replace(/^0+/, '');
  if (int.length > 18 || ((m === 'yuan' || m === 'usd') && BigInt(int || '0') > MAX_AMOUNT_YUAN)) {
    return { message: 'The target is too large; check the unit.', messageZh: '任务数过大，请核对单位。' };
  }
  if (m === 'ratio' && toTenThousandths(`${int || '0'}${frac ? `.${frac}` : ''}`) > MAX_RATIO) {
    return {
      message: 'A rate target is a fraction between 0 and 10 (0.9 = 90%).',
      messageZh: '比率任务须在 0 到 1000% 之间。',
    };
  }
  return null;
}

/** The shortest text of an accepted value ("1200.0000" → "1200"). */
export function normaliseTarget(value: string): string {
  const s = value.trim();
  const [i = '0', f = ''] = s.split('.');
  return fromTenThousandths(BigInt(`${i}${f.replace(/0+$/, '').padEnd(4, '0')}`)) || '0';
}

export interface TargetInputRow {
  unitId: string | null;
  indicatorKey: string;
  /** Null: remove the target. */
  annual: string | null;
  q1?: string | null;
  q2?: string | null;
  q3?: string | null;
  q4?: string | null;
}

const QUARTERS = ['q1', 'q2', 'q3', 'q4'] as const;

/**
 * Every problem of one row, by field (indicatorKey, annual, q1..q4). Quarters are each quarter alone; when all
 * four are given they must add up to the annual target exactly.
 */
export function checkTargetRow(row: TargetInputRow): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  if (!isIndicatorKey(row.indicatorKey)) {
    out.indicatorKey = {
      message: `Unknown indicator "${row.indicatorKey}".`,
      messageZh: `指标“${row.indicatorKey}”不在指标目录中。`,
    };
    return out;
  }
  const key = row.indicatorKey;
  if (row.annual === null) return out;
  const a = checkTargetValue(key, row.annual);
  if (a) out.annual = a;
  for (const q of QUARTERS) {
    const v = row[q];
    if (v === null || v === undefined) continue;
    const p = checkTargetValue(key, v);
    if (p) out[q] = p;
  }
  const qs = QUARTERS.map((q) => row[q]);
  if (Object.keys(out).length === 0 && qs.every((v) => v !== null && v !== undefined)) {
    const sum = (qs as string[]).reduce((s, v) => s + toTenThousandths(normaliseTarget(v)), 0n);
    const annual = toTenThousandths(normaliseTarget(row.annual));
    if (sum !== annual) {
      const [sumText, annualText] = [fromTenThousandths(sum) || '0', fromTenThousandths(annual) || '0'];
      const [sumD, annualD] = [toDisplay(key, sumText), toDisplay(key, annualText)];
      const u = displayUnitOf(key);
      out.q4 = {
        message: `The four quarters add up to ${sumD} ${u}, not the annual ${annualD} ${u}.`,
        messageZh: `四个季度合计 ${sumD}${u}，与全年任务 ${annualD}${u} 不一致。`,
      };
    }
  }
  return out;
}

// ---------------------------------------------------------------- display units

/** Stored value → the exact text a person reads (万元 to 4 decimals, 万美元 to 6, percent), no separators. */
export function toDisplay(key: IndicatorKey, stored: string): string {
  const m = measureOf(key);
  const v = normaliseTarget(stored);
  if (m === 'count') return v;
  const [i = '0', f = ''] = v.split('.');
  const digits = BigInt(`${i}${f}`);
  // value = digits / 10^f.length; display = value / 10^shift (万元: 4, 万美元: 6) or × 100 (percent).
  const shift = m === 'yuan' ? 4 : m === 'usd' ? 6 : -2;
  const scale = f.length + shift;
  if (scale <= 0) return (digits * 10n ** BigInt(-scale)).toString();
  const t = digits.toString().padStart(scale + 1, '0');
  return `${t.slice(0, -scale)}.${t.slice(-scale)}`.replace(/\.?0+$/, '');
}

/**
 * What a person typed in the display unit → the stored value, or a Problem. 万元 and 万美元 go through the
 * money parser (exact, full-width digits tolerated); a percent keeps at most 2 decimals (4 as a fraction).
 */
export function fromDisplay(key: IndicatorKey, typed: string | number): { value: string } | Problem {
  // NFKC: full-width digits and point from a Chinese input method read as ASCII, as the money parser does.
  const text =
    typeof typed === 'number' ? numberText(typed) : typed.normalize('NFKC').replace(/。/g, '.').trim();
  const m = measureOf(key);
  try {
    if (m === 'yuan') return { value: parseWanYuan(text).toString() };
    if (m === 'usd') return { value: parseWanUsd(text).toString() };
  } catch (e) {
    if (e instanceof MoneyInputError) return { message: e.message, messageZh: e.messageZh };
    throw e;
  }
  if (text.startsWith('-'))
    return { message: 'A target cannot be negative.', messageZh: '任务数不能为负数。' };
  if (!DECIMAL.test(text)) return { message: `Not a number: "${text}".`, messageZh: `“${text}”不是数字。` };
  if (m === 'count') {
    const p = checkTargetValue(key, text);
    return p ?? { value: normaliseTarget(text) };
  }
  const [i = '0', f = ''] = text.split('.');
  const frac = f.replace(/0+$/, '');
  if (frac.length > 2) {
    return { message: 'Use at most 2 decimals in a percent.', messageZh: '百分比最多 2 位小数。' };
  }
  const value = fromTenThousandths(BigInt(`${i}${frac.padEnd(2, '0')}`)) || '0';
  return checkTargetValue(key, value) ?? { value };
}

/** A spreadsheet number as its shortest exact decimal text (no exponent for the sizes targets have). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // 12 significant digits drop binary dust (0.1 + 0.2) while keeping every digit a 万元 figure can carry.
  const s = Number(n.toPrecision(15)).toString();
  if (!/e/i.test(s)) return s;
  return n.toFixed(6).replace(/\.?0+$/, '');
}

export const QUARTER_KEYS = QUARTERS;
