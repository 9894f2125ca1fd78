import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import {
  PROBLEM_CATEGORIES,
  PROBLEM_EVENT_KINDS,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
} from './landing-codes.js';
import { PROBLEM_ACTIONS } from './problem-flow.js';

// 问题清单 (issue 5 item 3) on the wire: the list, the detail with its timeline, and one body per step of the
// loop 交办 → 承办 → 反馈 → 办结. Every step carries the `version` the screen loaded (a stale step is a 409).

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
const version = z.number().int().min(1);
const longText = (min: number) => z.string().trim().min(min).max(4000);

export const problemStatusSchema = z.enum(PROBLEM_STATUSES);
export const problemCategorySchema = z.enum(PROBLEM_CATEGORIES);
export const problemSourceSchema = z.enum(PROBLEM_SOURCES);
export const problemActionSchema = z.enum(PROBLEM_ACTIONS);

export const problemListQuery = z.object({
  /** title, description or project name */
  q: z.string().trim().max(60).optional(),
  status: problemStatusSchema.optional(),
  category: problemCategorySchema.optional(),
  departmentUnitId: z.string().uuid().optional(),
  unitId: z.string().uuid().optional(),
  projectId: z.string().uuid().optional(),
  raisedVia: problemSourceSchema.optional(),
  /** past the deadline while the department still owes an answer */
  overdue: z.enum(['true']).optional(),
  /** escalated to the leader in charge (or further) */
  escalated: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProblemListQuery = z.infer<typeof problemListQuery>;

export const createProblemInput = z.object({
  projectId: z.string().uuid(),
  title: z.string().trim().min(2).max(100),
  description: longText(1),
  category: problemCategorySchema,
});
export type CreateProblemInput = z.infer<typeof createProblemInput>;

export const assignProblemInput = z.object({
  version,
  departmentUnitId: z.string().uuid(),
  /** The leader in charge by name; filled from the account when only `leaderUserId` is given. */
  leaderInCharge: z.string().trim().max(40).nullable().default(null),
  leaderUserId: z.string().uuid().nullable().default(null),
  /** 一问题一对策 */
  countermeasure: longText(1),
  /** Defaults to the district's problem clock from today (halved for a green-channel project). */
  deadline: day.nullable().default(null),
});
export type AssignProblemInput = z.infer<typeof assignProblemInput>;

export const acceptProblemInput = z.object({
  version,
  note: z.string().trim().max(4000).nullable().default(null),
});
export type AcceptProblemInput = z.infer<typeof acceptProblemInput>;

export const replyProblemInput = z.object({ version, reply: longText(1) });
export type ReplyProblemInput = z.infer<typeof replyProblemInput>;

export const closeProblemInput = acceptProblemInput;
export type CloseProblemInput = AcceptProblemInput;

export const reopenProblemInput = z.object({
  version,
  reason: longText(1),
  /** A fresh deadline; defaults to the district's problem clock from today. */
  deadline: day.nullable().default(null),
});
export type ReopenProblemInput = z.infer<typeof reopenProblemInput>;

export const commentProblemInput = z.object({ note: longText(1) });
export type CommentProblemInput = z.infer<typeof commentProblemInput>;

export const problemSummarySchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  category: problemCategorySchema,
  status: problemStatusSchema,
  raisedVia: problemSourceSchema,
  projectId: z.string().uuid().nullable(),
  projectName: z.string().nullable(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  departmentUnitId: z.string().uuid().nullable(),
  departmentName: z.string().nullable(),
  leaderInCharge: z.string().nullable(),
  deadline: z.string().nullable(),
  /** whole days past the deadline while the department owes an answer; 0 otherwise */
  daysOverdue: z.number().int(),
  escalationLevel: z.number().int(),
  reopenCount: z.number().int(),
  createdAt: z.string(),
});
export type ProblemSummary = z.infer<typeof problemSummarySchema>;

export const problemSchema = problemSummarySchema.extend({
  districtId: z.string().uuid(),
  description: z.string(),
  raiserName: z.string().nullable(),
  raisedByName: z.string().nullable(),
  leaderUserId: z.string().uuid().nullable(),
  countermeasure: z.string().nullable(),
  reply: z.string().nullable(),
  assignedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ProblemView = z.infer<typeof problemSchema>;

export const problemEventSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(PROBLEM_EVENT_KINDS),
  note: z.string().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  viaPortal: z.boolean(),
  at: z.string(),
  /** time since the step before (交办→承办 2天); null for comments, escalations and the first step */
  sinceStep: z.object({ fromKind: z.enum(PROBLEM_EVENT_KINDS), ms: z.number() }).nullable(),
});
export type ProblemEventView = z.infer<typeof problemEventSchema>;

export const problemFileSchema = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type ProblemFile = z.infer<typeof problemFileSchema>;

export const problemDetailSchema = z.object({
  problem: problemSchema,
  events: z.array(problemEventSchema),
  files: z.array(problemFileSchema),
  /** the steps the caller may take now (the buttons) */
  actions: z.array(problemActionSchema),
  /** may attach files (the three sides, while the problem is open) */
  canUpload: z.boolean(),
});
export type ProblemDetail = z.infer<typeof problemDetailSchema>;

export const problemOptionsSchema = z.object({
  departments: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  leaders: z.array(z.object({ id: z.string().uuid(), displayName: z.string() })),
  /** the district's default deadline in days (before the green-channel halving) */
  deadlineDays: z.number().int(),
});
export type ProblemOptions = z.infer<typeof problemOptionsSchema>;
