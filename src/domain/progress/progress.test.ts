import { describe, expect, it } from 'vitest';
import { rateOf } from '../indicators/catalogue.js';
import {
  aheadOf,
  compareDecimal,
  completionOf,
  doubleHalfOf,
  growthOf,
  subtractDecimal,
  timeProgressOf,
} from './progress.js';

describe('序时进度', () => {
  it('counts whole months: a cut-off anywhere in October is 10/12', () => {
    expect(rateOf(timeProgressOf(2026, '2026-10-31', 'months'))).toBe('83.33');
    expect(rateOf(timeProgressOf(2026, '2026-10-05', 'months'))).toBe('83.33');
    expect(rateOf(timeProgressOf(2026, '2026-06-30', 'months'))).toBe('50.00');
  });

  it('counts days of the year when configured, leap years included', () => {
    expect(timeProgressOf(2026, '2026-12-31', 'days')).toEqual({ numerator: 365, denominator: 365 });
    expect(timeProgressOf(2024, '2024-12-31', 'days')).toEqual({ numerator: 366, denominator: 366 });
    expect(timeProgressOf(2026, '2026-02-01', 'days')).toEqual({ numerator: 32, denominator: 365 });
  });

  it('clamps a cut-off outside the year', () => {
    expect(rateOf(timeProgressOf(2026, '2025-12-31', 'months'))).toBe('0.00');
    expect(rateOf(timeProgressOf(2026, '2027-01-10', 'days'))).toBe('100.00');
  });
});

describe('completion, ahead/behind, growth, 双过半', () => {
  it('divides exactly and rounds half-up to two places', () => {
    expect(completionOf('2500000000', '3000000000')).toBe('83.33');
    expect(completionOf(5, '8')).toBe('62.50');
    expect(completionOf(0.6, '3')).toBe('20.00');
    // A ratio indicator: 17 of 20 milestones met (85%) against a 0.9 target.
    expect(completionOf({ numerator: 17, denominator: 20 }, '0.9')).toBe('94.44');
  });

  it('has no completion without a target or with a zero one (not assessed, never Infinity)', () => {
    expect(completionOf('100', null)).toBeNull();
    expect(completionOf('100', '0')).toBeNull();
  });

  it('reads ahead/behind in percentage points against time progress', () => {
    expect(aheadOf('90.00', '83.33')).toBe('6.67');
    expect(aheadOf('70.50', '83.33')).toBe('-12.83');
    expect(aheadOf(null, '83.33')).toBeNull();
  });

  it('computes year-on-year growth, and none when last year had nothing', () => {
    expect(growthOf('1200', '1000')).toBe('20.00');
    expect(growthOf(3, 4)).toBe('-25.00');
    expect(growthOf('5', '0')).toBeNull();
    expect(growthOf({ numerator: 9, denominator: 10 }, { numerator: 3, denominator: 4 })).toBe('20.00');
  });

  it('asks 双过半 only from mid-year on', () => {
    expect(doubleHalfOf('48.00', '41.67')).toBeNull();
    expect(doubleHalfOf('50.00', '50.00')).toBe(true);
    expect(doubleHalfOf('49.99', '58.33')).toBe(false);
    expect(doubleHalfOf(null, '58.33')).toBeNull();
  });

  it('subtracts and compares decimal text beyond 2^53', () => {
    expect(subtractDecimal('90071992547409930', '0.5')).toBe('90071992547409929.5');
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimal('-1.50', '-1.5')).toBe(0);
  });
});
