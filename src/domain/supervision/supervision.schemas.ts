import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { SUPERVISION_REPLY_KINDS, SUPERVISION_STATUSES } from '../landing/landing-codes.js';

// 督办单 (issue 5 item 7) on the wire: the supervision office issues a notice to a unit or department; the unit
// replies; the office follows up (继续督办, with a new reply due date) or closes it (销号). Every step carries the
// `version` the screen loaded (a stale step is a 409).

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
const version = z.number().int().min(1);
const text = z.string().trim().min(1).max(4000);

export const supervisionStatusSchema = z.enum(SUPERVISION_STATUSES);

export const supervisionListQuery = z.object({
  /** subject, body or the 督办〔year〕N号 number */
  q: z.string().trim().max(60).optional(),
  status: supervisionStatusSchema.optional(),
  unitId: z.string().uuid().optional(),
  /** awaiting a reply past its reply due date */
  overdue: z.enum(['true']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type SupervisionListQuery = z.infer<typeof supervisionListQuery>;

export const issueSupervisionInput = z.object({
  unitId: z.string().uuid(),
  subject: z.string().trim().min(2).max(100),
  body: text,
  replyDueOn: day,
  projectId: z.string().uuid().nullable().default(null),
  problemId: z.string().uuid().nullable().default(null),
});
export type IssueSupervisionInput = z.infer<typeof issueSupervisionInput>;

export const replySupervisionInput = z.object({ version, text });
export type ReplySupervisionInput = z.infer<typeof replySupervisionInput>;

export const followUpSupervisionInput = z.object({ version, text, replyDueOn: day });
export type FollowUpSupervisionInput = z.infer<typeof followUpSupervisionInput>;

export const closeSupervisionInput = z.object({ version, text });
export type CloseSupervisionInput = z.infer<typeof closeSupervisionInput>;

export const supervisionFileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const supervisionNoticeSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  number: z.number().int(),
  /** 督办〔2026〕3号 */
  numberLabel: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  subject: z.string(),
  body: z.string(),
  replyDueOn: z.string(),
  status: supervisionStatusSchema,
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  problemId: z.string().nullable(),
  problemTitle: z.string().nullable(),
  issuedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
export type SupervisionNoticeView = z.infer<typeof supervisionNoticeSchema>;

export const supervisionReplySchema = z.object({
  id: z.string(),
  kind: z.enum(SUPERVISION_REPLY_KINDS),
  text: z.string(),
  replyDueOn: z.string().nullable(),
  username: z.string().nullable(),
  at: z.string(),
});

export const supervisionDetailSchema = supervisionNoticeSchema.extend({
  timeline: z.array(supervisionReplySchema),
  files: z.array(supervisionFileSchema),
  /** What the caller may do now (the screen shows only these buttons). */
  can: z.object({ reply: z.boolean(), followUp: z.boolean(), close: z.boolean(), upload: z.boolean() }),
});
export type SupervisionDetail = z.infer<typeof supervisionDetailSchema>;

export const supervisionListSchema = z.object({
  items: z.array(supervisionNoticeSchema),
  total: z.number().int(),
  overdueTotal: z.number().int(),
});
export type SupervisionList = z.infer<typeof supervisionListSchema>;
