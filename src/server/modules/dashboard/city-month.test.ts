import { describe, expect, it } from 'vitest';
import { cityMonth } from './dashboard.service.js';

describe('the month the dashboard compares with the city', () => {
  it('is the cut-off’s month on its last day, else the month before, and none in an unfinished January', () => {
    expect(cityMonth('2026-10-31')).toBe(10);
    expect(cityMonth('2026-11-28')).toBe(10);
    expect(cityMonth('2024-02-29')).toBe(2);
    expect(cityMonth('2026-01-15')).toBe(0);
    expect(cityMonth('2026-12-31')).toBe(12);
  });
});
