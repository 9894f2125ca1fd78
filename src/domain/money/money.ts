import { z } from 'zod';

// Money is exact (DOMAIN §4): CNY is stored as whole 元, USD as whole cents, and every calculation here runs on
// bigint. A Number never holds an amount, so 0.1 + 0.2 never happens to a signed amount.

export const YUAN_PER_WAN = 10_000n;
export const YUAN_PER_YI = 100_000_000n;
export const CENTS_PER_WAN_USD = 1_000_000n;

/** 10^13 元 = 10 万亿元: far above any project, low enough that a figure typed in 元 instead of 万元 is caught. */
export const MAX_AMOUNT_YUAN = 10n ** 13n;
/** 10^13 cents = 1,000 亿美元. */
export const MAX_AMOUNT_USD_CENTS = 10n ** 13n;

export type MoneyErrorCode =
  | 'money.empty'
  | 'money.not_a_number'
  | 'money.negative'
  | 'money.too_many_decimals'
  | 'money.too_large'
  | 'money.not_an_amount_string';

/** Every refusal of this module: a stable code and a message a person can act on, in English and Chinese. */
export class MoneyInputError extends Error {
  override readonly name = 'MoneyInputError';
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

interface TypedUnit {
  /** smallest stored units per typed unit, as a power of ten */
  exponent: number;
  max: bigint;
  zh: string;
  en: string;
  smallestZh: string;
  smallestEn: string;
}

const WAN_YUAN: TypedUnit = {
  exponent: 4,
  max: MAX_AMOUNT_YUAN,
  zh: '万元',
  en: '万元 (10,000 yuan)',
  smallestZh: '元',
  smallestEn: 'yuan',
};
const WAN_USD: TypedUnit = {
  exponent: 6,
  max: MAX_AMOUNT_USD_CENTS,
  zh: '万美元',
  en: '万美元 (10,000 US dollars)',
  smallestZh: '美分',
  smallestEn: 'cent',
};

// A comma is accepted only as a thousands separator in correct groups of three: "1,5" may be a European
// decimal comma, and reading it as 15 would be a tenfold error, so it is refused rather than guessed.
const TYPED_NUMBER = /^(?<int>\d{1,3}(?:,\d{3})+|\d*)(?:\.(?<frac>\d*))?$/;
// Whitespace of any width, and the zero-width characters that come along when a figure is pasted from a document.
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/g;

/**
 * What a person typed, tolerated: NFKC turns full-width digits, comma, point and minus into ASCII (１２，０００．５
 * → 12,000.5); whitespace anywhere is dropped; the ideographic full stop 。, which a Chinese input method gives
 * for ".", is read as the decimal point. Leading zeros and a bare leading or trailing point (".5", "5.") are
 * accepted. Refused: empty, a minus sign (even "-0"), exponents, units or other text, significant decimals
 * beyond the unit's precision (trailing zeros past it are harmless: "1.500000" is exact), and values above the cap.
 */
function parseTyped(input: string, unit: TypedUnit): bigint {
  const s = input
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/。/g, '.')
    .replace(/\u2212/g, '-');
  if (s === '') {
    throw new MoneyInputError('money.empty', `Enter an amount in ${unit.en}.`, `请填写金额（${unit.zh}）。`);
  }
  const negative = s.startsWith('-');
  const match = TYPED_NUMBER.exec(negative ? s.slice(1) : s);
  const intPart = match?.groups?.int?.replace(/,/g, '') ?? '';
  const fracPart = match?.groups?.frac ?? '';
  if (!match || intPart + fracPart === '') {
    throw new MoneyInputError(
      'money.not_a_number',
      `Enter a number in ${unit.en}, such as 1200 or 1,200.5 (digits only, no unit).`,
      `金额须为数字（单位：${unit.zh}），如 1200 或 1,200.5，不要带单位。`,
    );
  }
  if (negative) {
    throw new MoneyInputError('money.negative', 'The amount cannot be negative.', '金额不能为负数。');
  }
  const frac = fracPart.replace(/0+$/, '');
  if (frac.length > unit.exponent) {
    throw new MoneyInputError(
      'money.too_many_decimals',
      `Use at most ${unit.exponent} decimals in ${unit.en} (exact to the ${unit.smallestEn}).`,
      `${unit.zh}金额最多 ${unit.exponent} 位小数（精确到${unit.smallestZh}）。`,
    );
  }
  const int = intPart.replace(/^0+/, '');
  const tooLarge = () => {
    const limit = formatScaled(unit.max, unit.exponent, 0);
    return new MoneyInputError(
      'money.too_large',
      `The amount is above the limit of ${limit} ${unit.en}; check that it was entered in ${unit.en}.`,
      `金额超出上限（${limit} ${unit.zh}），请核对单位是否为${unit.zh}。`,
    );
  };
  // Compare lengths before BigInt, so a pasted page of digits costs nothing.
  if (int.length > unit.max.toString().length) throw tooLarge();
  const value = BigInt(int || '0') * 10n ** BigInt(unit.exponent) + BigInt(frac.padEnd(unit.exponent, '0'));
  if (value > unit.max) throw tooLarge();
  return value;
}

/** 万元 as typed (up to 4 decimals) → exact 元. Throws MoneyInputError. */
export function parseWanYuan(input: string): bigint {
  return parseTyped(input, WAN_YUAN);
}

/** 万美元 as typed (up to 6 decimals) → exact US cents. Throws MoneyInputError. */
export function parseWanUsd(input: string): bigint {
  return parseTyped(input, WAN_USD);
}

/**
 * `amount` smallest units shown in a unit 10^exponent times larger, with `decimals` decimals and thousands
 * separators. Rounding is half-up on the magnitude (…5 goes away from zero), so a negative difference prints
 * as the mirror of its positive and a rounded-away amount never prints as "-0.00".
 */
function formatScaled(amount: bigint, exponent: number, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > exponent) {
    throw new RangeError(`decimals must be a whole number from 0 to ${exponent}`);
  }
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  const divisor = 10n ** BigInt(exponent - decimals);
  const rounded = (magnitude + divisor / 2n) / divisor;
  const digits = rounded.toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+$)/g, ',');
  const text = decimals > 0 ? `${int}.${digits.slice(digits.length - decimals)}` : int;
  return negative && rounded !== 0n ? `-${text}` : text;
}

export interface FormatOptions {
  decimals?: number;
}

/** 元 → 万元, e.g. 120000000n → "12,000.00". `decimals` 0–4, default 2. */
export function formatWanYuan(yuan: bigint, opts: FormatOptions = {}): string {
  return formatScaled(yuan, 4, opts.decimals ?? 2);
}

/** 元 → 亿元, e.g. 250000000n → "2.50". `decimals` 0–8, default 2. */
export function formatYiYuan(yuan: bigint, opts: FormatOptions = {}): string {
  return formatScaled(yuan, 8, opts.decimals ?? 2);
}

/** US cents → 万美元, e.g. 150000000n → "150.00". `decimals` 0–6, default 2. */
export function formatWanUsd(cents: bigint, opts: FormatOptions = {}): string {
  return formatScaled(cents, 6, opts.decimals ?? 2);
}

/** 亿元 from 1 亿 (in magnitude) upwards, 万元 below; the unit always travels with the value. */
export function formatMoneyAuto(
  yuan: bigint,
  opts: FormatOptions = {},
): { value: string; unit: '亿元' | '万元' } {
  const magnitude = yuan < 0n ? -yuan : yuan;
  return magnitude >= YUAN_PER_YI
    ? { value: formatYiYuan(yuan, opts), unit: '亿元' }
    : { value: formatWanYuan(yuan, opts), unit: '万元' };
}

// Up to 18 digits: every value fits PostgreSQL's bigint (9.2 × 10^18), and sums of a city's amounts still do.
const AMOUNT_STRING = /^(0|[1-9]\d{0,17})$/;

/** An amount on the wire: a non-negative whole number of 元 (or cents) as a decimal string, e.g. "120000000". */
export const amountString = z
  .string()
  .regex(
    AMOUNT_STRING,
    'An amount: a whole number of yuan (or cents) as a string of digits, e.g. "120000000"',
  );

/** Amounts travel as strings so that no JSON reader turns them into floats. */
export function yuanToJson(b: bigint): string {
  if (b < 0n || b >= 10n ** 18n) throw new RangeError(`Amount out of range for the wire: ${b}`);
  return b.toString();
}

/** The inverse of yuanToJson, with amountString's rule. Throws MoneyInputError. */
export function yuanFromJson(s: string): bigint {
  if (!AMOUNT_STRING.test(s)) {
    throw new MoneyInputError(
      'money.not_an_amount_string',
      'An amount must be a whole number of yuan (or cents) written as a string of digits.',
      '金额须为以数字字符串表示的整数（元或美分）。',
    );
  }
  return BigInt(s);
}
