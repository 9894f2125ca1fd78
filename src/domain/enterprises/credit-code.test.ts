import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  computeCheckChar,
  normalizeCreditCode,
  validateCreditCode,
} from './credit-code.js';

// Generated, not copied: a business (9, 1) registered in a made-up 130xxx division, with an invented body.
const withCheck = (first17: string) => first17 + computeCheckChar(first17);
const VALID = withCheck('91130429MA0XDP7KQ');

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET);
const digit = fc.constantFrom(...'0123456789');
const first17 = fc
  .tuple(
    fc.array(charsetChar, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(charsetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => [...a, ...b, ...c].join(''));

describe('computeCheckChar', () => {
  it('follows the standard’s weights and character values, worked by hand', () => {
    expect(computeCheckChar('00000000000000000')).toBe('0');
    expect(computeCheckChar('10000000000000000')).toBe('Y'); // 1×1 = 1 → 31 − 1 = 30 → Y
    expect(computeCheckChar('01000000000000000')).toBe('W'); // 1×3 = 3 → 28 → W
    expect(computeCheckChar('0000000000000000M')).toBe('1'); // M = 21, 21×28 = 588 ≡ 30 → 1
    expect(computeCheckChar('00000000000000001')).toBe('3'); // 1×28 = 28 → 3
    expect(computeCheckChar('Y0000000000000000')).toBe('1'); // Y = 30, 30×1 = 30 → 1
  });
  it('refuses input that is not 17 characters of the charset', () => {
    expect(() => computeCheckChar('91130429MA0XDP7K')).toThrow(RangeError);
    expect(() => computeCheckChar('91130429MA0XDP7KO')).toThrow(RangeError);
  });
});

describe('normalizeCreditCode', () => {
  it('trims, upper-cases, turns full-width into half-width and drops inner spaces', () => {
    expect(normalizeCreditCode(`  ${VALID.toLowerCase()} `)).toBe(VALID);
    const fullWidth = [...VALID].map((c) => String.fromCharCode(c.charCodeAt(0) - 0x20 + 0xff00)).join('');
    expect(normalizeCreditCode(fullWidth)).toBe(VALID);
    expect(normalizeCreditCode(`${VALID.slice(0, 8)} ${VALID.slice(8)}\u3000`)).toBe(VALID);
  });
});

describe('validateCreditCode', () => {
  it('accepts a generated code and returns it normalised', () => {
    expect(validateCreditCode(VALID)).toEqual({ ok: true, code: VALID });
    expect(validateCreditCode(` ${VALID.toLowerCase()}`)).toEqual({ ok: true, code: VALID });
  });
  it('refuses a wrong length and says how long the input was', () => {
    const r = validateCreditCode(VALID.slice(0, 17));
    expect(r).toMatchObject({ ok: false, reason: 'length' });
    expect(r.ok ? '' : r.messageZh).toContain('当前为 17 位');
    expect(validateCreditCode('')).toMatchObject({ ok: false, reason: 'length' });
  });
  it('refuses the letters the standard leaves out and names them', () => {
    const withO = `${VALID.slice(0, 10)}O${VALID.slice(11)}`;
    const r = validateCreditCode(withO);
    expect(r).toMatchObject({ ok: false, reason: 'charset' });
    expect(r.ok ? '' : r.messageZh).toContain('：O。');
    for (const c of 'IOSVZ') {
      expect(validateCreditCode(`${VALID.slice(0, 17)}${c}`)).toMatchObject({ ok: false, reason: 'charset' });
    }
  });
  it('refuses a letter where the six-digit division code belongs', () => {
    const code = withCheck('9113A429MA0XDP7KQ');
    expect(validateCreditCode(code)).toMatchObject({ ok: false, reason: 'division' });
  });
  it('refuses a flipped character by its check character', () => {
    const flipped = `${VALID.slice(0, 12)}${VALID[12] === 'D' ? 'E' : 'D'}${VALID.slice(13)}`;
    const r = validateCreditCode(flipped);
    expect(r).toMatchObject({ ok: false, reason: 'check_digit' });
    expect(r.ok ? '' : r.messageEn).toMatch(/check character/);
  });
  it('accepts any code built from the charset with its computed check character', () => {
    fc.assert(
      fc.property(first17, (f) => {
        const r = validateCreditCode(withCheck(f));
        return r.ok && r.code === withCheck(f);
      }),
    );
  });
  it('never blames the check character of a code whose check was computed, whatever its 17 characters', () => {
    fc.assert(
      fc.property(fc.array(charsetChar, { minLength: 17, maxLength: 17 }), (cs) => {
        const r = validateCreditCode(withCheck(cs.join('')));
        return r.ok || r.reason === 'division';
      }),
    );
  });
  it('refuses any code with one character changed to another of the charset', () => {
    fc.assert(
      fc.property(first17, fc.nat({ max: 17 }), charsetChar, (f, at, c) => {
        const code = withCheck(f);
        fc.pre(code[at] !== c);
        return !validateCreditCode(code.slice(0, at) + c + code.slice(at + 1)).ok;
      }),
    );
  });
  it('refuses any code with two different neighbours among the first 17 swapped', () => {
    fc.assert(
      fc.property(first17, fc.nat({ max: 15 }), (f, at) => {
        fc.pre(f[at] !== f[at + 1]);
        const swapped = f.slice(0, at) + f[at + 1] + f[at] + f.slice(at + 2);
        return !validateCreditCode(swapped + computeCheckChar(f)).ok;
      }),
    );
  });
});
