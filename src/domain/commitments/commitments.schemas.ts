import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { COMMITMENT_KINDS, COMMITMENT_STATUSES } from '../landing/landing-codes.js';
import { amountString } from '../money/money.js';

// 承诺事项: what the government promised an investor, who keeps it, by when, and the evidence that it was kept.

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
const version = z.number().int().min(1);

const commitmentFields = {
  agreementId: z.string().uuid().nullable(),
  kind: z.enum(COMMITMENT_KINDS),
  content: z.string().trim().min(2).max(2000),
  amountYuan: amountString.nullable(),
  departmentUnitId: z.string().uuid(),
  dueOn: day,
};

export const createCommitmentInput = z.object({
  projectId: z.string().uuid(),
  ...commitmentFields,
  agreementId: commitmentFields.agreementId.default(null),
  amountYuan: commitmentFields.amountYuan.default(null),
});
export type CreateCommitmentInput = z.infer<typeof createCommitmentInput>;

export const COMMITMENT_EDITABLE = [
  'agreementId',
  'kind',
  'content',
  'amountYuan',
  'departmentUnitId',
  'dueOn',
] as const;

export const updateCommitmentInput = z
  .object({ version, ...commitmentFields })
  .partial()
  .required({ version: true });
export type UpdateCommitmentInput = z.infer<typeof updateCommitmentInput>;

/** 兑现: the day it was kept and what proves it (text required; files are uploaded to the commitment). */
export const fulfilCommitmentInput = z.object({
  version,
  fulfilledOn: day,
  evidence: z.string().trim().min(1).max(2000),
});
export type FulfilCommitmentInput = z.infer<typeof fulfilCommitmentInput>;

/** 撤销 (by the project's unit or the center) and 退回待兑现 (the center only): both need a reason. */
export const cancelCommitmentInput = z.object({ version, reason: z.string().trim().min(1).max(500) });
export type CancelCommitmentInput = z.infer<typeof cancelCommitmentInput>;
export const reopenCommitmentInput = cancelCommitmentInput;
export type ReopenCommitmentInput = CancelCommitmentInput;

export const commitmentFileSchema = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type CommitmentFile = z.infer<typeof commitmentFileSchema>;

export const commitmentSchema = z.object({
  id: z.string().uuid(),
  districtId: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  projectId: z.string().uuid(),
  projectName: z.string(),
  agreementId: z.string().uuid().nullable(),
  agreementTitle: z.string().nullable(),
  kind: z.enum(COMMITMENT_KINDS),
  content: z.string(),
  amountYuan: z.string().nullable(),
  departmentUnitId: z.string().uuid(),
  departmentName: z.string(),
  dueOn: z.string(),
  status: z.enum(COMMITMENT_STATUSES),
  fulfilledOn: z.string().nullable(),
  evidence: z.string().nullable(),
  cancelReason: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  /** Fulfilled after its due date (counts as fulfilled, not as on time). */
  late: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do with it: the UI shows only these buttons; the server checks again. */
  can: z.object({ edit: z.boolean(), fulfil: z.boolean(), reopen: z.boolean() }),
});
export type CommitmentView = z.infer<typeof commitmentSchema>;

export const commitmentDetailSchema = commitmentSchema.extend({ files: z.array(commitmentFileSchema) });
export type CommitmentDetail = z.infer<typeof commitmentDetailSchema>;

/**
 * `counted` lists exactly the rows a rates count counts (clicking "12/15" opens those 12 or 15): `due` (not
 * cancelled, due by the cut-off), `fulfilled` (of those, fulfilled by the cut-off), `on_time` (of those, by
 * their due date), `unfulfilled` (due but not fulfilled by the cut-off).
 */
export const COUNTED = ['due', 'fulfilled', 'on_time', 'unfulfilled'] as const;
export type Counted = (typeof COUNTED)[number];

export const commitmentListQuery = z.object({
  status: z.enum(COMMITMENT_STATUSES).optional(),
  kind: z.enum(COMMITMENT_KINDS).optional(),
  departmentUnitId: z.string().uuid().optional(),
  unitId: z.string().uuid().optional(),
  projectId: z.string().uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  dueBefore: day.optional(),
  counted: z.enum(COUNTED).optional(),
  cutOff: day.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CommitmentListQuery = z.infer<typeof commitmentListQuery>;

export const commitmentListSchema = z.object({
  items: z.array(commitmentSchema),
  total: z.number().int(),
  overdueTotal: z.number().int(),
});
export type CommitmentList = z.infer<typeof commitmentListSchema>;

const rateCounts = {
  due: z.number().int(),
  fulfilled: z.number().int(),
  onTime: z.number().int(),
  rate: z.string().nullable(),
  onTimeRate: z.string().nullable(),
};
export const commitmentRatesSchema = z.object({
  cutOff: z.string(),
  overall: z.object({ ...rateCounts, pending: z.number().int(), overdue: z.number().int() }),
  departments: z.array(
    z.object({
      departmentUnitId: z.string().uuid(),
      departmentName: z.string(),
      ...rateCounts,
      pending: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
});
export type CommitmentRates = z.infer<typeof commitmentRatesSchema>;

export const ratesQuery = z.object({
  cutOff: day.optional(),
  unitId: z.string().uuid().optional(),
  projectId: z.string().uuid().optional(),
});
export type RatesQuery = z.infer<typeof ratesQuery>;
