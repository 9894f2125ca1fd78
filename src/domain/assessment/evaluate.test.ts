import { describe, expect, it } from 'vitest';
import {
  type EvaluationContext,
  evaluateScheme,
  explainItem,
  SchemeInvalidError,
  type UnitFacts,
} from './evaluate.js';
import { EXAMPLE_CATALOGUE } from './example-schemes.js';

const context: EvaluationContext = { catalogue: EXAMPLE_CATALOGUE, timeProgress: '0.75' };

/** One formula, scored for each unit (points high enough not to cap). */
function scores(formula: string, units: UnitFacts[], opts: { points?: number; ifMissing?: number } = {}) {
  const item = { key: 'x', name: 'x', points: opts.points ?? 1000, formula, ifMissing: opts.ifMissing };
  return evaluateScheme({ items: [item] }, units, context).map((u) => u.items.x!.score);
}
const unit = (
  id: string,
  actual: UnitFacts['actual'],
  target: UnitFacts['target'] = {},
  group?: string,
): UnitFacts => ({ id, actual, target, ...(group ? { group } : {}) });
const one = (formula: string, actual: UnitFacts['actual'] = {}, target: UnitFacts['target'] = {}) =>
  scores(formula, [unit('u', actual, target)])[0];

describe('evaluateScheme: scalar functions', () => {
  it('does exact arithmetic with the usual precedence', () => {
    expect(one('0.1 * 3')).toBe(0.3);
    expect(one('1 + 2 * 3 - 4 / 8')).toBe(6.5);
    expect(one('-(2 - 5) * 120%')).toBe(3.6);
    expect(one('signed_count * 2', { signed_count: 7 })).toBe(14);
  });

  it('reads actual, count, target and completion; money strings stay exact', () => {
    const a = { signed_amount: '300000000000000000001', signed_count: 4 };
    const t = { signed_amount: '200000000000000000000', signed_count: 5 };
    expect(one('actual(signed_count) + count(signed_count) + target(signed_count)', a, t)).toBe(13);
    expect(one('completion(signed_count)', a, t)).toBe(0.8);
    expect(one('completion(signed_amount)', a, t)).toBe(1.5); // 1.500000000000000000005 shown at 10 places
    expect(one('time_progress()')).toBe(0.75);
  });

  it('treats a zero target as "not assessed": the item scores its ifMissing value, never Infinity', () => {
    const a = { signed_amount: 100 };
    const t = { signed_amount: 0 };
    const r = evaluateScheme(
      { items: [{ key: 'x', name: 'x', points: 20, formula: 'min(completion(signed_amount), 1.2) * 20' }] },
      [unit('u', a, t)],
      context,
    )[0]!;
    expect(r.items.x).toEqual({ score: 0, exact: '0', missing: true });
    expect(scores('completion(signed_amount) * 20', [unit('u', a, t)], { ifMissing: 5 })).toEqual([5]);
    expect(one('target(signed_amount)', a, t)).toBe(0);
    expect(one('if_missing(completion(signed_amount), 1) * 10', a, t)).toBe(10);
    expect(one('signed_amount / 0', a)).toBe(0);
    expect(one('signed_amount / target(signed_amount)', a, t)).toBe(0);
  });

  it('treats a missing figure, target or time progress as missing', () => {
    expect(one('signed_count + 1')).toBe(0);
    expect(one('completion(signed_count)', { signed_count: 3 })).toBe(0);
    expect(one('if_missing(signed_count, 2) + 1')).toBe(3);
    const noTime = evaluateScheme(
      { items: [{ key: 'x', name: 'x', points: 9, formula: 'time_progress()', ifMissing: 1 }] },
      [unit('u', {})],
      { catalogue: EXAMPLE_CATALOGUE },
    );
    expect(noTime[0]!.items.x).toMatchObject({ score: 1, missing: true });
  });

  it('computes min, max, cap, floor_at and clamp', () => {
    expect(one('min(3, 1, 2) + max(3, 1, 2)')).toBe(4);
    expect(one('cap(1.5, 1.2) + cap(0.9, 1.2)')).toBe(2.1);
    expect(one('floor_at(-3, 0) + floor_at(4, 0)')).toBe(4);
    expect(one('clamp(5, 0, 3) * 100 + clamp(-1, 0, 3) * 10 + clamp(2, 0, 3)')).toBe(302);
  });

  it('rounds with every mode, negatives and .5 ties included', () => {
    expect(one('round(2.5)')).toBe(3);
    expect(one('round(-2.5)')).toBe(-3);
    expect(one("round(2.345, 2, 'half_up')")).toBe(2.35);
    expect(one("round(2.345, 2, 'half_even')")).toBe(2.34);
    expect(one("round(-2.355, 2, 'half_even')")).toBe(-2.36);
    expect(one("round(2.341, 2, 'up')")).toBe(2.35);
    expect(one("round(-2.341, 2, 'up')")).toBe(-2.35);
    expect(one("round(2.349, 2, 'down')")).toBe(2.34);
    expect(one("round(-2.349, 2, 'down')")).toBe(-2.34);
    expect(one("round(-2.341, 2, 'floor')")).toBe(-2.35);
    expect(one("round(-2.349, 2, 'ceil')")).toBe(-2.34);
    expect(one("round(2.341, 2, 'ceil')")).toBe(2.35);
  });

  it('evaluates conditions with comparisons and and/or/not, only the chosen branch', () => {
    expect(one('if(actual(signed_count) = 0, -5, 0)', { signed_count: 0 })).toBe(-5);
    expect(one('if(actual(signed_count) = 0, -5, 0)', { signed_count: 2 })).toBe(0);
    expect(one('if(signed_count >= 2 and not (signed_count > 5) or 0, 1, 2)', { signed_count: 2 })).toBe(1);
    expect(one('(1 != 2) + (1 <> 1) + (2 <= 2) + (3 < 2) + (3 > 2) + (1 == 1)')).toBe(4);
    // The branch not taken may be missing (a zero target) without making the item missing.
    expect(
      one(
        'if(target(signed_amount) > 0, completion(signed_amount), 1)',
        { signed_amount: 5 },
        { signed_amount: 0 },
      ),
    ).toBe(1);
  });

  it('bands: the first threshold reached gives its points, else the last argument', () => {
    const band = 'band(completion(funds_in_place), [1, 15], [0.8, 12], [0.6, 9], 0)';
    const at = (a: number) => one(band, { funds_in_place: a }, { funds_in_place: 100 });
    expect([at(130), at(100), at(99), at(80), at(79.99), at(60), at(59), at(0)]).toEqual([
      15, 15, 12, 12, 9, 9, 0, 0,
    ]);
    expect(one('band(-1, [0, 1], [-2, 2], 3)')).toBe(2);
  });

  it('per: a deduction per count floored at its limit, a bonus per count capped at its limit', () => {
    const late = 'per(count(late_reports), -0.5, -3)';
    expect([0, 1, 5, 6, 40].map((n) => one(late, { late_reports: n }))).toEqual([0, -0.5, -2.5, -3, -3]);
    const bonus = 'per(count(fortune500_projects), 2, 6)';
    expect([0, 2, 3, 9].map((n) => one(bonus, { fortune500_projects: n }))).toEqual([0, 4, 6, 6]);
  });

  it('caps an item at its points and lets deductions go below zero', () => {
    expect(
      scores('completion(signed_count) * 20', [unit('u', { signed_count: 3 }, { signed_count: 2 })], {
        points: 20,
      }),
    ).toEqual([20]);
    expect(scores('-7', [unit('u', {})], { points: 0 })).toEqual([-7]);
  });

  it('refuses an unchecked scheme instead of guessing', () => {
    expect(() =>
      evaluateScheme({ items: [{ key: 'x', name: 'x', points: 1, formula: 'mn(1, 2)' }] }, [], context),
    ).toThrow(SchemeInvalidError);
  });
});

describe('evaluateScheme: across units', () => {
  const counts = (...vs: (number | null)[]) => vs.map((v, i) => unit(`u${i}`, { signed_count: v }));

  it('ranks with ties sharing a rank (1, 1, 3), in either direction, missing values unranked', () => {
    expect(scores('rank(actual(signed_count))', counts(5, 9, 9, 1))).toEqual([3, 1, 1, 4]);
    expect(scores("rank(signed_count, 'asc')", counts(5, 9, 9, 1))).toEqual([2, 3, 3, 1]);
    expect(scores('if_missing(rank(signed_count), 99)', counts(5, null, 7))).toEqual([2, 99, 1]);
  });

  it('efficacy: best 100, worst 60, others linear; all equal gives every unit 100', () => {
    expect(scores('efficacy(actual(signed_count))', counts(10, 0, 5, 2.5))).toEqual([100, 60, 80, 70]);
    expect(scores('efficacy(signed_count)', counts(3, 3, 3))).toEqual([100, 100, 100]);
    expect(scores('efficacy(signed_count)', counts(0))).toEqual([100]);
    expect(scores('efficacy(signed_count)', counts(4, null, 1))).toEqual([100, 0, 60]);
    expect(scores('efficacy(signed_count)', counts(1, 2, 3))).toEqual([60, 80, 100]);
  });

  it('aggregates over the group: sum_of, max_of, min_of, avg_of', () => {
    const u = counts(1, 2, 6, null);
    expect(scores('sum_of(signed_count)', u)).toEqual([9, 9, 9, 9]);
    expect(scores('max_of(signed_count) - min_of(signed_count)', u)).toEqual([5, 5, 5, 5]);
    expect(scores('avg_of(signed_count)', u)).toEqual([3, 3, 3, 3]);
    expect(scores('signed_count / max_of(signed_count) * 10', u)).toEqual([
      1.6666666667, 3.3333333333, 10, 0,
    ]);
  });

  it('compares a unit only with units of its own group, and ranks totals within groups', () => {
    const units = [
      unit('t1', { signed_count: 4 }, {}, 'towns'),
      unit('t2', { signed_count: 8 }, {}, 'towns'),
      unit('d1', { signed_count: 1 }, {}, 'depts'),
      unit('d2', { signed_count: 1 }, {}, 'depts'),
      unit('t3', { signed_count: 8 }, {}, 'towns'),
    ];
    const r = evaluateScheme(
      {
        items: [
          { key: 'eff', name: '功效', points: 100, formula: 'efficacy(signed_count)' },
          { key: 'towns_only', name: '镇街加分', points: 5, formula: '1', group: 'towns' },
        ],
      },
      units,
      context,
    );
    expect(r.map((u) => [u.unitId, u.items.eff!.score, u.items.towns_only!.score, u.total, u.rank])).toEqual([
      ['t1', 60, 1, 61, 3],
      ['t2', 100, 1, 101, 1],
      ['d1', 100, null, 100, 1],
      ['d2', 100, null, 100, 1],
      ['t3', 100, 1, 101, 1],
    ]);
  });

  it('lets cross-unit functions nest: the rank of each unit’s efficacy', () => {
    expect(
      scores('rank(efficacy(signed_count)) * 10 + efficacy(signed_count) / 100', counts(1, 3, 2)),
    ).toEqual([30.6, 11, 20.8]);
  });
});

describe('explainItem', () => {
  it('gives the value of every evaluated part of the formula for one unit, outermost first', () => {
    const formula = 'min(completion(signed_amount), 1.2) * 20 + if(1 > 2, signed_count, 0)';
    const steps = explainItem(
      { items: [{ key: 'x', name: 'x', points: 100, formula }] },
      [
        unit('a', { signed_amount: 15 }, { signed_amount: 10 }),
        unit('b', { signed_amount: 1 }, { signed_amount: 10 }),
      ],
      context,
      'x',
      'a',
    );
    expect(steps!.map((s) => [formula.slice(s.start, s.end), s.value])).toEqual([
      [formula, '24'],
      ['min(completion(signed_amount), 1.2) * 20', '24'],
      ['min(completion(signed_amount), 1.2)', '1.2'],
      ['completion(signed_amount)', '1.5'],
      ['if(1 > 2, signed_count, 0)', '0'],
      ['1 > 2', '0'],
    ]);
  });
});
