import type { EvaluationContext, UnitFacts, UnitScore } from '../../../domain/assessment/evaluate.js';
import { evaluateScheme, explainItem, type TraceStep } from '../../../domain/assessment/evaluate.js';
import type { CatalogueEntry } from '../../../domain/assessment/expression.js';
import type { Scheme } from '../../../domain/assessment/scheme.js';
import {
  CATALOGUE,
  INDICATOR_KEYS,
  type IndicatorValue,
  rateOf,
} from '../../../domain/indicators/catalogue.js';
import { timeProgressOf } from '../../../domain/progress/progress.js';
import type { ProgressResult } from './progress.compute.js';

// The bridge between the indicator figures and the assessment language: what a formula's actual(x),
// target(x) and time_progress() read. One function, used by the scheme preview and the bulletin, so a
// previewed score is the score the bulletin prints for the same data.
//
// actual(x) is the unit's CUMULATIVE figure for the year through the cut-off (assessments score the year to
// date); target(x) its annual target. A ratio indicator (履约率 …) reads as a fraction exact to 10 places
// (0.85 for 85%), matching how ratio targets are stored; money reads in 元 (USD in cents).

/** What formulas may name: every catalogue key, or its Chinese name. */
export const ASSESSMENT_CATALOGUE: readonly CatalogueEntry[] = CATALOGUE.map((e) => ({
  key: e.key,
  name: e.name.zh,
}));

const asInput = (v: IndicatorValue): string | number | null =>
  typeof v === 'object' ? rateOf(v, 10, false) : v;

export function unitFactsOf(progress: ProgressResult): UnitFacts[] {
  return progress.units.map((u) => {
    const cells = progress.cells[u.id]!;
    const actual: Record<string, string | number | null> = {};
    const target: Record<string, string | null> = {};
    for (const k of INDICATOR_KEYS) {
      actual[k] = asInput(cells[k].cumulative);
      target[k] = cells[k].target;
    }
    return { id: u.id, group: u.kind, actual, target };
  });
}

export function contextOf(progress: ProgressResult): EvaluationContext {
  const tp = timeProgressOf(progress.year, progress.cutoff, progress.timeProgressBasis);
  return { catalogue: ASSESSMENT_CATALOGUE, timeProgress: rateOf(tp, 10, false) };
}

/** Scores every assessed unit of the progress on a checked scheme, ranked within its group (unit kind). */
export function scoreProgress(progress: ProgressResult, scheme: Scheme): UnitScore[] {
  return evaluateScheme(scheme, unitFactsOf(progress), contextOf(progress));
}

/** The trace of one unit's score on one item (the preview's "how was this computed"). */
export function explainProgress(
  progress: ProgressResult,
  scheme: Scheme,
  itemKey: string,
  unitId: string,
): TraceStep[] | null {
  return explainItem(scheme, unitFactsOf(progress), contextOf(progress), itemKey, unitId);
}
