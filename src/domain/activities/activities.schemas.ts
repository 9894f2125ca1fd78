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

export const activitySchema = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  projectId: z.string().uuid().nullable(),
  kind: z.enum(ACTIVITY_KINDS),
  occurredOn: z.string(),
  place: z.string().nullable(),
  participants: z.string().nullable(),
  ledByLeader: z.boolean(),
  summary: z.string(),
  createdAt: z.string(),
});

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
