import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { CHAIN_SEGMENTS, EVENT_KINDS, SOURCE_KINDS } from './network-codes.js';

// Wire shapes shared by the network features: the pickers that link leads, projects and targets to a referral
// source, an event or a chain link, and the outcome figures (leads → projects → signed → landed) by which the
// center judges which methods work. One computation (server/modules/network/outcomes.ts) serves the
// effectiveness page, an event's outcome card and the referral counts.

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');

/** One choice in a picker: a source, an event or a chain link of the caller's district. */
export const networkOptionSchema = z.object({
  id: z.string().uuid(),
  /** What the picker shows: the name, with the chain for a link (高端标准件/紧固件 · 上游 · 线材) and the
   * date for an event. */
  label: z.string(),
  /** source kind, event kind or link segment */
  kind: z.string(),
  /** The chain of a link; the start date of an event; the place of a source. */
  detail: z.string().nullable(),
});
export type NetworkOption = z.infer<typeof networkOptionSchema>;

export const networkOptionKinds = ['source', 'event', 'chain_link'] as const;
export const networkOptionsQuery = z.object({
  kind: z.enum(networkOptionKinds),
  q: z.string().trim().max(60).optional(),
  /** Resolve these ids whatever the search (so a chosen value keeps its label). Comma-separated uuids. */
  ids: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type NetworkOptionsQuery = z.infer<typeof networkOptionsQuery>;

/** How outcomes are grouped: by lead channel, by referring source, by the source's kind, or by event. */
export const OUTCOME_DIMENSIONS = ['channel', 'source', 'source_kind', 'event'] as const;
export type OutcomeDimension = (typeof OUTCOME_DIMENSIONS)[number];

export const outcomesQuery = z
  .object({
    by: z.enum(OUTCOME_DIMENSIONS),
    from: day,
    to: day,
    /** Only these keys (source ids, event ids, channel codes …), comma-separated. */
    keys: z.string().max(4000).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type OutcomesQuery = z.infer<typeof outcomesQuery>;

/**
 * What one source, event or channel produced in a period (dates inclusive, China calendar days):
 * - leads: leads received in the period credited to it; converted: those of them that became a project;
 * - signed / signedAmountYuan: its projects signed in the period (signing date), withdrawn ones excluded;
 * - landed / started: its projects that landed / started in the period, withdrawn ones excluded.
 * A project is credited through its own referral source / event / channel (copied from its lead when the lead
 * is converted). Rates are computed from these counts by the reader (rateOf), never stored.
 */
export const outcomeSchema = z.object({
  key: z.string(),
  label: z.string(),
  leads: z.number().int(),
  converted: z.number().int(),
  /** converted ÷ leads in percent with 2 decimals, half-up; null without leads. */
  conversion: z.string().nullable(),
  signed: z.number().int(),
  signedAmountYuan: z.string(),
  landed: z.number().int(),
  started: z.number().int(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const linkSegmentSchema = z.enum(CHAIN_SEGMENTS);
export const sourceKindSchema = z.enum(SOURCE_KINDS);
export const eventKindSchema = z.enum(EVENT_KINDS);
