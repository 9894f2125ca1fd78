import type { Outcome } from '../../../domain/network/network.schemas.js';
import { STAGES } from '../../../domain/projects/stages.js';
import type { Period } from './PeriodPicker.js';

// Where each figure of an outcome row leads: the lead or project list filtered to what the figure counts, as
// far as the lists can filter (outcomes.ts holds the definitions). Projects exclude withdrawn ones, as the
// figures do. `landed` has no date filter on the project list: it opens every credited project not withdrawn.

export type OutcomeMetric = keyof Pick<
  Outcome,
  'leads' | 'converted' | 'signed' | 'signedAmountYuan' | 'landed' | 'started'
>;

/** The list filter that selects what one key was credited with. */
export type DrillBy = { channel: string } | { referralSourceId: string } | { eventId: string };

const NOT_WITHDRAWN = STAGES.filter((s) => s !== 'withdrawn').join(',');

export function drillHref(metric: OutcomeMetric, by: DrillBy, period: Period): string {
  const q = (o: Record<string, string>) => new URLSearchParams({ ...by, ...o }).toString();
  switch (metric) {
    case 'leads':
      return `/leads?${q({ receivedFrom: period.from, receivedTo: period.to })}`;
    case 'converted':
      return `/leads?${q({ status: 'converted', receivedFrom: period.from, receivedTo: period.to })}`;
    case 'signed':
    case 'signedAmountYuan':
      return `/projects?${q({ stage: NOT_WITHDRAWN, signedFrom: period.from, signedTo: period.to })}`;
    case 'started':
      return `/projects?${q({ stage: NOT_WITHDRAWN, startFrom: period.from, startTo: period.to })}`;
    case 'landed':
      return `/projects?${q({ stage: NOT_WITHDRAWN })}`;
  }
}
