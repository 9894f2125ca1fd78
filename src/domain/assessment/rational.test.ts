import { describe, expect, it } from 'vitest';
import { Rational, type RoundingMode } from './rational.js';

const r = (v: string) => Rational.parse(v)!;
const rounded = (v: string, digits: number, mode: RoundingMode) => r(v).round(digits, mode).toString();

describe('Rational', () => {
  it('is exact where binary floats are not', () => {
    expect(r('0.1').add(r('0.2')).toString()).toBe('0.3');
    expect(Rational.parse(0.1)!.mul(Rational.int(3)).eq(r('0.3'))).toBe(true);
    expect(r('1').div(r('3'))!.mul(Rational.int(3)).eq(Rational.ONE)).toBe(true);
  });

  it('reads decimals, exponents, percentages and money strings; refuses the rest', () => {
    expect(r('120%').toString()).toBe('1.2');
    expect(r('-1.5e-3').toString()).toBe('-0.0015');
    expect(r('.5').toString()).toBe('0.5');
    expect(Rational.parse('123456789012345678901234567890')!.n).toBe(123456789012345678901234567890n);
    expect(Rational.parse(1e300)!.n).toBe(10n ** 300n);
    for (const bad of ['', 'abc', '1.2.3', '.', '%', 'NaN']) expect(Rational.parse(bad)).toBeNull();
    expect(Rational.parse(Number.NaN)).toBeNull();
    expect(Rational.parse(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('gives null for a division by zero instead of Infinity', () => {
    expect(r('5').div(Rational.ZERO)).toBeNull();
  });

  it('rounds half_up (四舍五入) with ties away from zero, including negatives', () => {
    expect(rounded('2.5', 0, 'half_up')).toBe('3');
    expect(rounded('-2.5', 0, 'half_up')).toBe('-3');
    expect(rounded('2.4999', 0, 'half_up')).toBe('2');
    expect(rounded('1.005', 2, 'half_up')).toBe('1.01'); // a float would print 1.00
    expect(rounded('-1.005', 2, 'half_up')).toBe('-1.01');
  });

  it('rounds half_even to the even neighbour on exact ties only', () => {
    expect(rounded('2.5', 0, 'half_even')).toBe('2');
    expect(rounded('3.5', 0, 'half_even')).toBe('4');
    expect(rounded('-2.5', 0, 'half_even')).toBe('-2');
    expect(rounded('-3.5', 0, 'half_even')).toBe('-4');
    expect(rounded('2.51', 0, 'half_even')).toBe('3');
    expect(rounded('0.125', 2, 'half_even')).toBe('0.12');
  });

  it('rounds up (away from zero), down (toward zero), floor and ceil', () => {
    const cases: [string, RoundingMode, string][] = [
      ['2.1', 'up', '3'],
      ['-2.1', 'up', '-3'],
      ['2.9', 'down', '2'],
      ['-2.9', 'down', '-2'],
      ['2.9', 'floor', '2'],
      ['-2.1', 'floor', '-3'],
      ['2.1', 'ceil', '3'],
      ['-2.9', 'ceil', '-2'],
      ['-2.5', 'ceil', '-2'],
      ['-2.5', 'floor', '-3'],
      ['7', 'up', '7'],
      ['-7', 'floor', '-7'],
    ];
    for (const [v, mode, want] of cases)
      expect(`${v} ${mode} ${rounded(v, 0, mode)}`).toBe(`${v} ${mode} ${want}`);
    expect(rounded('1.234', 2, 'ceil')).toBe('1.24');
    expect(rounded('-1.234', 2, 'floor')).toBe('-1.24');
  });

  it('prints fixed places and converts to a finite number', () => {
    expect(r('-0.5').toFixed(2)).toBe('-0.50');
    expect(r('12').toFixed(0)).toBe('12');
    expect(r('1').div(r('3'))!.toNumber()).toBe(0.3333333333);
  });
});
