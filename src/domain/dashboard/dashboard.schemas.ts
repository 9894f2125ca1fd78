import { z } from 'zod';
import { INDICATOR_KEYS } from '../indicators/catalogue.js';

// The leaders' view (issue 6): what GET /api/dashboard answers. Every figure comes from the one indicator
// computation (computeProgress / computeIndicators), so the dashboard prints the bulletin's digits for the
// same period and data. Money: integer strings in 元 (USD in 美分); percents: text with 2 decimals.
// `drill` on an element is the list page URL (with its filters) that shows the records behind it.

const money = z.string();
const pct = z.string().nullable();

export const dashboardQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Last day counted; default today (China). */
  cutoff: z.iso.date().optional(),
});

export const headlineSchema = z.object({
  key: z.enum(INDICATOR_KEYS),
  name: z.string(),
  unit: z.string(),
  /** Cumulative through the cut-off (元, 美分 or a count). */
  actual: z.union([z.string(), z.number()]),
  target: z.string().nullable(),
  completion: pct,
  timeProgress: z.string(),
  ahead: pct,
  doubleHalf: z.boolean().nullable(),
  yoy: pct,
  drill: z.string(),
});

export const funnelStepSchema = z.object({
  /** leads, negotiating, signed, landed, started, producing */
  step: z.string(),
  name: z.string(),
  /** Records that reached this step (ever, for the year's cohort), and the share of the step before; for
   * 在谈, the share of the year's leads converted to a project (projects may also be entered without a lead). */
  count: z.number().int(),
  conversion: pct,
  /** Median days from the step before (null when fewer than one pair). */
  medianDays: z.number().nullable(),
  drill: z.string(),
});

export const breakdownSchema = z.object({
  key: z.string(),
  name: z.string(),
  count: z.number(),
  amount: money,
  drill: z.string(),
});

export const trendPointSchema = z.object({
  month: z.number().int().min(1).max(12),
  thisYear: money.nullable(),
  lastYear: money,
  /** The month's records (this year's): its signed projects; absent where there is no list (funds). */
  drill: z.string().optional(),
});

export const leaderboardRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  group: z.string(),
  /** Completion of the key indicator (signed amount) and ahead/behind against 序时进度. */
  completion: pct,
  ahead: pct,
  /** green ≥ time progress, amber within 10 points behind, red further behind, none without a target. */
  band: z.enum(['ahead', 'near', 'behind', 'none']),
  blank: z.boolean(),
  score: z.string().nullable(),
  rank: z.number().int().nullable(),
  drill: z.string(),
});

export const districtDashboardSchema = z.object({
  year: z.number().int(),
  cutoff: z.string(),
  timeProgress: z.string(),
  headline: z.array(headlineSchema),
  funnel: z.array(funnelStepSchema),
  trend: z.object({ signedAmount: z.array(trendPointSchema), fundsInPlace: z.array(trendPointSchema) }),
  sources: z.object({
    /** By the investor's province (GB/T 2260 two-digit code + name, for the map); abroad as one row. */
    provinces: z.array(breakdownSchema),
    areas: z.array(breakdownSchema),
    channels: z.array(breakdownSchema),
  }),
  industries: z.array(breakdownSchema),
  chains: z.array(breakdownSchema),
  quality: z.object({
    averageSignedAmount: money.nullable(),
    shareOver1Yi: pct,
    shareOver10Yi: pct,
    notableInvestorProjects: z.number(),
    industrialShare: pct,
    highTechShare: pct,
    /** The signed projects behind each figure (the share's numerator; the average: all of them). */
    drills: z.object({
      averageSignedAmount: z.string(),
      over1Yi: z.string(),
      over10Yi: z.string(),
      notable: z.string(),
      industrial: z.string(),
      highTech: z.string(),
    }),
  }),
  leaderboard: z.array(leaderboardRowSchema),
  overdue: z.object({
    milestones: z.number().int(),
    projectsNotStarted: z.number().int(),
    leadsOverdue: z.number().int(),
    capitalReportsMissing: z.number().int(),
    /** Landing service (as of today, server/modules/landing/overdue.ts): problems past their deadline still with
     * the department, pending commitments past due, procedures past their planned date not done. */
    problemsOverdue: z.number().int(),
    commitmentsOverdue: z.number().int(),
    proceduresOverdue: z.number().int(),
    /** The list behind each count. */
    drills: z.object({
      milestones: z.string(),
      projectsNotStarted: z.string(),
      leadsOverdue: z.string(),
      capitalReportsMissing: z.string(),
      problemsOverdue: z.string(),
      commitmentsOverdue: z.string(),
      proceduresOverdue: z.string(),
    }),
  }),
  city: z.array(
    z.object({
      indicatorKey: z.string(),
      name: z.string(),
      /** The indicator's unit (元, 美分, 个 …): the gaps are in it. */
      unit: z.string(),
      rank: z.number().nullable(),
      of: z.number(),
      ahead: z.object({ name: z.string(), gap: z.string() }).nullable(),
      behind: z.object({ name: z.string(), gap: z.string() }).nullable(),
    }),
  ),
});
export type DistrictDashboard = z.infer<typeof districtDashboardSchema>;

export const unitDashboardSchema = z.object({
  year: z.number().int(),
  cutoff: z.string(),
  timeProgress: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  headline: z.array(headlineSchema),
  stages: z.array(breakdownSchema),
  overdue: districtDashboardSchema.shape.overdue,
  rank: z.object({ rank: z.number().nullable(), of: z.number(), group: z.string() }),
});
export type UnitDashboard = z.infer<typeof unitDashboardSchema>;
