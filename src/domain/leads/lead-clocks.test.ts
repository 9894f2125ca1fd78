import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { checkCreditShares, formatBasisPoints, percentToBasisPoints } from './credit-shares.js';
import { type LeadClockFacts, leadClocks } from './lead-clocks.js';
import { DEFAULT_LEAD_CLOCK_SETTINGS } from './leads.schemas.js';

const fresh: LeadClockFacts = {
  status: 'new',
  receivedOn: '2026-11-20',
  respondedOn: null,
  screenedOn: null,
  fedBackOn: null,
  lastReportedOn: null,
};
const byKind = (lead: LeadClockFacts, today: string, settings = DEFAULT_LEAD_CLOCK_SETTINGS) =>
  Object.fromEntries(leadClocks(lead, settings, today).map((c) => [c.kind, c]));

describe('addDays', () => {
  it('crosses month and year ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-11-28', 14)).toBe('2026-12-12');
  });
});

describe('leadClocks', () => {
  it('runs respond, screen and feedback from the day the lead was received; report waits for following', () => {
    const c = byKind(fresh, '2026-11-20');
    expect(c.respond).toEqual({ kind: 'respond', dueOn: '2026-11-21', doneOn: null, state: 'due' });
    expect(c.screen).toMatchObject({ dueOn: '2026-11-23', state: 'due' });
    expect(c.feedback).toMatchObject({ dueOn: '2026-11-27', state: 'due' });
    expect(c.report).toMatchObject({ dueOn: null, state: 'n/a' });
  });

  it('is still on time on the due day and overdue the day after', () => {
    expect(byKind(fresh, '2026-11-21').respond!.state).toBe('due');
    expect(byKind(fresh, '2026-11-22').respond!.state).toBe('overdue');
    expect(byKind(fresh, '2026-11-23').screen!.state).toBe('due');
    expect(byKind(fresh, '2026-11-24').screen!.state).toBe('overdue');
  });

  it('marks a step done on the day it was done, late or not', () => {
    const c = byKind({ ...fresh, respondedOn: '2026-11-25' }, '2026-11-28');
    expect(c.respond).toMatchObject({ state: 'done', doneOn: '2026-11-25', dueOn: '2026-11-21' });
  });

  it('reports every interval from the screening, then from the last report', () => {
    const following: LeadClockFacts = {
      ...fresh,
      status: 'following',
      respondedOn: '2026-11-20',
      screenedOn: '2026-11-22',
      fedBackOn: '2026-11-22',
    };
    expect(byKind(following, '2026-12-06').report).toMatchObject({ dueOn: '2026-12-06', state: 'due' });
    expect(byKind(following, '2026-12-07').report).toMatchObject({ state: 'overdue' });
    const reported = { ...following, lastReportedOn: '2026-12-10' };
    expect(byKind(reported, '2026-12-20').report).toMatchObject({
      dueOn: '2026-12-24',
      doneOn: '2026-12-10',
      state: 'due',
    });
  });

  it('counts from the screening when the recorded last report is older than it', () => {
    const c = byKind(
      { ...fresh, status: 'following', screenedOn: '2026-11-25', lastReportedOn: '2026-11-21' },
      '2026-11-28',
    );
    expect(c.report!.dueOn).toBe('2026-12-09');
  });

  it('stops open clocks once the lead is declined or converted, keeping those already done', () => {
    for (const status of ['declined', 'converted'] as const) {
      const c = byKind(
        { ...fresh, status, respondedOn: '2026-11-20', screenedOn: '2026-11-21' },
        '2027-03-01',
      );
      expect(c.respond!.state).toBe('done');
      expect(c.screen!.state).toBe('done');
      expect(c.feedback).toMatchObject({ state: 'n/a', dueOn: null });
      expect(c.report).toMatchObject({ state: 'n/a', dueOn: null });
    }
  });

  it('follows the district’s own settings', () => {
    const c = byKind(fresh, '2026-11-22', {
      respondDays: 2,
      screenDays: 5,
      feedbackDays: 10,
      reportIntervalDays: 30,
    });
    expect(c.respond).toMatchObject({ dueOn: '2026-11-22', state: 'due' });
    expect(c.screen!.dueOn).toBe('2026-11-25');
    expect(c.feedback!.dueOn).toBe('2026-11-30');
  });
});

describe('checkCreditShares', () => {
  const units = ['a', 'b', 'c'];
  it('accepts shares of units in conflict that sum to 100%', () => {
    expect(
      checkCreditShares(
        [
          { unitId: 'a', basisPoints: 6000 },
          { unitId: 'b', basisPoints: 4000 },
        ],
        units,
      ),
    ).toEqual([]);
  });
  it('refuses a sum other than 100%, one unit alone, duplicates, outsiders and zero shares', () => {
    expect(
      checkCreditShares(
        [
          { unitId: 'a', basisPoints: 6000 },
          { unitId: 'b', basisPoints: 3000 },
        ],
        units,
      ),
    ).toEqual([{ code: 'sum', total: 9000 }]);
    expect(checkCreditShares([{ unitId: 'a', basisPoints: 10000 }], units)).toEqual([{ code: 'too_few' }]);
    const codes = checkCreditShares(
      [
        { unitId: 'a', basisPoints: 5000 },
        { unitId: 'a', basisPoints: 5000 },
        { unitId: 'x', basisPoints: 0 },
      ],
      units,
    ).map((p) => p.code);
    expect(codes).toEqual(['duplicate', 'not_positive', 'not_in_conflict']);
  });
});

describe('percent and basis points', () => {
  it('converts exactly both ways', () => {
    expect(percentToBasisPoints('33.33')).toBe(3333);
    expect(percentToBasisPoints('50')).toBe(5000);
    expect(percentToBasisPoints('12.5')).toBe(1250);
    expect(percentToBasisPoints('1.234')).toBeNull();
    expect(percentToBasisPoints('abc')).toBeNull();
    expect(formatBasisPoints(3333)).toBe('33.33');
    expect(formatBasisPoints(5000)).toBe('50');
    expect(formatBasisPoints(1250)).toBe('12.5');
  });
});
