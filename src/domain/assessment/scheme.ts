// An assessment scheme (考核方案): a year's list of scoring items, each a formula in the language of
// expression.ts. Checked whole on save; the errors name the item and point into its formula.

import {
  type CatalogueEntry,
  catalogueIndex,
  checkExpression,
  type Expr,
  type ExprError,
  parseSyntax,
} from './expression.js';
import { Rational } from './rational.js';

export interface SchemeItem {
  /** Stable identifier of the item within the scheme (bulletin columns, year-to-year comparison). */
  key: string;
  name: string;
  /** The item's maximum: a score never exceeds it. 0 for a pure deduction item. */
  points: number | string;
  formula: string;
  /** When set, the item applies only to units of this group (towns / departments / parks). */
  group?: string;
  /** The score when the formula's value is missing (e.g. a zero target); 0 when not set. */
  ifMissing?: number | string;
}

export interface Scheme {
  items: SchemeItem[];
}

export interface SchemeError extends ExprError {
  /** Index of the item in scheme.items, and which of its fields is wrong. */
  item: number;
  itemKey: string;
  field: 'key' | 'name' | 'points' | 'formula' | 'ifMissing';
}

export interface ParsedItem {
  key: string;
  name: string;
  points: Rational;
  ifMissing: Rational;
  group?: string;
  expr: Expr;
}

/**
 * Bounds that keep every score a finite, printable number whatever the inputs: an item's points are at most
 * MAX_POINTS and its score is never below −MAX_POINTS (no real scheme deducts a million points from one item).
 */
export const MAX_POINTS = 1_000_000;
const MAX = Rational.int(MAX_POINTS);

export type SchemeParseResult = { ok: true; items: ParsedItem[] } | { ok: false; errors: SchemeError[] };

export function parseScheme(scheme: Scheme, catalogue: readonly CatalogueEntry[]): SchemeParseResult {
  const index = catalogueIndex(catalogue);
  const errors: SchemeError[] = [];
  const items: ParsedItem[] = [];
  const seen = new Set<string>();
  scheme.items.forEach((item, i) => {
    const at = (field: SchemeError['field'], message: string, messageZh: string, start = 0, end = 0) =>
      errors.push({ item: i, itemKey: item.key, field, message, messageZh, start, end });
    const key = item.key.trim();
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(key))
      at('key', 'Item key must be letters, digits and _', '评分项标识只能由字母、数字和下划线组成');
    else if (seen.has(key)) at('key', `Duplicate item key ${key}`, `评分项标识 ${key} 重复`);
    seen.add(key);
    if (item.name.trim() === '') at('name', 'Item name is required', '请填写评分项名称');

    const read = Rational.parse(item.points);
    const points = read && read.sign() >= 0 && read.cmp(MAX) <= 0 ? read : null;
    if (!points)
      at('points', `Points must be a number from 0 to ${MAX_POINTS}`, `分值应为 0 到 ${MAX_POINTS} 之间的数`);
    const ifMissing =
      item.ifMissing === undefined || item.ifMissing === '' ? Rational.ZERO : Rational.parse(item.ifMissing);
    if (!ifMissing || ifMissing.cmp(MAX.neg()) < 0 || (points && ifMissing.cmp(points) > 0))
      at(
        'ifMissing',
        'The score when data is missing must not exceed the points',
        '缺数时得分不能超过该项分值',
      );

    const parsed = parseSyntax(item.formula);
    if (!parsed.ok) {
      for (const e of parsed.errors) at('formula', e.message, e.messageZh, e.start, e.end);
      return;
    }
    for (const e of checkExpression(parsed.expr, index))
      at('formula', e.message, e.messageZh, e.start, e.end);
    if (points && ifMissing) {
      const group = item.group?.trim();
      items.push({
        key,
        name: item.name.trim(),
        points,
        ifMissing,
        ...(group ? { group } : {}),
        expr: resolveNames(parsed.expr, index),
      });
    }
  });
  if (scheme.items.length === 0)
    errors.push({
      item: -1,
      itemKey: '',
      field: 'formula',
      message: 'A scheme needs at least one item',
      messageZh: '考核方案至少需要一个评分项',
      start: 0,
      end: 0,
    });
  return errors.length ? { ok: false, errors } : { ok: true, items };
}

/** The check run on save: an empty list means the scheme can be published. */
export function checkScheme(scheme: Scheme, catalogue: readonly CatalogueEntry[]): SchemeError[] {
  const r = parseScheme(scheme, catalogue);
  return r.ok ? [] : r.errors;
}

/** Names written as an indicator's display name (签约额) become its key, so evaluation looks up one thing. */
function resolveNames(e: Expr, index: ReadonlyMap<string, string>): Expr {
  switch (e.kind) {
    case 'name':
      return { ...e, name: index.get(e.name) ?? e.name };
    case 'call':
      return { ...e, args: e.args.map((a) => resolveNames(a, index)) };
    case 'unary':
      return { ...e, arg: resolveNames(e.arg, index) };
    case 'binary':
      return { ...e, left: resolveNames(e.left, index), right: resolveNames(e.right, index) };
    case 'pair':
      return { ...e, first: resolveNames(e.first, index), second: resolveNames(e.second, index) };
    default:
      return e;
  }
}

export interface IndicatorUse {
  /** Indicators whose actual figure a formula reads (bare names, actual, count, completion). */
  actual: string[];
  /** Indicators whose target a formula reads (target, completion). */
  target: string[];
  timeProgress: boolean;
}

/** What must be computed before a scheme can be evaluated: the wiring asks the indicator catalogue for these. */
export function indicatorsUsed(items: readonly ParsedItem[]): IndicatorUse {
  const actual = new Set<string>();
  const target = new Set<string>();
  let timeProgress = false;
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'name':
        actual.add(e.name);
        return;
      case 'call': {
        const arg = e.args[0];
        if (arg?.kind === 'name' && ['actual', 'count', 'target', 'completion'].includes(e.name)) {
          if (e.name !== 'target') actual.add(arg.name);
          if (e.name === 'target' || e.name === 'completion') target.add(arg.name);
          return;
        }
        if (e.name === 'time_progress') timeProgress = true;
        for (const a of e.args) visit(a);
        return;
      }
      case 'unary':
        visit(e.arg);
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'pair':
        visit(e.first);
        visit(e.second);
        return;
      default:
        return;
    }
  };
  for (const item of items) visit(item.expr);
  return { actual: [...actual].sort(), target: [...target].sort(), timeProgress };
}
