import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { amountString } from '../money/money.js';
import { AGREEMENT_TYPES } from '../projects/stages.js';
import { MILESTONE_STATUSES, PERFORMANCE_STATUSES } from './performance.js';

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');

export const MILESTONE_KINDS = ['invest', 'start', 'produce', 'tax', 'jobs', 'other'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_KIND_LABELS: Record<MilestoneKind, { zh: string; en: string }> = {
  invest: { zh: '投资到位', en: 'Investment' },
  start: { zh: '开工', en: 'Start of construction' },
  produce: { zh: '投产', en: 'Production' },
  tax: { zh: '税收', en: 'Tax' },
  jobs: { zh: '就业', en: 'Jobs' },
  other: { zh: '其他', en: 'Other' },
};

export const MILESTONE_STATUS_LABELS: Record<
  (typeof MILESTONE_STATUSES)[number],
  { zh: string; en: string }
> = {
  pending: { zh: '待履约', en: 'Pending' },
  met: { zh: '已履约', en: 'Met' },
  missed: { zh: '未履约', en: 'Missed' },
  waived: { zh: '已豁免', en: 'Waived' },
};

const agreementFields = {
  type: z.enum(AGREEMENT_TYPES),
  title: z.string().trim().min(2).max(100),
  signingDate: day,
  amountYuan: amountString.nullable(),
  foreignUsdCents: amountString.nullable(),
  parties: z.string().trim().max(500).nullable(),
  note: z.string().trim().max(2000).nullable(),
};

export const createAgreementInput = z.object({
  ...agreementFields,
  amountYuan: agreementFields.amountYuan.default(null),
  foreignUsdCents: agreementFields.foreignUsdCents.default(null),
  parties: agreementFields.parties.default(null),
  note: agreementFields.note.default(null),
});
export type CreateAgreementInput = z.infer<typeof createAgreementInput>;

export const updateAgreementInput = z
  .object({ version: z.number().int().min(1), ...agreementFields })
  .partial()
  .required({ version: true });
export type UpdateAgreementInput = z.infer<typeof updateAgreementInput>;

const milestoneFields = {
  kind: z.enum(MILESTONE_KINDS),
  description: z.string().trim().min(1).max(500),
  dueDate: day,
  targetYuan: amountString.nullable(),
  targetCount: z.number().int().min(0).max(1_000_000_000).nullable(),
  note: z.string().trim().max(1000).nullable(),
};

export const createMilestoneInput = z.object({
  ...milestoneFields,
  targetYuan: milestoneFields.targetYuan.default(null),
  targetCount: milestoneFields.targetCount.default(null),
  note: milestoneFields.note.default(null),
});
export type CreateMilestoneInput = z.infer<typeof createMilestoneInput>;

export const updateMilestoneInput = z
  .object({ version: z.number().int().min(1), ...milestoneFields })
  .partial()
  .required({ version: true });
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneInput>;

/** met needs the day it was met; missed/waived take a note; pending puts a decision back. */
export const milestoneStatusInput = z.object({
  status: z.enum(MILESTONE_STATUSES),
  metOn: day.nullable().default(null),
  actualYuan: amountString.nullable().default(null),
  actualCount: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
  note: z.string().trim().max(1000).nullable().default(null),
  version: z.number().int().min(1),
});
export type MilestoneStatusInput = z.infer<typeof milestoneStatusInput>;

export const milestoneSchema = z.object({
  id: z.string().uuid(),
  agreementId: z.string().uuid(),
  projectId: z.string().uuid(),
  unitId: z.string().uuid(),
  ...milestoneFields,
  status: z.enum(MILESTONE_STATUSES),
  metOn: z.string().nullable(),
  actualYuan: z.string().nullable(),
  actualCount: z.number().int().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type MilestoneView = z.infer<typeof milestoneSchema>;

export const agreementFileSchema = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const agreementSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  unitId: z.string().uuid(),
  ...agreementFields,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  milestones: z.array(milestoneSchema),
  files: z.array(agreementFileSchema),
});
export type AgreementView = z.infer<typeof agreementSchema>;

export const projectAgreementsSchema = z.object({
  performance: z.enum(PERFORMANCE_STATUSES),
  overdue: z.number().int(),
  agreements: z.array(agreementSchema),
});
export type ProjectAgreements = z.infer<typeof projectAgreementsSchema>;

export const overdueMilestoneSchema = milestoneSchema.extend({
  projectName: z.string(),
  unitName: z.string(),
  agreementTitle: z.string(),
  daysOverdue: z.number().int(),
});
export type OverdueMilestone = z.infer<typeof overdueMilestoneSchema>;
