import type { DistrictDashboard } from '../../../domain/dashboard/dashboard.schemas.js';

// Where the dashboard's figures open: list page addresses using only filters those pages (and their APIs)
// read, so a click lands on the records behind the figure with the list's own filter bar showing why.
// dashboard.test.ts checks each against its list API.

/** A list page address; commas stay readable (the list pages split `stage=a,b`). */
export function drillUrl(path: string, params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v!).replace(/%2C/g, ',')}`);
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}

type SignedFilter = Record<string, string | undefined>;

/** The signed projects behind each quality figure: all of them for the average, the numerator for a share. */
export function qualityDrills(
  signedFilter: SignedFilter,
  notableKinds: readonly string[],
): DistrictDashboard['quality']['drills'] {
  const signed = (extra: Record<string, string> = {}) => drillUrl('/projects', { ...signedFilter, ...extra });
  return {
    averageSignedAmount: signed(),
    over1Yi: signed({ amountTier: '1yi' }),
    over10Yi: signed({ amountTier: '10yi' }),
    notable: signed({ investorKind: notableKinds.join(',') }),
    industrial: signed({ industrial: 'true' }),
    highTech: signed({ highTech: 'true' }),
  };
}

/** Each trend point of this year opens the month's signed projects (to the cut-off in its month). */
export function withMonthDrills(
  trend: DistrictDashboard['trend'],
  o: { year: number; cutoff: string; signedFilter: SignedFilter; unitId?: string },
): DistrictDashboard['trend'] {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    ...trend,
    signedAmount: trend.signedAmount.map((p) => {
      if (p.thisYear === null) return p;
      const from = `${o.year}-${pad(p.month)}-01`;
      const last = `${o.year}-${pad(p.month)}-${pad(new Date(Date.UTC(o.year, p.month, 0)).getUTCDate())}`;
      const to = last < o.cutoff ? last : o.cutoff;
      return {
        ...p,
        drill: drillUrl('/projects', { ...o.signedFilter, signedFrom: from, signedTo: to, unitId: o.unitId }),
      };
    }),
  };
}

/**
 * The overdue counts' lists: the overdue milestones page; the projects overdue to start as of the cut-off
 * (the indicator's rule, as a project list filter); the leads past any clock (as of today, like the count);
 * the month's report status page for missing capital reports; the landing lists' overdue filters (as of today,
 * like the counts).
 */
export function overdueDrills(o: {
  cutoff: string;
  /** The month whose missing capital reports are counted (YYYY-MM): the capital page opens on it. */
  reportMonth: string;
  excludeWithdrawnStages?: string;
  unitId?: string;
}): DistrictDashboard['overdue']['drills'] {
  return {
    milestones: '/milestones/overdue',
    projectsNotStarted: drillUrl('/projects', {
      notStartedBy: o.cutoff,
      stage: o.excludeWithdrawnStages,
      unitId: o.unitId,
    }),
    leadsOverdue: drillUrl('/leads', { overdue: 'any', unitId: o.unitId }),
    capitalReportsMissing: drillUrl('/capital', { month: o.reportMonth, unitId: o.unitId }),
    problemsOverdue: drillUrl('/landing/problems', { overdue: 'true', unitId: o.unitId }),
    commitmentsOverdue: drillUrl('/landing/commitments', { overdue: 'true', unitId: o.unitId }),
    proceduresOverdue: drillUrl('/landing/procedures', { overdue: 'true', unitId: o.unitId }),
  };
}
