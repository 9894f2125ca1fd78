import { z } from 'zod';

// One project's life as a single dated list (issue: "a detail page with a timeline (stage changes, capital
// reports, activities, edits)"), plus the history of the lead it came from.

export const TIMELINE_KINDS = ['stage', 'edit', 'capital', 'activity', 'lead', 'attachment'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const timelineEntrySchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  /** the day it happened (effective date, report month's first day, activity date) */
  date: z.string(),
  /** when it was recorded */
  at: z.string(),
  who: z.string().nullable(),
  stage: z.object({ from: z.string().nullable(), to: z.string(), note: z.string().nullable() }).optional(),
  /** the names of the fields an edit changed */
  edit: z.object({ fields: z.array(z.string()) }).optional(),
  capital: z
    .object({
      month: z.string(),
      fundsInPlaceYuan: z.string(),
      completedInvestmentYuan: z.string(),
      foreignUsedUsdCents: z.string(),
    })
    .optional(),
  activity: z
    .object({ kind: z.string(), summary: z.string(), place: z.string().nullable(), ledByLeader: z.boolean() })
    .optional(),
  lead: z.object({ kind: z.string(), note: z.string().nullable() }).optional(),
  attachment: z.object({ kind: z.string(), filename: z.string() }).optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** Newest first; on the same day, the later recorded first. */
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) =>
    a.date === b.date ? (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) : a.date < b.date ? 1 : -1,
  );
}
