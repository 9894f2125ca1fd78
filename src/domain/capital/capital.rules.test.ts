import { describe, expect, it } from 'vitest';
import {
  addMonths,
  allowedActions,
  dueDateOf,
  isEditable,
  isFutureMonth,
  nextStatus,
  punctualityOf,
  reportsCapital,
  totalsOf,
  ZERO_FIGURES,
} from './capital.rules.js';

describe('the unit-month states', () => {
  it('lets a unit edit before submitting and after a return, never while submitted or approved', () => {
    expect(isEditable('none')).toBe(true);
    expect(isEditable('returned')).toBe(true);
    expect(isEditable('submitted')).toBe(false);
    expect(isEditable('approved')).toBe(false);
  });

  it('allows only approve or return on a submitted month, and only reopen on an approved one', () => {
    expect(allowedActions('submitted').sort()).toEqual(['approve', 'return']);
    expect(allowedActions('approved')).toEqual(['reopen']);
    expect(nextStatus('approved', 'reopen')).toBe('returned');
    expect(nextStatus('approved', 'submit')).toBeNull();
    expect(nextStatus('none', 'approve')).toBeNull();
  });
});

describe('months and due days', () => {
  it('counts months across a year end', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('puts the due day in the next month', () => {
    expect(dueDateOf('2026-10', 10)).toBe('2026-11-10');
    expect(dueDateOf('2026-12', 5)).toBe('2027-01-05');
  });

  it('refuses months after the current one but accepts the current month', () => {
    expect(isFutureMonth('2026-12', '2026-11-28')).toBe(true);
    expect(isFutureMonth('2026-11', '2026-11-28')).toBe(false);
  });

  it('is on time through the due day, late after it, missing when nothing came by then', () => {
    expect(punctualityOf('2026-10', '2026-11-10', 10, '2026-11-28')).toBe('on_time');
    expect(punctualityOf('2026-10', '2026-11-11', 10, '2026-11-28')).toBe('late');
    expect(punctualityOf('2026-10', null, 10, '2026-11-28')).toBe('missing');
    expect(punctualityOf('2026-11', null, 10, '2026-11-28')).toBe('not_due');
  });
});

describe('which projects report', () => {
  it('takes signed and later, and paused ones that had been signed, but not withdrawn or negotiating', () => {
    expect(reportsCapital('signed', null)).toBe(true);
    expect(reportsCapital('producing', null)).toBe(true);
    expect(reportsCapital('negotiating', null)).toBe(false);
    expect(reportsCapital('withdrawn', 'started')).toBe(false);
    expect(reportsCapital('paused', 'landed')).toBe(true);
    expect(reportsCapital('paused', 'negotiating')).toBe(false);
  });
});

describe('totals', () => {
  it('adds exactly, beyond what a float holds', () => {
    const big = { ...ZERO_FIGURES, fundsLocalYuan: 9_007_199_254_740_993n, fundsForeignYuan: 1n };
    const t = totalsOf([big, { ...ZERO_FIGURES, fundsLocalYuan: 1n, foreignUsedUsdCents: 5n }]);
    expect(t.fundsLocalYuan).toBe(9_007_199_254_740_994n);
    expect(t.fundsInPlaceYuan).toBe(9_007_199_254_740_995n);
    expect(t.foreignUsedUsdCents).toBe(5n);
  });
});
