import { describe, expect, it } from 'vitest';
import {
  cellNumber,
  centsToWanUsdText,
  chineseDate,
  chineseNumeral,
  displayUnitOf,
  formatCell,
  formatCount,
  formatPercent,
  formatPoints,
  formatScore,
  formatWithUnit,
  formatYoy,
  moneyPhrase,
  periodName,
  quarterName,
  sectionNumeral,
  yuanToWanNumber,
  yuanToWanText,
  yuanToYiText,
} from './format.js';

describe('bulletin money formatting', () => {
  it('converts 元 to 万元 with 2 decimals, half-up, exactly on digits beyond 2^53', () => {
    expect(yuanToWanText('123456789')).toBe('12,345.68');
    expect(yuanToWanText('50')).toBe('0.01'); // 0.005 万元 rounds up
    expect(yuanToWanText('49')).toBe('0.00');
    expect(yuanToWanText('0')).toBe('0.00');
    expect(yuanToWanText('123456789012345678')).toBe('12,345,678,901,234.57');
    expect(yuanToWanText('123456789', { grouping: false })).toBe('12345.68');
  });

  it('rounds a negative gap as the mirror of its positive and never prints -0.00', () => {
    expect(yuanToWanText('-150')).toBe('-0.02');
    expect(yuanToWanText('-49')).toBe('0.00');
  });

  it('reads decimal 元 (a decimal target) exactly', () => {
    expect(yuanToWanText('12345.5')).toBe('1.23');
    expect(yuanToWanText('125000.5')).toBe('12.50');
  });

  it('converts to 亿元 and 万美元, and picks 亿元 from 1 亿 in prose', () => {
    expect(yuanToYiText('325000000')).toBe('3.25');
    expect(centsToWanUsdText('150000000')).toBe('150.00');
    expect(moneyPhrase('325000000')).toBe('3.25亿元');
    expect(moneyPhrase('86500000')).toBe('8,650.00万元');
    expect(moneyPhrase('-325000000')).toBe('-3.25亿元');
  });

  it('gives spreadsheets the exact 万元 value as a number', () => {
    expect(yuanToWanNumber('123456789')).toBe(12345.6789);
    expect(cellNumber('150000000', '美分')).toBe(150);
    expect(cellNumber('83.33', '%')).toBe(83.33);
    expect(cellNumber(null, '元')).toBeNull();
  });
});

describe('counts, percents, points and growth', () => {
  it('prints counts with up to 4 decimals, trimmed', () => {
    expect(formatCount('3')).toBe('3');
    expect(formatCount('2.5000')).toBe('2.5');
    expect(formatCount(1.23456)).toBe('1.2346');
    expect(formatCount('1200')).toBe('1200');
  });

  it('prints percents, points with a sign and growth in words', () => {
    expect(formatPercent('83.333')).toBe('83.33%');
    expect(formatPercent('100')).toBe('100.00%');
    expect(formatPoints('5.2')).toBe('+5.20个百分点');
    expect(formatPoints('-3.1')).toBe('-3.10个百分点');
    expect(formatPoints('0')).toBe('0.00个百分点');
    expect(formatYoy('12.5')).toBe('增长12.50%');
    expect(formatYoy('-3')).toBe('下降3.00%');
    expect(formatYoy('0.001')).toBe('持平');
  });

  it('prints scores with 2 decimals, half-up, and an empty score as a dash', () => {
    expect(formatScore('20.8360065466')).toBe('20.84');
    expect(formatScore('-0.5')).toBe('-0.50');
    expect(formatScore('93')).toBe('93.00');
    expect(formatScore(null)).toBe('—');
  });

  it('formats a cell per indicator unit', () => {
    expect(formatCell('12', '个')).toBe('12');
    expect(formatCell('7', '次')).toBe('7');
    expect(formatCell('123456789', '元')).toBe('12,345.68');
    expect(formatCell('150000000', '美分')).toBe('150.00');
    expect(formatCell('83.33', '%')).toBe('83.33%');
    expect(formatCell('83.33', 'ratio')).toBe('83.33%');
    expect(formatCell('25000000', '元每个')).toBe('2,500.00');
    expect(formatCell(null, '元')).toBe('—');
    expect(displayUnitOf('元')).toBe('万元');
    expect(displayUnitOf('美分')).toBe('万美元');
    expect(displayUnitOf('元每个')).toBe('万元/个');
    expect(formatWithUnit('12', '个')).toBe('12个');
    expect(formatWithUnit('25000000', '元每个')).toBe('2,500.00万元/个');
  });

  it('refuses text that is not a number rather than printing NaN', () => {
    expect(() => formatCell('abc', '元')).toThrow(RangeError);
  });
});

describe('Chinese numerals and dates', () => {
  it('writes numerals, section numbers and quarters', () => {
    expect([1, 9, 10, 11, 20, 35].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '三十五']);
    expect(sectionNumeral(3)).toBe('三、');
    expect([1, 2, 3, 4].map(quarterName)).toEqual(['第一季度', '第二季度', '第三季度', '第四季度']);
    expect(periodName('quarter', 2026, 3)).toBe('2026年第三季度');
    expect(periodName('month', 2026, 10)).toBe('2026年10月');
  });

  it('writes a date without leading zeros', () => {
    expect(chineseDate('2026-10-31')).toBe('2026年10月31日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });
});
