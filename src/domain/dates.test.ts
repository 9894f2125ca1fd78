import { describe, expect, it } from 'vitest';
import { chinaToday, isIsoDate, monthEnd } from './dates.js';

describe('chinaToday', () => {
  it('gives the date in Beijing, not in UTC', () => {
    expect(chinaToday(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(chinaToday(new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
  });
});

describe('monthEnd', () => {
  it('is the last day of the month, leap Februaries and December included', () => {
    expect(monthEnd(2026, 1)).toBe('2026-01-31');
    expect(monthEnd(2026, 2)).toBe('2026-02-28');
    expect(monthEnd(2024, 2)).toBe('2024-02-29');
    expect(monthEnd(2026, 4)).toBe('2026-04-30');
    expect(monthEnd(2026, 12)).toBe('2026-12-31');
  });
});
