import { describe, expect, it } from 'vitest';
import { type EvaluationContext, evaluateScheme, type UnitFacts } from './evaluate.js';
import { EXAMPLE_CATALOGUE, EXAMPLE_SCHEMES } from './example-schemes.js';
import { checkScheme } from './scheme.js';

const context: EvaluationContext = { catalogue: EXAMPLE_CATALOGUE, timeProgress: 11 / 12 };
const schemeOf = (id: string) => EXAMPLE_SCHEMES.find((s) => s.id === id)!.scheme;
/** unitId → [item scores in scheme order…, total, rank] */
function table(id: string, units: UnitFacts[]) {
  return Object.fromEntries(
    evaluateScheme(schemeOf(id), units, context).map((u) => [
      u.unitId,
      [...Object.values(u.items).map((s) => s.score), u.total, u.rank],
    ]),
  );
}

describe('example schemes', () => {
  it('all three parse and pass checkScheme against the example catalogue', () => {
    expect(EXAMPLE_SCHEMES).toHaveLength(3);
    for (const s of EXAMPLE_SCHEMES) expect(checkScheme(s.scheme, EXAMPLE_CATALOGUE)).toEqual([]);
  });

  it('(a) rate × weight, completion capped at 120 %, items capped at their points — worked by hand', () => {
    const t = { signed_amount: 20000, signed_count: 10, started_count: 2, funds_in_place: 10000 };
    expect(
      table('rate_times_weight', [
        // 30000/20000 = 150 % → 120 % × 20 = 24; 9/10 × 10 = 9; (min(1.5,1.2) + 0.5)/2 × 15 = 12.75; 1 late → −0.5
        {
          id: 'A',
          actual: {
            signed_amount: 30000,
            signed_count: 9,
            started_count: 3,
            funds_in_place: 5000,
            late_reports: 1,
          },
          target: t,
        },
        // 50 % × 20 = 10; 120 % × 10 = 12; (1.2 + 1.2)/2 × 15 = 18 → capped at the item's 15; 8 late → −4 → floor −3
        {
          id: 'B',
          actual: {
            signed_amount: 10000,
            signed_count: 12,
            started_count: 4,
            funds_in_place: 15000,
            late_reports: 8,
          },
          target: t,
        },
        // zero signed-amount target → not assessed (0); everything else 0
        {
          id: 'C',
          actual: {
            signed_amount: 500,
            signed_count: 0,
            started_count: 0,
            funds_in_place: 0,
            late_reports: 0,
          },
          target: { ...t, signed_amount: 0 },
        },
      ]),
    ).toEqual({
      A: [24, 9, 12.75, -0.5, 45.25, 1],
      B: [10, 12, 15, -3, 34, 2],
      C: [0, 0, 0, 0, 0, 3],
    });
  });

  it('(b) base 10 minus 0.1 per project overdue to start, floored at 0; capped 500强 bonus — worked by hand', () => {
    const t = { completed_investment: 20000 };
    expect(
      table('base_minus_deductions', [
        // 10 − 0.7 = 9.3; 1 × 2 = 2; signed → 0; 12345/20000 × 30 = 18.5175 → 18.52
        {
          id: 'A',
          actual: {
            projects_overdue_to_start: 7,
            fortune500_projects: 1,
            signed_count: 5,
            completed_investment: 12345,
          },
          target: t,
        },
        // 10 − 15 → floored 0; 5 × 2 = 10 → capped 6; nothing signed → −5; 150 % → min 100 % × 30 = 30
        {
          id: 'B',
          actual: {
            projects_overdue_to_start: 150,
            fortune500_projects: 5,
            signed_count: 0,
            completed_investment: 30000,
          },
          target: t,
        },
        // 10; 0; 0; 2501/20000 × 30 = 3.7515 → 3.75
        {
          id: 'C',
          actual: {
            projects_overdue_to_start: 0,
            fortune500_projects: 0,
            signed_count: 2,
            completed_investment: 2501,
          },
          target: t,
        },
      ]),
    ).toEqual({
      A: [9.3, 2, 0, 18.52, 29.82, 2],
      B: [0, 6, -5, 30, 31, 1],
      C: [10, 0, 0, 3.75, 13.75, 3],
    });
  });

  it('(c) efficacy coefficient on funds and foreign capital, banded completion — worked by hand', () => {
    expect(
      table('efficacy_and_bands', [
        // funds 8000 is the best → 100 × 0.2 = 20; foreign all equal → 100 × 0.15 = 15; 8000/8000 → 15; 100/100 → 10
        {
          id: 'A',
          actual: { funds_in_place: 8000, foreign_capital_used: 100, signed_amount: 100 },
          target: { funds_in_place: 8000, signed_amount: 100 },
        },
        // (5000 − 2000)/(8000 − 2000) × 40 + 60 = 80 → 16; 15; 5000/6000 = 83 % → 12; 79 % → 5
        {
          id: 'B',
          actual: { funds_in_place: 5000, foreign_capital_used: 100, signed_amount: 79 },
          target: { funds_in_place: 6000, signed_amount: 100 },
        },
        // worst → 60 → 12; 15; 50 % → 0; zero target → not assessed → 0
        {
          id: 'C',
          actual: { funds_in_place: 2000, foreign_capital_used: 100, signed_amount: 50 },
          target: { funds_in_place: 4000, signed_amount: 0 },
        },
        // 80 → 16; no foreign-capital figure → missing → 0; 62.5 % → 9; 80 % → 7.5
        {
          id: 'D',
          actual: { funds_in_place: 5000, signed_amount: 80 },
          target: { funds_in_place: 8000, signed_amount: 100 },
        },
      ]),
    ).toEqual({
      A: [20, 15, 15, 10, 60, 1],
      B: [16, 15, 12, 5, 48, 2],
      C: [12, 15, 0, 0, 27, 4],
      D: [16, 0, 9, 7.5, 32.5, 3],
    });
  });
});
