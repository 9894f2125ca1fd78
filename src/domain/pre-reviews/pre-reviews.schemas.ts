import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import {
  DECISION_MEETINGS,
  PRE_REVIEW_DECISIONS,
  PRE_REVIEW_STATUSES,
  PRE_REVIEW_TOPICS,
  PRE_REVIEW_VERDICTS,
} from '../landing/landing-codes.js';

// 预审 (DOMAIN §2 *Landing service*): the API's shapes. The center opens a review of a project, asks departments
// for opinions on topics, and records the combined opinion and the decision meeting.

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
const topics = z
  .array(z.enum(PRE_REVIEW_TOPICS))
  .min(1)
  .max(PRE_REVIEW_TOPICS.length)
  .refine((a) => new Set(a).size === a.length, 'Each topic once');

export const openPreReviewInput = z.object({
  projectId: z.string().uuid(),
  topics,
  departments: z
    .array(z.object({ departmentUnitId: z.string().uuid(), topics }))
    .min(1)
    .max(30)
    .refine((a) => new Set(a.map((d) => d.departmentUnitId)).size === a.length, 'Each department once'),
  /** Defaults to today + the district's opinion days (halved for the green channel). */
  dueOn: day.optional(),
  reason: z.string().trim().max(500).nullable().default(null),
});
export type OpenPreReviewInput = z.infer<typeof openPreReviewInput>;

export const opinionInput = z.object({
  verdict: z.enum(PRE_REVIEW_VERDICTS),
  opinion: z.string().trim().max(4000).nullable().default(null),
});
export type OpinionInput = z.infer<typeof opinionInput>;

export const decideInput = z.object({
  version: z.number().int().min(1),
  combinedOpinion: z.string().trim().min(1).max(4000),
  decision: z.enum(PRE_REVIEW_DECISIONS),
  meetingKind: z.enum(DECISION_MEETINGS),
  meetingOn: day,
  /** Deciding while some departments have not answered needs this, said explicitly. */
  confirmIncomplete: z.boolean().default(false),
});
export type DecideInput = z.infer<typeof decideInput>;

export const cancelInput = z.object({ version: z.number().int().min(1) });

export const preReviewFileSchema = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const opinionSchema = z.object({
  id: z.string().uuid(),
  reviewId: z.string().uuid(),
  departmentUnitId: z.string().uuid(),
  departmentName: z.string(),
  topics: z.array(z.string()),
  dueOn: z.string(),
  verdict: z.enum(PRE_REVIEW_VERDICTS).nullable(),
  opinion: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  /** Answered after its due date, or still unanswered past it. */
  late: z.boolean(),
  /** Still unanswered past its due date. */
  overdue: z.boolean(),
  files: z.array(preReviewFileSchema),
});
export type OpinionView = z.infer<typeof opinionSchema>;

export const preReviewSummarySchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  projectName: z.string(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  topics: z.array(z.string()),
  dueOn: z.string(),
  reason: z.string().nullable(),
  status: z.enum(PRE_REVIEW_STATUSES),
  decision: z.enum(PRE_REVIEW_DECISIONS).nullable(),
  meetingKind: z.enum(DECISION_MEETINGS).nullable(),
  meetingOn: z.string().nullable(),
  /** Counts over the opinions the caller may see (a department: its own). */
  opinionsAsked: z.number().int(),
  opinionsAnswered: z.number().int(),
  overdueOpinions: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type PreReviewSummary = z.infer<typeof preReviewSummarySchema>;

export const preReviewDetailSchema = preReviewSummarySchema.extend({
  combinedOpinion: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  createdByName: z.string().nullable(),
  /** False for a department asked in someone else's project: it sees its own opinion only. */
  allOpinionsVisible: z.boolean(),
  opinions: z.array(opinionSchema),
});
export type PreReviewDetail = z.infer<typeof preReviewDetailSchema>;

export const preReviewListQuery = z.object({
  status: z.enum(PRE_REVIEW_STATUSES).optional(),
  projectId: z.string().uuid().optional(),
  /** Only reviews with an unanswered opinion past its due date. */
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PreReviewListQuery = z.infer<typeof preReviewListQuery>;
export const preReviewListSchema = z.object({
  items: z.array(preReviewSummarySchema),
  total: z.number().int(),
});
export type PreReviewList = z.infer<typeof preReviewListSchema>;

export const candidateSchema = z.object({
  projectId: z.string().uuid(),
  projectName: z.string(),
  unitName: z.string(),
  stage: z.string(),
  /** The planned total, or the signed amount when larger (元). */
  amountYuan: z.string().nullable(),
  greenChannel: z.boolean(),
  openReviewId: z.string().uuid().nullable(),
});
export type PreReviewCandidate = z.infer<typeof candidateSchema>;
export const candidatesSchema = z.object({
  thresholdYuan: z.string(),
  opinionDays: z.number().int(),
  items: z.array(candidateSchema),
});
export type PreReviewCandidates = z.infer<typeof candidatesSchema>;
