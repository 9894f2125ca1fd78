import { describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOGUE } from '../assessment/example-schemes.js';
import {
  CATALOGUE,
  CATALOGUE_BY_KEY,
  defaultDefinitions,
  definitionsSchema,
  INDICATOR_KEYS,
  rateOf,
} from './catalogue.js';

describe('indicator catalogue', () => {
  it('describes every key once, ratios over keys of the catalogue', () => {
    expect(CATALOGUE.map((e) => e.key)).toEqual([...INDICATOR_KEYS]);
    for (const e of CATALOGUE) {
      expect(e.name.zh).not.toBe('');
      expect(e.name.en).not.toBe('');
      expect(e.kind === 'ratio').toBe(e.ratio !== undefined);
      if (e.ratio) {
        expect(CATALOGUE_BY_KEY[e.ratio.numerator].kind).not.toBe('ratio');
        expect(CATALOGUE_BY_KEY[e.ratio.denominator].kind).not.toBe('ratio');
      }
    }
  });

  it('provides every key the example assessment schemes use', () => {
    for (const e of EXAMPLE_CATALOGUE) expect(INDICATOR_KEYS).toContain(e.key);
  });

  it('defaults to the usual 口径 and rejects a malformed threshold', () => {
    expect(defaultDefinitions()).toEqual({
      dateBasis: 'signing_date',
      amountBasis: 'signed',
      minAmountYuan: null,
      industrialOnly: false,
      excludeWithdrawn: true,
      fundOrigins: ['out_of_province', 'in_province', 'foreign', 'local'],
      notableKinds: ['fortune500', 'central_soe'],
      applyCreditShares: true,
      capitalIncreaseIncrementOnly: true,
    });
    expect(definitionsSchema.safeParse({ minAmountYuan: '1.5' }).success).toBe(false);
    expect(definitionsSchema.safeParse({ fundOrigins: [] }).success).toBe(false);
  });
});

describe('rateOf', () => {
  it('rounds half-up from the exact counts and has no rate over zero', () => {
    expect(rateOf({ numerator: 1, denominator: 3 })).toBe('33.33');
    expect(rateOf({ numerator: 2, denominator: 3 })).toBe('66.67');
    expect(rateOf({ numerator: 1, denominator: 8 }, 1)).toBe('12.5');
    expect(rateOf({ numerator: 1, denominator: 16 }, 1)).toBe('6.3');
    expect(rateOf({ numerator: 0, denominator: 5 })).toBe('0.00');
    expect(rateOf({ numerator: 0, denominator: 0 })).toBeNull();
    expect(rateOf({ numerator: '5', denominator: '0' })).toBeNull();
    expect(rateOf({ numerator: 0.6, denominator: 0.9333 })).toBe('64.29');
    expect(rateOf({ numerator: '150000000', denominator: 2 }, 0, false)).toBe('75000000');
    expect(rateOf({ numerator: '1500000', denominator: '150000000' })).toBe('1.00');
  });
});
