import { describe, expect, it } from 'vitest';
import { checkTargetRow, checkTargetValue, fromDisplay, toDisplay } from './targets.rules.js';

describe('target values in display units', () => {
  it('converts 万元, 万美元 and percent exactly both ways', () => {
    expect(fromDisplay('signed_amount', '1234.56')).toEqual({ value: '12345600' });
    expect(fromDisplay('signed_amount', 0.1 + 0.2)).toEqual({ value: '3000' });
    expect(fromDisplay('foreign_capital_used', '123.456789')).toEqual({ value: '123456789' });
    expect(fromDisplay('start_rate', '87.5')).toEqual({ value: '0.875' });
    expect(fromDisplay('signed_count', '１２')).toEqual({ value: '12' });
    expect(toDisplay('signed_amount', '12345600')).toBe('1234.56');
    expect(toDisplay('foreign_capital_used', '123456789')).toBe('123.456789');
    expect(toDisplay('start_rate', '0.875')).toBe('87.5');
    expect(toDisplay('signed_count', '12.5000')).toBe('12.5');
  });

  it('refuses negatives, money below the 元, more than 4 decimals and rates above 1000%', () => {
    expect(checkTargetValue('signed_count', '-1')?.messageZh).toContain('负数');
    expect(checkTargetValue('signed_amount', '1.5')?.messageZh).toContain('整数');
    expect(checkTargetValue('signed_count', '1.23456')?.messageZh).toContain('4 位小数');
    expect(checkTargetValue('start_rate', '10.0001')).not.toBeNull();
    expect(checkTargetValue('start_rate', '10')).toBeNull();
    expect(fromDisplay('signed_amount', '1.00001')).toMatchObject({
      messageZh: expect.stringContaining('4 位小数'),
    });
  });

  it('wants four quarters to add up to the year exactly', () => {
    const row = { unitId: null, indicatorKey: 'signed_count', annual: '10', q1: '2', q2: '3', q3: '3' };
    expect(checkTargetRow({ ...row, q4: '2' })).toEqual({});
    expect(checkTargetRow({ ...row, q4: '1' }).q4?.messageZh).toBe(
      '四个季度合计 9个，与全年任务 10个 不一致。',
    );
    // Three quarters only: no sum to check yet.
    expect(checkTargetRow({ ...row, q4: null })).toEqual({});
    expect(checkTargetRow({ ...row, indicatorKey: 'nope' }).indicatorKey).toBeDefined();
  });
});
