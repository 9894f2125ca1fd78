import { describe, expect, it } from 'vitest';
import { clockDays, daysOverdue, defaultDueOn, fulfilment, isOverdue, maturity, percent } from './clocks.js';

describe('landing clocks', () => {
  it('a green-channel project runs on half of each default, rounded up', () => {
    expect(clockDays(15, false)).toBe(15);
    expect(clockDays(15, true)).toBe(8);
    expect(clockDays(5, true)).toBe(3);
    expect(defaultDueOn('2026-11-28', 15, true)).toBe('2026-12-06');
    expect(defaultDueOn('2026-11-28', 15, false)).toBe('2026-12-13');
  });

  it('due today is not overdue; a closed item is never overdue', () => {
    expect(isOverdue('2026-11-28', true, '2026-11-28')).toBe(false);
    expect(isOverdue('2026-11-27', true, '2026-11-28')).toBe(true);
    expect(isOverdue('2026-11-27', false, '2026-11-28')).toBe(false);
    expect(isOverdue(null, true, '2026-11-28')).toBe(false);
    expect(daysOverdue('2026-11-20', '2026-11-28')).toBe(8);
    expect(daysOverdue('2026-11-30', '2026-11-28')).toBe(0);
  });

  it('rates are computed from counts, 2 decimals half up, and 0 ÷ 0 is no rate', () => {
    expect(percent(1, 3)).toBe('33.33');
    expect(percent(2, 3)).toBe('66.67');
    expect(percent(1, 8)).toBe('12.50');
    expect(percent(1, 200)).toBe('0.50');
    expect(percent(5, 5)).toBe('100.00');
    expect(percent(0, 0)).toBeNull();
  });

  it('maturity counts done among the procedures a project needs', () => {
    expect(
      maturity([{ status: 'done' }, { status: 'done' }, { status: 'pending' }, { status: 'not_needed' }]),
    ).toEqual({ done: 2, needed: 3, percent: '66.67' });
    expect(maturity([])).toEqual({ done: 0, needed: 0, percent: null });
  });

  it('fulfilment counts commitments due by the cut-off; cancelled ones leave both counts', () => {
    const rows = [
      { status: 'fulfilled', dueOn: '2026-10-01', fulfilledOn: '2026-09-20' }, // on time
      { status: 'fulfilled', dueOn: '2026-10-01', fulfilledOn: '2026-10-15' }, // late
      { status: 'pending', dueOn: '2026-11-01', fulfilledOn: null }, // due, not kept
      { status: 'cancelled', dueOn: '2026-10-01', fulfilledOn: null },
      { status: 'pending', dueOn: '2027-01-01', fulfilledOn: null }, // not yet due
    ];
    expect(fulfilment(rows, '2026-11-28')).toEqual({
      due: 3,
      fulfilled: 2,
      onTime: 1,
      rate: '66.67',
      onTimeRate: '33.33',
    });
  });
});
