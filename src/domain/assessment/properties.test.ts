import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateScheme, type UnitFacts } from './evaluate.js';
import { EXAMPLE_CATALOGUE } from './example-schemes.js';
import { MAX_LENGTH, parseExpression } from './expression.js';
import { checkScheme, type Scheme } from './scheme.js';

const names = EXAMPLE_CATALOGUE.map((c) => c.key);
const name = fc.constantFrom(...names, '签约额');
const literal = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map(String),
  fc.constantFrom('0', '0.1', '1.2', '120%', '0.5', '1000000000000'),
);

/** Formulas built from the whole language, valid by construction (the checker is asked anyway). */
const formula: fc.Arbitrary<string> = fc
  .letrec<{ e: string }>((tie) => {
    const e = tie('e');
    return {
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        literal,
        name,
        name.map((n) => `actual(${n})`),
        name.map((n) => `target(${n})`),
        name.map((n) => `completion(${n})`),
        name.map((n) => `count(${n})`),
        fc.constant('time_progress()'),
        fc
          .tuple(e, fc.constantFrom('+', '-', '*', '/', '=', '!=', '<', '>=', 'and', 'or'), e)
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        e.map((a) => `-(${a})`),
        e.map((a) => `(not (${a}))`),
        fc
          .tuple(fc.constantFrom('min', 'max', 'cap', 'floor_at', 'if_missing'), e, e)
          .map(([f, a, b]) => `${f}(${a}, ${b})`),
        fc.tuple(e, e, e).map(([a, b, c]) => `clamp(${a}, ${b}, ${c})`),
        fc.tuple(e, e, e).map(([a, b, c]) => `if(${a}, ${b}, ${c})`),
        fc.tuple(e, e, e).map(([a, b, c]) => `per(${a}, ${b}, ${c})`),
        fc
          .tuple(
            e,
            fc.integer({ min: 0, max: 10 }),
            fc.constantFrom('half_up', 'half_even', 'up', 'down', 'floor', 'ceil'),
          )
          .map(([a, d, m]) => `round(${a}, ${d}, '${m}')`),
        fc
          .tuple(e, fc.uniqueArray(fc.integer({ min: -50, max: 200 }), { minLength: 1, maxLength: 4 }), e, e)
          .map(([x, ts, p, other]) => {
            const steps = [...ts].sort((a, b) => b - a).map((t) => `[${t / 100}, ${p}]`);
            return `band(${x}, ${steps.join(', ')}, ${other})`;
          }),
        fc
          .tuple(fc.constantFrom('rank', 'efficacy', 'sum_of', 'max_of', 'min_of', 'avg_of'), e)
          .map(([f, a]) => `${f}(${a})`),
        e.map((a) => `rank(${a}, 'asc')`),
      ),
    };
  })
  .e.filter((f) => f.length <= MAX_LENGTH); // longer text is refused by the checker, by design

const value = fc.oneof(
  fc.constant(0),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    1e300,
    -1e300,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    5e-324,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);
const figures = fc.dictionary(fc.constantFrom(...names), value);
const units = fc.array(
  fc.record({ group: fc.constantFrom(undefined, 'towns', 'parks'), actual: figures, target: figures }),
  { maxLength: 6 },
);

describe('properties', () => {
  it('any scheme that passes checkScheme evaluates without throwing, to finite scores, for any unit figures', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(formula, fc.integer({ min: 0, max: 100 }), fc.option(fc.constantFrom('towns', 'parks'))),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        units,
        fc.oneof(value, fc.constant('0.9166666667')),
        (items, us, timeProgress) => {
          const scheme: Scheme = {
            items: items.map(([f, points, group], i) => ({
              key: `i${i}`,
              name: `项${i}`,
              points,
              formula: f,
              ...(group ? { group } : {}),
            })),
          };
          expect(checkScheme(scheme, EXAMPLE_CATALOGUE)).toEqual([]);
          const facts: UnitFacts[] = us.map((u, i) => ({
            id: `u${i}`,
            ...(u.group ? { group: u.group } : {}),
            actual: u.actual,
            target: u.target,
          }));
          const result = evaluateScheme(scheme, facts, { catalogue: EXAMPLE_CATALOGUE, timeProgress });
          expect(result).toHaveLength(facts.length);
          for (const u of result) {
            expect(Number.isFinite(u.total)).toBe(true);
            expect(u.rank).toBeGreaterThanOrEqual(1);
            scheme.items.forEach((item) => {
              const s = u.items[item.key]!.score;
              if (s !== null) {
                expect(Number.isFinite(s)).toBe(true);
                expect(s).toBeLessThanOrEqual(Number(item.points));
              }
            });
          }
        },
      ),
      { numRuns: Number(process.env.EXPR_RUNS ?? 300) },
    );
  });

  it('a unit’s scores do not depend on the order the units are listed in', () => {
    fc.assert(
      fc.property(
        fc.array(formula, { minLength: 1, maxLength: 3 }),
        units.chain((us) =>
          fc.tuple(
            fc.constant(us),
            fc.shuffledSubarray(
              us.map((_, i) => i),
              { minLength: us.length },
            ),
          ),
        ),
        (formulas, [us, order]) => {
          const scheme: Scheme = {
            items: formulas.map((f, i) => ({ key: `i${i}`, name: `项${i}`, points: 100, formula: f })),
          };
          const facts: UnitFacts[] = us.map((u, i) => ({
            id: `u${i}`,
            ...(u.group ? { group: u.group } : {}),
            actual: u.actual,
            target: u.target,
          }));
          const ctx = { catalogue: EXAMPLE_CATALOGUE, timeProgress: '0.5' };
          const byId = (rows: ReturnType<typeof evaluateScheme>) =>
            Object.fromEntries(rows.map((r) => [r.unitId, [r.totalExact, r.rank, r.items]]));
          const shuffled = order.map((i) => facts[i]!);
          expect(byId(evaluateScheme(scheme, shuffled, ctx))).toEqual(
            byId(evaluateScheme(scheme, facts, ctx)),
          );
        },
      ),
      { numRuns: Number(process.env.EXPR_RUNS ?? 200) },
    );
  });

  it('parsing any text never throws: it gives a tree or errors whose offsets lie inside the text', () => {
    const chars = fc.constantFrom(
      ...'()[],+-*/<>=!\'"0123456789. _abcmnrx%（），×签约额'.split(''),
      'min',
      'band',
      'and',
      'rank',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(chars, { maxLength: 40 }).map((a) => a.join('')),
        ),
        (src) => {
          const r = parseExpression(src, EXAMPLE_CATALOGUE);
          if (!r.ok)
            for (const e of r.errors) {
              expect(e.start).toBeGreaterThanOrEqual(0);
              expect(e.end).toBeGreaterThanOrEqual(e.start);
              expect(e.end).toBeLessThanOrEqual(src.length);
              expect(e.messageZh.length).toBeGreaterThan(0);
            }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
