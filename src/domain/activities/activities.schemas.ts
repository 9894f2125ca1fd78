import { z } from 'zod';
import { isIsoDate } from '../dates.js';

export const ACTIVITY_KINDS = ['visit_out', 'visit_in', 'call', 'meeting'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, { zh: string; en: string }> = {
  visit_out: { zh: '外出走访', en: 'Visit out' },
  visit_in: { zh: '来访接待', en: 'Visit received' },
  call: { zh: '电话联系', en: 'Call' },
  meeting: { zh: '洽谈会议', en: 'Meeting' },
};

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');

export const createActivityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  occurredOn: day,
  place: z.string().trim().max(100).nullish(),
  participants: z.string().trim().max(200).nullish(),
  ledByLeader: z.boolean().default(false),
  summary: z.string().trim().min(1).max(2000),
});
export type CreateActivityInput = z.infer<typeof createActivityInput>;

export const updateActivityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS).optional(),
  occurredOn: day.optional(),
  place: z.string().trim().max(100).nullish(),
  participants: z.string().trim().max(200).nullish(),
  ledByLeader: z.boolean().optional(),
  summary: z.string().trim().min(1).max(2000).optional(),
});
export type UpdateActivityInput = z.infer<typeof updateActivityInput>;

export const activitySchema = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  projectId: z.string().uuid().nullable(),
  projectName: z.string().nullable(),
  leadId: z.string().uuid().nullable(),
  leadTitle: z.string().nullable(),
  kind: z.enum(ACTIVITY_KINDS),
  occurredOn: z.string(),
  place: z.string().nullable(),
  participants: z.string().nullable(),
  ledByLeader: z.boolean(),
  summary: z.string(),
  createdBy: z.string().uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ActivityView = z.infer<typeof activitySchema>;

const flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean().optional());

/** The district/unit activity log's filters (the list and its .xlsx export share them). */
export const activityFilter = z.object({
  unitId: z.string().uuid().optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  from: day.optional(),
  to: day.optional(),
  ledByLeader: flag,
});
export type ActivityFilter = z.infer<typeof activityFilter>;

export const listActivitiesQuery = activityFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListActivitiesQuery = z.infer<typeof listActivitiesQuery>;

export const activityCountsSchema = z.array(
  z.object({
    unitId: z.string().uuid(),
    unitName: z.string(),
    month: z.string(), // YYYY-MM
    visitOut: z.number().int(),
    visitIn: z.number().int(),
    call: z.number().int(),
    meeting: z.number().int(),
    ledByLeader: z.number().int(),
  }),
);
export type ActivityCounts = z.infer<typeof activityCountsSchema>;

/**
 * Days after recording during which the person who recorded an activity may still correct or remove it. The
 * counts feed the monthly bulletin: past this, the log stands as it was counted.
 */
export const ACTIVITY_AMEND_DAYS = 7;

export function canAmendActivity(
  a: { createdBy: string | null; createdAt: string | Date },
  userId: string,
  now: Date,
): boolean {
  if (a.createdBy !== userId) return false;
  const created = typeof a.createdAt === 'string' ? Date.parse(a.createdAt) : a.createdAt.getTime();
  return now.getTime() - created <= ACTIVITY_AMEND_DAYS * 86_400_000;
}

/**
 * Units whose log shows calls but no visit out over the period: the speech's complaint about units that
 * "only phone and never go out".
 */
export function onlyPhoningUnits(counts: ActivityCounts): Set<string> {
  const totals = new Map<string, { visitOut: number; call: number }>();
  for (const c of counts) {
    const t = totals.get(c.unitId) ?? { visitOut: 0, call: 0 };
    t.visitOut += c.visitOut;
    t.call += c.call;
    totals.set(c.unitId, t);
  }
  return new Set([...totals].filter(([, t]) => t.call > 0 && t.visitOut === 0).map(([id]) => id));
}
