import { describe, expect, it } from 'vitest';
import { firstContactOverdue } from './first-contact.js';

const settings = { firstContactDays: 5 };
const signed = (
  signingDate: string | null,
  extra: Partial<Parameters<typeof firstContactOverdue>[0]> = {},
) => ({
  signingDate,
  firstContactOfficer: null,
  greenChannel: false,
  ...extra,
});

describe('first-contact officer window', () => {
  it('an unsigned project has no window and never warns', () => {
    expect(firstContactOverdue(signed(null), settings, '2026-11-28')).toEqual({
      dueOn: null,
      overdue: false,
      daysLate: 0,
    });
  });

  it('the last day of the window is on time; the day after is one day late', () => {
    expect(firstContactOverdue(signed('2026-11-20'), settings, '2026-11-25')).toEqual({
      dueOn: '2026-11-25',
      overdue: false,
      daysLate: 0,
    });
    expect(firstContactOverdue(signed('2026-11-20'), settings, '2026-11-26')).toEqual({
      dueOn: '2026-11-25',
      overdue: true,
      daysLate: 1,
    });
    expect(firstContactOverdue(signed('2026-11-01'), settings, '2026-11-28').daysLate).toBe(22);
  });

  it('naming an officer clears the warning, however late; a blank name does not', () => {
    expect(
      firstContactOverdue(signed('2026-11-01', { firstContactOfficer: '王敏' }), settings, '2026-11-28'),
    ).toEqual({
      dueOn: '2026-11-06',
      overdue: false,
      daysLate: 0,
    });
    expect(
      firstContactOverdue(signed('2026-11-01', { firstContactOfficer: '  ' }), settings, '2026-11-28')
        .overdue,
    ).toBe(true);
  });

  it('the green channel halves the window, rounded up (5 → 3 days)', () => {
    expect(firstContactOverdue(signed('2026-11-20', { greenChannel: true }), settings, '2026-11-23')).toEqual(
      {
        dueOn: '2026-11-23',
        overdue: false,
        daysLate: 0,
      },
    );
    expect(firstContactOverdue(signed('2026-11-20', { greenChannel: true }), settings, '2026-11-24')).toEqual(
      {
        dueOn: '2026-11-23',
        overdue: true,
        daysLate: 1,
      },
    );
    // The same day is still inside the ordinary 5-day window.
    expect(firstContactOverdue(signed('2026-11-20'), settings, '2026-11-24').overdue).toBe(false);
  });

  it('the district setting sets the window; a withdrawn project no longer warns', () => {
    expect(firstContactOverdue(signed('2026-11-20'), { firstContactDays: 10 }, '2026-11-28').overdue).toBe(
      false,
    );
    expect(
      firstContactOverdue(signed('2026-11-01', { stage: 'withdrawn' }), settings, '2026-11-28').overdue,
    ).toBe(false);
  });
});
