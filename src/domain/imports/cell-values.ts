import { isIsoDate } from '../dates.js';
import { MoneyInputError, parseWanUsd, parseWanYuan } from '../money/money.js';

// What a spreadsheet cell holds once read, and how each kind of column reads it. Existing 台账 sheets type the
// same thing many ways (a date as an Excel date, as 2026/3/5 or 2026年3月5日; an amount as a number in the
// header's unit or as text with 万元/亿元), so every reader tolerates the usual forms and refuses the rest with a
// sentence a person can act on.

/** A formula whose workbook was saved without a computed value, or an Excel error value such as #N/A. */
export type SpecialCell =
  | { kind: 'formula_without_result'; formula: string }
  | { kind: 'error'; text: string };
export type CellValue = string | number | boolean | Date | null | SpecialCell;

export type Read<T> = { ok: true; value: T | null } | { ok: false; en: string; zh: string };

const ok = <T>(value: T | null): Read<T> => ({ ok: true, value });
const bad = (en: string, zh: string): Read<never> => ({ ok: false, en, zh });

/** Money units a header or a cell may name; numbers without one are in the header's unit (万元 by default). */
export type AmountUnit = 'yuan' | 'wan' | 'yi' | 'usd' | 'wan_usd';

function special(v: CellValue): Read<never> | null {
  if (v === null || typeof v !== 'object' || v instanceof Date) return null;
  if (v.kind === 'formula_without_result') {
    return bad(
      `The formula =${v.formula} has no computed value saved: recalculate and save in Excel, or paste values.`,
      `公式“=${v.formula}”没有保存计算结果：请在 Excel 中重新计算后保存，或粘贴为数值。`,
    );
  }
  return bad(`The cell holds the error ${v.text}.`, `单元格为错误值 ${v.text}，请更正。`);
}

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Trimmed text of any cell; empty → null. */
export function readText(v: CellValue): Read<string> {
  const s = special(v);
  if (s) return s;
  if (v === null) return ok(null);
  if (v instanceof Date) return ok(isoOfDate(v));
  if (typeof v === 'boolean') return ok(v ? '是' : '否');
  const text = String(v).replace(INVISIBLE, '').trim();
  return ok(text === '' ? null : text);
}

function isoOfDate(d: Date): string {
  // exceljs reads an Excel date as midnight UTC of that calendar day.
  return d.toISOString().slice(0, 10);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serial day numbers of 1954..2119: a bare number in that range in a date column is an unformatted Excel date. */
function serialToIso(n: number): string | null {
  if (!Number.isInteger(n) || n < 20_000 || n > 80_000) return null;
  return new Date(EXCEL_EPOCH_MS + n * 86_400_000).toISOString().slice(0, 10);
}

const pad = (n: string) => n.padStart(2, '0');
const DATE_TEXT = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];
const DATE_HINT_EN = 'write it as 2026-03-05, 2026/3/5 or 2026年3月5日';
const DATE_HINT_ZH = '可写作 2026-03-05、2026/3/5 或 2026年3月5日';

/** A calendar day → YYYY-MM-DD. */
export function readDate(v: CellValue): Read<string> {
  const s = special(v);
  if (s) return s;
  if (v === null) return ok(null);
  if (v instanceof Date) {
    return Number.isNaN(v.getTime()) ? bad('Not a date.', '不是有效日期。') : ok(isoOfDate(v));
  }
  if (typeof v === 'number') {
    const iso = serialToIso(v);
    if (iso) return ok(iso);
  }
  const text = readText(v);
  if (!text.ok || text.value === null) return text;
  const t = text.value.normalize('NFKC').replace(/\s/g, '');
  for (const re of DATE_TEXT) {
    const m = re.exec(t);
    if (!m) continue;
    const iso = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
    if (isIsoDate(iso)) return ok(iso);
    return bad(`“${text.value}” is not a real date.`, `“${text.value}”不是有效日期。`);
  }
  return bad(`“${text.value}” is not a date: ${DATE_HINT_EN}.`, `“${text.value}”不是日期，${DATE_HINT_ZH}。`);
}

const MONTH_TEXT = [/^(\d{4})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月?$/, /^(\d{4})(\d{2})$/];

/** A month → YYYY-MM. A full date names its month. */
export function readMonth(v: CellValue): Read<string> {
  const s = special(v);
  if (s) return s;
  if (v === null) return ok(null);
  if (v instanceof Date || (typeof v === 'number' && serialToIso(v))) {
    const d = readDate(v);
    return d.ok && d.value ? ok(d.value.slice(0, 7)) : d;
  }
  const text = readText(v);
  if (!text.ok || text.value === null) return text;
  const t = text.value.normalize('NFKC').replace(/\s/g, '');
  for (const re of MONTH_TEXT) {
    const m = re.exec(t);
    if (!m) continue;
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return ok(`${m[1]}-${pad(m[2]!)}`);
  }
  const asDate = readDate(v);
  if (asDate.ok && asDate.value) return ok(asDate.value.slice(0, 7));
  return bad(
    `“${text.value}” is not a month: write it as 2026-03 or 2026年3月.`,
    `“${text.value}”不是月份，可写作 2026-03 或 2026年3月。`,
  );
}

const UNIT_SUFFIXES: [RegExp, AmountUnit][] = [
  [/万美元$/, 'wan_usd'],
  [/美元$/, 'usd'],
  [/亿元$|亿$/, 'yi'],
  [/万元$|万$/, 'wan'],
  [/元$/, 'yuan'],
];

/** Moves the decimal point of a plain decimal string `places` to the right (negative: to the left). */
function shiftDecimal(s: string, places: number): string {
  const [int = '', frac = ''] = s.split('.');
  const digits = int + frac;
  const point = int.length + places;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A JS number as the decimal it was typed as (Excel keeps 15 significant digits). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = Number(n.toPrecision(15)).toString();
  if (!/e/i.test(fixed)) return fixed;
  return n.toFixed(8).replace(/\.?0+$/, '');
}

/**
 * An amount → whole 元 (CNY) or cents (USD) as a digit string. A number is in `headerUnit`; text may carry its own
 * unit (1.2亿元, 3500万元). A CNY column refuses dollars and the other way round.
 */
export function readAmount(v: CellValue, headerUnit: AmountUnit): Read<string> {
  const s = special(v);
  if (s) return s;
  if (v === null) return ok(null);
  let text: string;
  let unit = headerUnit;
  if (typeof v === 'number') text = numberText(v);
  else {
    const t = readText(v);
    if (!t.ok || t.value === null) return t;
    text = t.value.normalize('NFKC').replace(/\s/g, '');
    for (const [re, u] of UNIT_SUFFIXES) {
      if (re.test(text)) {
        text = text.replace(re, '');
        unit = u;
        break;
      }
    }
  }
  const usdColumn = headerUnit === 'usd' || headerUnit === 'wan_usd';
  const usdValue = unit === 'usd' || unit === 'wan_usd';
  if (usdColumn !== usdValue) {
    return bad(
      usdColumn ? 'This column is in US dollars (万美元).' : 'This column is in yuan (万元).',
      usdColumn ? '本列单位为万美元，请勿填写人民币金额。' : '本列单位为人民币（万元），请勿填写美元金额。',
    );
  }
  try {
    if (unit === 'wan_usd' || unit === 'usd') {
      const clean = unit === 'usd' ? shiftDecimal(text.replace(/,/g, ''), -4) : text;
      return ok(parseWanUsd(clean).toString());
    }
    const plain = text.replace(/,/g, '');
    const wan =
      unit === 'wan'
        ? text
        : unit === 'yi'
          ? /^\d*\.?\d*$/.test(plain)
            ? shiftDecimal(plain, 4)
            : text
          : /^\d*\.?\d*$/.test(plain)
            ? shiftDecimal(plain, -4)
            : text;
    return ok(parseWanYuan(wan).toString());
  } catch (err) {
    if (err instanceof MoneyInputError) {
      return bad(
        `“${text}”: ${err.message}`,
        `“${typeof v === 'string' ? v.trim() : text}”：${err.messageZh}`,
      );
    }
    throw err;
  }
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '有']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '无', '不是']);

export function readBool(v: CellValue): Read<boolean> {
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'number' && (v === 0 || v === 1)) return ok(v === 1);
  const t = readText(v);
  if (!t.ok) return t;
  if (t.value === null) return ok(null);
  const key = t.value.normalize('NFKC').toLowerCase();
  if (YES.has(key)) return ok(true);
  if (NO.has(key)) return ok(false);
  return bad(`“${t.value}”: write 是 or 否.`, `“${t.value}”：请填写“是”或“否”。`);
}

/** A code from its Chinese label (or the code itself, or one of `aliases`). */
export function readChoice<C extends string>(
  v: CellValue,
  labels: Record<C, { zh: string; en: string }>,
  aliases: Record<string, C> = {},
): Read<C> {
  const t = readText(v);
  if (!t.ok) return t;
  if (t.value === null) return ok(null);
  const key = t.value.normalize('NFKC').replace(/\s/g, '');
  for (const [code, label] of Object.entries(labels) as [C, { zh: string; en: string }][]) {
    if (key === label.zh || key === code || key.toLowerCase() === label.en.toLowerCase()) return ok(code);
  }
  const alias = aliases[key];
  if (alias) return ok(alias);
  const options = Object.values<{ zh: string }>(labels)
    .map((l) => l.zh)
    .join('、');
  return bad(
    `“${t.value}” is not one of: ${options}.`,
    `“${t.value}”不是可选值，请从下拉列表选择：${options}。`,
  );
}

/** A whole number (jobs, tonnes); text with thousands separators is fine. */
export function readInt(v: CellValue): Read<number> {
  const t = typeof v === 'number' ? ok(String(v)) : readText(v);
  if (!t.ok || t.value === null) return t as Read<number>;
  const s = t.value.normalize('NFKC').replace(/[\s,]/g, '');
  if (!/^\d+$/.test(s) || s.length > 12) {
    return bad(`“${t.value}” is not a whole number.`, `“${t.value}”不是整数。`);
  }
  return ok(Number(s));
}
