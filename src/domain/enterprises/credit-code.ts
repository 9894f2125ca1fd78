// 统一社会信用代码, GB 32100-2015: 18 characters. 1: registration authority (9 = 市场监管/工商), 2: organisation
// type, 3–8: the registering authority's administrative division code (GB/T 2260, six digits), 9–17: the
// organisation's own code, 18: check character.

/** The 31 characters of the standard, in value order: digits 0–9, then capitals without I, O, S, V, Z. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// 3^i mod 31. Since 31 is prime and every weight is non-zero, any single wrong character and any swap of two
// different neighbours among the first 17 changes the check character.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/g;

/** Full-width → half-width (NFKC), whitespace anywhere removed (codes are pasted with spaces), upper case. */
export function normalizeCreditCode(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '').toUpperCase();
}

/** The check character of the first 17 characters (already normalised). Throws RangeError on other input. */
export function computeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('computeCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`Not a credit-code character: ${first17[i]}`);
    sum += value * WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'length' | 'charset' | 'division' | 'check_digit';

export type CreditCodeCheck =
  | { ok: true; code: string }
  | { ok: false; reason: CreditCodeProblem; messageZh: string; messageEn: string };

/**
 * Normalises, then checks in this order: 18 characters; only the standard's characters; characters 3–8 are
 * digits (the database refuses anything else, and so does the standard); the check character. The first two
 * characters are not checked against the standard's tables, which grow with new kinds of organisation.
 */
export function validateCreditCode(s: string): CreditCodeCheck {
  const code = normalizeCreditCode(s);
  const chars = [...code];
  if (chars.length !== 18) {
    return {
      ok: false,
      reason: 'length',
      messageZh: `统一社会信用代码应为 18 位，当前为 ${chars.length} 位。`,
      messageEn: `A unified social credit code has 18 characters; this one has ${chars.length}.`,
    };
  }
  const wrong = [...new Set(chars.filter((c) => !CREDIT_CODE_CHARSET.includes(c)))];
  if (wrong.length > 0) {
    return {
      ok: false,
      reason: 'charset',
      messageZh: `统一社会信用代码含有不允许的字符：${wrong.join('、')}。代码只由数字和大写字母组成，不使用 I、O、S、V、Z。`,
      messageEn: `The code contains characters that are not allowed: ${wrong.join(', ')}. Codes use digits and capital letters other than I, O, S, V and Z.`,
    };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return {
      ok: false,
      reason: 'division',
      messageZh: '统一社会信用代码第 3–8 位是登记机关的行政区划代码，应为 6 位数字。',
      messageEn:
        'Characters 3–8 of the code are the registering authority’s administrative division code: 6 digits.',
    };
  }
  if (computeCheckChar(code.slice(0, 17)) !== code[17]) {
    return {
      ok: false,
      reason: 'check_digit',
      messageZh: '统一社会信用代码校验位不符，请逐位核对是否有输错的字符。',
      messageEn: 'The check character does not match: one of the characters is probably mistyped.',
    };
  }
  return { ok: true, code };
}
