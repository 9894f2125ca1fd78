/**
 * Evaluating an assessment scheme: a tree walk over the parsed formulas (never eval/Function), so a formula
 * can only compute, never act, and the same inputs always give the same digits.
 *
 * SEMANTICS OF THE LANGUAGE (the one place they are written down)
 *
 * Numbers. Every value is an exact rational (BigInt numerator/denominator, rational.ts): 0.1 × 3 = 0.3 exactly.
 * Inputs may be JS numbers (read through their shortest decimal text), decimal/integer strings (money in 元)
 * or "120%"-style text. Literals: 20, 1.2, 120% (= 1.2). Results are converted to numbers only at the end
 * (10 decimal places, half_up); ranks and totals are decided on the exact values.
 *
 * Missing. A value is "missing" (null) when the unit has no figure for an indicator, no target, a ZERO target
 * under completion(), a division by zero, or time progress was not supplied. Missing propagates through
 * arithmetic, comparisons, and/or/not and every function except if_missing(x, d) (→ d when x is missing).
 * An item whose formula is missing scores the item's `ifMissing` (default 0) and is flagged `missing`: a zero
 * target means "not assessed on this", never Infinity and never a crash.
 *
 * Booleans. Comparisons give 1 (true) or 0 (false); and/or/not/if treat any non-zero value as true.
 *
 * Functions.
 *   actual(ind), count(ind)   the unit's figure for the indicator (a bare indicator name means the same)
 *   target(ind)               the unit's target (0 is a value here; only completion treats it as missing)
 *   completion(ind)           actual ÷ target; missing when the target is 0 or absent
 *   time_progress()           序时进度 from the context (e.g. 11/12)
 *   min(a, b, …), max(a, b, …)
 *   cap(x, m) = min(x, m)     floor_at(x, m) = max(x, m)     clamp(x, lo, hi) = min(max(x, lo), hi)
 *   round(x, digits = 0, mode = 'half_up')  digits 0..10; modes: half_up 四舍五入, ties away from zero
 *                             (2.5 → 3, −2.5 → −3); half_even (2.5 → 2, 3.5 → 4); up (away from zero);
 *                             down (toward zero); floor (toward −∞); ceil (toward +∞)
 *   if(cond, a, b)            only the chosen branch is evaluated
 *   if_missing(x, d)          d when x is missing
 *   band(x, [t1, p1], [t2, p2], …, else)  thresholds are number literals, strictly descending; the first
 *                             step with x ≥ t gives its points, otherwise `else`
 *   per(n, each, limit)       n × each, held at `limit`: at most limit when each ≥ 0 (a bonus cap), at least
 *                             limit when each < 0 (a deduction floor). per(count(late), −0.5, −3)
 *   rank(x, 'desc' | 'asc')   rank among the units of the same group whose x is not missing, 1 = largest
 *                             ('desc', default) or smallest ('asc'); ties share a rank (1, 1, 3)
 *   efficacy(x)               功效系数法 within the group: the best gets 100, the worst 60, the others
 *                             (x − min) ÷ (max − min) × 40 + 60; when all values are equal every unit gets 100;
 *                             units whose x is missing get missing and do not count for min/max
 *   sum_of(x), max_of(x), min_of(x), avg_of(x)  over the group's units whose x is not missing (missing if none)
 * Cross-unit functions evaluate their argument for every unit of the unit's group (units without a group
 * form one group); each (formula node, group) is computed once.
 *
 * Items. score = the formula's value (or ifMissing), then at most the item's points and at least
 * −MAX_POINTS; an item with a group applies only to units of that group (score null elsewhere, not in the
 * total). Total = exact sum of the applicable items. Units are ranked by total within their group, ties
 * sharing a rank.
 */

import type { CatalogueEntry, Expr } from './expression.js';
import { Rational, type RoundingMode } from './rational.js';
import { MAX_POINTS, type ParsedItem, parseScheme, type Scheme } from './scheme.js';

export type InputValue = number | string | null | undefined;

export interface UnitFacts {
  id: string;
  group?: string;
  /** Indicator key → the unit's figure for the period. */
  actual: Readonly<Record<string, InputValue>>;
  /** Indicator key → the unit's target. */
  target?: Readonly<Record<string, InputValue>>;
}

export interface EvaluationContext {
  catalogue: readonly CatalogueEntry[];
  /** 序时进度 as a fraction (e.g. 11/12 as "0.9166…" or a number). */
  timeProgress?: InputValue;
}

export interface ItemScore {
  /** Null when the item does not apply to this unit's group. */
  score: number | null;
  /** The exact score as decimal text (up to 10 places); null like score. */
  exact: string | null;
  /** The formula's value was missing and the item scored its ifMissing value. */
  missing: boolean;
}

export interface UnitScore {
  unitId: string;
  group: string;
  items: Record<string, ItemScore>;
  total: number;
  totalExact: string;
  /** Rank by total within the group; ties share a rank. */
  rank: number;
}

export class SchemeInvalidError extends Error {}

type Value = Rational | null;
const HUNDRED = Rational.int(100);
const SIXTY = Rational.int(60);
const FORTY = Rational.int(40);
const truthy = (v: Rational) => !v.isZero();
const bool = (b: boolean) => (b ? Rational.ONE : Rational.ZERO);

function read(v: InputValue): Value {
  if (v === null || v === undefined || v === '') return null;
  return Rational.parse(v);
}

/** Competition ranking (1, 1, 3): 1 + the number of values strictly better. */
export function competitionRanks(
  values: readonly Value[],
  order: 'desc' | 'asc' = 'desc',
): (number | null)[] {
  return values.map((v) => {
    if (!v) return null;
    let better = 0;
    for (const o of values) if (o && (order === 'desc' ? o.cmp(v) > 0 : o.cmp(v) < 0)) better++;
    return better + 1;
  });
}

class Evaluator {
  /** Cross-unit results: formula node → unit index → value. */
  private readonly cross = new Map<Expr, Map<number, Value>>();
  private readonly actual: Map<string, Value>[];
  private readonly target: Map<string, Value>[];
  private readonly timeProgress: Value;

  constructor(
    units: readonly UnitFacts[],
    /** Unit index → indices of the units it is compared with. */
    private readonly members: readonly (readonly number[])[],
    context: EvaluationContext,
  ) {
    const prepare = (r: Readonly<Record<string, InputValue>> | undefined) => {
      const m = new Map<string, Value>();
      for (const [k, v] of Object.entries(r ?? {})) m.set(k, read(v));
      return m;
    };
    this.actual = units.map((u) => prepare(u.actual));
    this.target = units.map((u) => prepare(u.target));
    this.timeProgress = read(context.timeProgress);
  }

  /** When set, the value of every name, call and operation computed for this unit (the preview's 算式展开). */
  trace: { unit: number; values: Map<Expr, Value> } | null = null;

  value(e: Expr, u: number): Value {
    const v = this.compute(e, u);
    if (this.trace && this.trace.unit === u && e.kind !== 'number' && e.kind !== 'text')
      this.trace.values.set(e, v);
    return v;
  }

  private compute(e: Expr, u: number): Value {
    switch (e.kind) {
      case 'number':
        return e.value;
      case 'name':
        return this.actual[u]!.get(e.name) ?? null;
      case 'text':
      case 'pair':
        return null; // rejected by the checker; never a value
      case 'unary': {
        const a = this.value(e.arg, u);
        if (!a) return null;
        return e.op === '-' ? a.neg() : bool(!truthy(a));
      }
      case 'binary': {
        const l = this.value(e.left, u);
        if (!l) return null;
        const r = this.value(e.right, u);
        if (!r) return null;
        switch (e.op) {
          case '+':
            return l.add(r);
          case '-':
            return l.sub(r);
          case '*':
            return l.mul(r);
          case '/':
            return l.div(r);
          case '=':
            return bool(l.eq(r));
          case '!=':
            return bool(!l.eq(r));
          case '<':
            return bool(l.cmp(r) < 0);
          case '<=':
            return bool(l.cmp(r) <= 0);
          case '>':
            return bool(l.cmp(r) > 0);
          case '>=':
            return bool(l.cmp(r) >= 0);
          case 'and':
            return bool(truthy(l) && truthy(r));
          case 'or':
            return bool(truthy(l) || truthy(r));
        }
        return null;
      }
      case 'call':
        return this.call(e, u);
    }
  }

  private all(args: readonly Expr[], u: number): Rational[] | null {
    const out: Rational[] = [];
    for (const a of args) {
      const v = this.value(a, u);
      if (!v) return null;
      out.push(v);
    }
    return out;
  }

  private call(e: Extract<Expr, { kind: 'call' }>, u: number): Value {
    const args = e.args;
    const indicator = () => (args[0]?.kind === 'name' ? args[0].name : '');
    switch (e.name) {
      case 'actual':
      case 'count':
        return this.actual[u]!.get(indicator()) ?? null;
      case 'target':
        return this.target[u]!.get(indicator()) ?? null;
      case 'completion': {
        const a = this.actual[u]!.get(indicator()) ?? null;
        const t = this.target[u]!.get(indicator()) ?? null;
        return a && t ? a.div(t) : null; // zero target: div gives null, "not assessed"
      }
      case 'time_progress':
        return this.timeProgress;
      case 'min':
      case 'max':
      case 'cap':
      case 'floor_at': {
        const vs = this.all(args, u);
        if (!vs) return null;
        const lowest = e.name === 'min' || e.name === 'cap';
        return vs.reduce((acc, v) => (lowest ? acc.min(v) : acc.max(v)));
      }
      case 'clamp': {
        const vs = this.all(args, u);
        return vs ? vs[0]!.max(vs[1]!).min(vs[2]!) : null;
      }
      case 'round': {
        const x = this.value(args[0]!, u);
        if (!x) return null;
        const digits = args[1]?.kind === 'number' ? Number(args[1].value.n) : 0;
        const mode = (args[2]?.kind === 'text' ? args[2].value : 'half_up') as RoundingMode;
        return x.round(digits, mode);
      }
      case 'if': {
        const c = this.value(args[0]!, u);
        if (!c) return null;
        return this.value(truthy(c) ? args[1]! : args[2]!, u);
      }
      case 'if_missing':
        return this.value(args[0]!, u) ?? this.value(args[1]!, u);
      case 'band': {
        const x = this.value(args[0]!, u);
        if (!x) return null;
        for (const step of args.slice(1, -1)) {
          if (step.kind !== 'pair') return null;
          const t = this.value(step.first, u);
          if (!t) return null;
          if (x.cmp(t) >= 0) return this.value(step.second, u);
        }
        return this.value(args[args.length - 1]!, u);
      }
      case 'per': {
        const vs = this.all(args, u);
        if (!vs) return null;
        const [n, each, limit] = vs as [Rational, Rational, Rational];
        const v = n.mul(each);
        return each.sign() >= 0 ? v.min(limit) : v.max(limit);
      }
      case 'rank':
      case 'efficacy':
      case 'sum_of':
      case 'max_of':
      case 'min_of':
      case 'avg_of':
        return this.crossValue(e, u);
    }
    return null;
  }

  private crossValue(e: Extract<Expr, { kind: 'call' }>, u: number): Value {
    let done = this.cross.get(e);
    if (!done) {
      done = new Map();
      this.cross.set(e, done);
    }
    if (done.has(u)) return done.get(u)!;
    const group = this.members[u]!;
    const vs = group.map((m) => this.value(e.args[0]!, m));
    const present = vs.filter((v): v is Rational => v !== null);
    let out: Value[];
    switch (e.name) {
      case 'rank': {
        const order = e.args[1]?.kind === 'text' && e.args[1].value === 'asc' ? 'asc' : 'desc';
        out = competitionRanks(vs, order).map((r) => (r === null ? null : Rational.int(r)));
        break;
      }
      case 'efficacy': {
        if (present.length === 0) {
          out = vs;
          break;
        }
        const lo = present.reduce((a, b) => a.min(b));
        const hi = present.reduce((a, b) => a.max(b));
        const span = hi.sub(lo);
        out = vs.map((v) => {
          if (!v) return null;
          const share = span.isZero() ? Rational.ONE : v.sub(lo).div(span)!;
          return span.isZero() ? HUNDRED : share.mul(FORTY).add(SIXTY);
        });
        break;
      }
      default: {
        let agg: Value = null;
        if (present.length > 0) {
          if (e.name === 'max_of') agg = present.reduce((a, b) => a.max(b));
          else if (e.name === 'min_of') agg = present.reduce((a, b) => a.min(b));
          else {
            const sum = present.reduce((a, b) => a.add(b));
            agg = e.name === 'avg_of' ? sum.div(Rational.int(present.length)) : sum;
          }
        }
        out = vs.map(() => agg);
      }
    }
    group.forEach((m, i) => {
      done.set(m, out[i] ?? null);
    });
    return done.get(u) ?? null;
  }
}

const MIN_SCORE = Rational.int(-MAX_POINTS);

/**
 * Scores every unit on every item of the scheme. Throws SchemeInvalidError only when the scheme does not pass
 * checkScheme against context.catalogue; for a checked scheme it never throws and every number is finite.
 */
export function evaluateScheme(
  scheme: Scheme,
  units: readonly UnitFacts[],
  context: EvaluationContext,
): UnitScore[] {
  const parsed = parseScheme(scheme, context.catalogue);
  if (!parsed.ok)
    throw new SchemeInvalidError(parsed.errors.map((e) => `${e.itemKey}: ${e.message}`).join('; '));
  return evaluateParsed(parsed.items, units, context);
}

export function evaluateParsed(
  items: readonly ParsedItem[],
  units: readonly UnitFacts[],
  context: EvaluationContext,
): UnitScore[] {
  const groupOf = (u: UnitFacts) => u.group ?? '';
  const byGroup = new Map<string, number[]>();
  units.forEach((u, i) => {
    const g = groupOf(u);
    byGroup.set(g, [...(byGroup.get(g) ?? []), i]);
  });
  const members = units.map((u) => byGroup.get(groupOf(u))!);
  const ev = new Evaluator(units, members, context);

  const totals: Rational[] = [];
  const rows = units.map((unit, u) => {
    let total = Rational.ZERO;
    const scores: Record<string, ItemScore> = {};
    for (const item of items) {
      if (item.group !== undefined && item.group !== groupOf(unit)) {
        scores[item.key] = { score: null, exact: null, missing: false };
        continue;
      }
      const v = ev.value(item.expr, u);
      const score = (v ?? item.ifMissing).min(item.points).max(MIN_SCORE);
      total = total.add(score);
      scores[item.key] = { score: score.toNumber(), exact: score.toString(), missing: v === null };
    }
    totals.push(total);
    return { unitId: unit.id, group: groupOf(unit), items: scores, total };
  });

  const ranks = new Array<number>(units.length);
  for (const idx of byGroup.values()) {
    const r = competitionRanks(idx.map((i) => totals[i]!));
    idx.forEach((i, k) => {
      ranks[i] = r[k]!;
    });
  }
  return rows.map((row, i) => ({
    unitId: row.unitId,
    group: row.group,
    items: row.items,
    total: row.total.toNumber(),
    totalExact: row.total.toString(),
    rank: ranks[i]!,
  }));
}

export interface TraceStep {
  /** The part of the formula (offsets into the item's formula text). */
  start: number;
  end: number;
  /** Its value for the unit (decimal text, up to 10 places), or null when missing. */
  value: string | null;
}

/**
 * How one unit's score on one item came about: the value of every part of the formula, outermost first, so the
 * preview can show "completion(signed_amount) = 1.5 → min(…) = 1.2 → × 20 = 24" before a scheme is published.
 * Parts not evaluated (the branch of an if not taken) are absent.
 */
export function explainItem(
  scheme: Scheme,
  units: readonly UnitFacts[],
  context: EvaluationContext,
  itemKey: string,
  unitId: string,
): TraceStep[] | null {
  const parsed = parseScheme(scheme, context.catalogue);
  if (!parsed.ok)
    throw new SchemeInvalidError(parsed.errors.map((e) => `${e.itemKey}: ${e.message}`).join('; '));
  const item = parsed.items.find((i) => i.key === itemKey);
  const u = units.findIndex((x) => x.id === unitId);
  if (!item || u < 0) return null;
  const group = units[u]!.group ?? '';
  if (item.group !== undefined && item.group !== group) return null;
  const idx = units.flatMap((x, i) => ((x.group ?? '') === group ? [i] : []));
  const ev = new Evaluator(
    units,
    units.map(() => idx),
    context,
  );
  ev.trace = { unit: u, values: new Map() };
  ev.value(item.expr, u);
  return [...ev.trace.values]
    .map(([e, v]) => ({ start: e.start, end: e.end, value: v ? v.toString() : null }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}
