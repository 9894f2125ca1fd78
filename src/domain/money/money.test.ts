import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountString,
  formatMoneyAuto,
  formatWanUsd,
  formatWanYuan,
  formatYiYuan,
  MAX_AMOUNT_USD_CENTS,
  MAX_AMOUNT_YUAN,
  MoneyInputError,
  parseWanUsd,
  parseWanYuan,
  yuanFromJson,
  yuanToJson,
} from './money.js';

const errorOf = (f: () => unknown): MoneyInputError | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof MoneyInputError) return e;
    throw e;
  }
};
const codeOf = (f: () => unknown) => errorOf(f)?.code;

const toFullWidth = (s: string) =>
  s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x20 + 0xff00));

const yuan = fc.bigInt({ min: 0n, max: MAX_AMOUNT_YUAN });

describe('parseWanYuan', () => {
  it('turns 万元 into exact 元', () => {
    expect(parseWanYuan('12000')).toBe(120_000_000n);
    expect(parseWanYuan('1.5')).toBe(15_000n);
    expect(parseWanYuan('0.0001')).toBe(1n);
    expect(parseWanYuan('0')).toBe(0n);
    expect(parseWanYuan('1,200.5')).toBe(12_005_000n);
  });
  it('keeps the digits a float would lose', () => {
    expect(parseWanYuan('0.3')).toBe(3_000n);
    expect(parseWanYuan('999999999.9999')).toBe(9_999_999_999_999n);
    expect(parseWanYuan('123456789.0123')).toBe(1_234_567_890_123n);
  });
  it('tolerates full-width digits, spaces, a Chinese full stop and pasted invisible characters', () => {
    expect(parseWanYuan('１２')).toBe(120_000n);
    expect(parseWanYuan('１，２００．５')).toBe(12_005_000n);
    expect(parseWanYuan('  1 200 ')).toBe(12_000_000n);
    expect(parseWanYuan('\u3000３。５\u3000')).toBe(35_000n);
    expect(parseWanYuan('\ufeff12\u200b')).toBe(120_000n);
  });
  it('accepts leading zeros, a bare point and trailing zeros past the fourth decimal', () => {
    expect(parseWanYuan('007')).toBe(70_000n);
    expect(parseWanYuan('.5')).toBe(5_000n);
    expect(parseWanYuan('5.')).toBe(50_000n);
    expect(parseWanYuan('1.500000')).toBe(15_000n);
  });
  it('refuses empty input', () => {
    expect(codeOf(() => parseWanYuan(''))).toBe('money.empty');
    expect(codeOf(() => parseWanYuan(' \u3000 '))).toBe('money.empty');
  });
  it('refuses negative amounts, even minus zero, in any minus sign', () => {
    expect(codeOf(() => parseWanYuan('-1'))).toBe('money.negative');
    expect(codeOf(() => parseWanYuan('－１'))).toBe('money.negative');
    expect(codeOf(() => parseWanYuan('\u22121.5'))).toBe('money.negative');
    expect(codeOf(() => parseWanYuan('-0'))).toBe('money.negative');
  });
  it('refuses a fifth significant decimal, which would be a fraction of a yuan', () => {
    expect(codeOf(() => parseWanYuan('0.00001'))).toBe('money.too_many_decimals');
    expect(codeOf(() => parseWanYuan('1.23456'))).toBe('money.too_many_decimals');
  });
  it('refuses text, units, exponents, signs and badly grouped commas', () => {
    for (const s of [
      'abc',
      '12万',
      '1e3',
      '+5',
      '.',
      '1.2.3',
      '1,5',
      '12,00',
      ',100',
      '1,000,00',
      '0x10',
      '１２元',
    ]) {
      expect(
        codeOf(() => parseWanYuan(s)),
        s,
      ).toBe('money.not_a_number');
    }
  });
  it('refuses amounts above 10^13 元 and says to check the unit', () => {
    expect(parseWanYuan('1000000000')).toBe(MAX_AMOUNT_YUAN);
    expect(codeOf(() => parseWanYuan('1000000000.0001'))).toBe('money.too_large');
    expect(codeOf(() => parseWanYuan('9'.repeat(5000)))).toBe('money.too_large');
    const e = errorOf(() => parseWanYuan('120000000000'));
    expect(e?.messageZh).toBe('金额超出上限（1,000,000,000 万元），请核对单位是否为万元。');
    expect(e?.message).toContain('万元');
  });
  it('gives every refusal a Chinese and an English message', () => {
    for (const s of ['', 'x', '-1', '0.00001', `1${'0'.repeat(20)}`]) {
      const e = errorOf(() => parseWanYuan(s));
      expect(e, s).toBeDefined();
      expect(e?.message.length).toBeGreaterThan(10);
      expect(e?.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('parseWanUsd', () => {
  it('turns 万美元 into exact cents', () => {
    expect(parseWanUsd('1')).toBe(1_000_000n);
    expect(parseWanUsd('150')).toBe(150_000_000n);
    expect(parseWanUsd('0.000001')).toBe(1n);
    expect(parseWanUsd('2,500.25')).toBe(2_500_250_000n);
  });
  it('refuses a seventh significant decimal and amounts above the cap', () => {
    expect(codeOf(() => parseWanUsd('0.0000001'))).toBe('money.too_many_decimals');
    expect(parseWanUsd('10000000')).toBe(MAX_AMOUNT_USD_CENTS);
    expect(codeOf(() => parseWanUsd('10000000.000001'))).toBe('money.too_large');
  });
  it('names 万美元 in its messages', () => {
    expect(errorOf(() => parseWanUsd(''))?.messageZh).toBe('请填写金额（万美元）。');
    expect(errorOf(() => parseWanUsd('0.0000001'))?.messageZh).toContain('精确到美分');
  });
});

describe('formatWanYuan', () => {
  it('shows 万元 with two decimals and thousands separators', () => {
    expect(formatWanYuan(120_000_000n)).toBe('12,000.00');
    expect(formatWanYuan(0n)).toBe('0.00');
    expect(formatWanYuan(15_000n)).toBe('1.50');
    expect(formatWanYuan(1_234_567_890_123n, { decimals: 4 })).toBe('123,456,789.0123');
    expect(formatWanYuan(125_000n, { decimals: 0 })).toBe('13');
  });
  it('rounds half up', () => {
    expect(formatWanYuan(49n)).toBe('0.00');
    expect(formatWanYuan(50n)).toBe('0.01');
    expect(formatWanYuan(12_345n)).toBe('1.23');
    expect(formatWanYuan(12_350n)).toBe('1.24');
    expect(formatWanYuan(99_999_999n)).toBe('10,000.00');
  });
  it('mirrors negative differences and never prints minus zero', () => {
    expect(formatWanYuan(-12_350n)).toBe('-1.24');
    expect(formatWanYuan(-49n)).toBe('0.00');
  });
  it('refuses a number of decimals finer than a yuan', () => {
    expect(() => formatWanYuan(1n, { decimals: 5 })).toThrow(RangeError);
    expect(() => formatWanYuan(1n, { decimals: 1.5 })).toThrow(RangeError);
  });
});

describe('formatYiYuan and formatWanUsd', () => {
  it('show 亿元 and 万美元', () => {
    expect(formatYiYuan(250_000_000n)).toBe('2.50');
    expect(formatYiYuan(1_234_500_000_000n)).toBe('12,345.00');
    expect(formatYiYuan(1n, { decimals: 8 })).toBe('0.00000001');
    expect(formatWanUsd(150_000_000n)).toBe('150.00');
    expect(formatWanUsd(1n, { decimals: 6 })).toBe('0.000001');
    expect(formatWanUsd(5_000n)).toBe('0.01');
  });
});

describe('formatMoneyAuto', () => {
  it('switches to 亿元 at 1 亿', () => {
    expect(formatMoneyAuto(99_999_999n)).toEqual({ value: '10,000.00', unit: '万元' });
    expect(formatMoneyAuto(100_000_000n)).toEqual({ value: '1.00', unit: '亿元' });
    expect(formatMoneyAuto(1_250_000_000n)).toEqual({ value: '12.50', unit: '亿元' });
    expect(formatMoneyAuto(-300_000_000n)).toEqual({ value: '-3.00', unit: '亿元' });
    expect(formatMoneyAuto(5_000_000n, { decimals: 0 })).toEqual({ value: '500', unit: '万元' });
  });
});

describe('amounts on the wire', () => {
  it('travel as digit strings and come back exact beyond 2^53', () => {
    const big = 2n ** 53n + 1n;
    expect(yuanToJson(big)).toBe('9007199254740993');
    expect(yuanFromJson('9007199254740993')).toBe(big);
    expect(JSON.parse(JSON.stringify({ a: yuanToJson(big) })).a).toBe('9007199254740993');
  });
  it('accept only non-negative integers without leading zeros', () => {
    for (const ok of ['0', '1', '120000000', '999999999999999999']) {
      expect(amountString.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of ['', '01', '-1', '1.0', '1e3', ' 1', '1,000', '1000000000000000000']) {
      expect(amountString.safeParse(bad).success, bad).toBe(false);
      expect(
        codeOf(() => yuanFromJson(bad)),
        bad,
      ).toBe('money.not_an_amount_string');
    }
  });
  it('refuse to send a negative amount', () => {
    expect(() => yuanToJson(-1n)).toThrow(RangeError);
  });
  it('round-trip every storable amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), (b) => yuanFromJson(yuanToJson(b)) === b),
    );
  });
});

describe('money properties', () => {
  it('parse back every amount formatted with 4 decimals of 万元, exactly', () => {
    fc.assert(fc.property(yuan, (y) => parseWanYuan(formatWanYuan(y, { decimals: 4 })) === y));
  });
  it('parse back every amount of whole 百元 formatted with the default 2 decimals', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: MAX_AMOUNT_YUAN / 100n }).map((h) => h * 100n),
        (y) => parseWanYuan(formatWanYuan(y)) === y,
      ),
    );
  });
  it('round any amount to the nearest 百元 with halves going up, when shown with 2 decimals', () => {
    fc.assert(
      fc.property(yuan, (y) => {
        const back = parseWanYuan(formatWanYuan(y));
        const diff = back - y;
        return diff >= -49n && diff <= 50n && back % 100n === 0n;
      }),
    );
  });
  it('parse back every 万美元 amount formatted with 6 decimals', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: MAX_AMOUNT_USD_CENTS }),
        (c) => parseWanUsd(formatWanUsd(c, { decimals: 6 })) === c,
      ),
    );
  });
  it('show 亿元 with 8 decimals as the exact digits of the amount', () => {
    fc.assert(fc.property(yuan, (y) => BigInt(formatYiYuan(y, { decimals: 8 }).replace(/[,.]/g, '')) === y));
  });
  it('read the same amount whether typed in full-width digits or with stray spaces', () => {
    fc.assert(
      fc.property(yuan, fc.nat({ max: 20 }), (y, at) => {
        const text = formatWanYuan(y, { decimals: 4 });
        const spaced = `${text.slice(0, at)} ${text.slice(at)}`;
        return parseWanYuan(toFullWidth(text)) === y && parseWanYuan(spaced) === y;
      }),
    );
  });
  it('never accept a string that is not a plain non-negative number', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const v = parseWanYuan(s);
          return v >= 0n && v <= MAX_AMOUNT_YUAN;
        } catch (e) {
          return e instanceof MoneyInputError;
        }
      }),
    );
  });
});
