import { z } from 'zod';
import { amountString } from '../money/money.js';
import {
  type CapitalFigures,
  isMonth,
  PUNCTUALITIES,
  SUBMISSION_ACTIONS,
  SUBMISSION_STATUSES,
} from './capital.rules.js';

export const monthString = z.string().refine(isMonth, 'A month YYYY-MM');

/** Funds in place by origin (省外 / 市外省内 / 境外 / 本地), all in 元; foreign capital used in US cents. */
export const FIGURE_FIELDS = [
  'fundsOutOfProvinceYuan',
  'fundsInProvinceYuan',
  'fundsForeignYuan',
  'fundsLocalYuan',
  'completedInvestmentYuan',
  'foreignUsedUsdCents',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];

export const FIGURE_LABELS: Record<FigureField, { zh: string; en: string; usd?: true }> = {
  fundsOutOfProvinceYuan: { zh: '省外资金', en: 'Funds from outside the province' },
  fundsInProvinceYuan: { zh: '市外省内资金', en: 'Funds from the province, outside the city' },
  fundsForeignYuan: { zh: '境外资金', en: 'Funds from abroad' },
  fundsLocalYuan: { zh: '本地资金', en: 'Local funds' },
  completedInvestmentYuan: { zh: '完成投资额', en: 'Completed investment' },
  foreignUsedUsdCents: { zh: '实际使用外资', en: 'Foreign capital actually used', usd: true },
};

const figures = {
  fundsOutOfProvinceYuan: amountString,
  fundsInProvinceYuan: amountString,
  fundsForeignYuan: amountString,
  fundsLocalYuan: amountString,
  completedInvestmentYuan: amountString,
  foreignUsedUsdCents: amountString,
};

/** `version` is the one the editor loaded, or null for a month not yet reported. */
export const upsertCapitalReportInput = z.object({
  ...figures,
  note: z.string().trim().max(500).nullable().default(null),
  version: z.number().int().min(1).nullable(),
});
export type UpsertCapitalReportInput = z.infer<typeof upsertCapitalReportInput>;

export const capitalReportSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  unitId: z.string().uuid(),
  month: monthString,
  ...figures,
  fundsInPlaceYuan: amountString,
  note: z.string().nullable(),
  version: z.number().int(),
  vouchers: z.number().int(),
  updatedAt: z.string(),
});
export type CapitalReportView = z.infer<typeof capitalReportSchema>;

export const submissionStatus = z.enum(SUBMISSION_STATUSES);

export const submissionSchema = z.object({
  unitId: z.string().uuid(),
  unitName: z.string(),
  month: monthString,
  status: submissionStatus,
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  dueDate: z.string(),
  punctuality: z.enum(PUNCTUALITIES),
  /** How many projects of the unit report this month, and how many of them have a report. */
  projects: z.number().int(),
  reported: z.number().int(),
});
export type SubmissionView = z.infer<typeof submissionSchema>;

export const submissionActionInput = z.object({
  unitId: z.string().uuid(),
  reason: z.string().trim().min(1).max(500).optional(),
});
export const submissionActionParam = z.enum(SUBMISSION_ACTIONS);

const totals = z.object({ ...figures, fundsInPlaceYuan: amountString });

export const projectCapitalSchema = z.object({
  /** Whether the project reports money at all (signed+, not withdrawn). */
  reporting: z.boolean(),
  months: z.array(capitalReportSchema.extend({ status: submissionStatus, editable: z.boolean() })),
  totals,
});

export const monthSheetSchema = z.object({
  month: monthString,
  unitId: z.string().uuid(),
  unitName: z.string(),
  submission: submissionSchema,
  editable: z.boolean(),
  rows: z.array(
    z.object({
      projectId: z.string().uuid(),
      projectName: z.string(),
      stage: z.string(),
      foreignFunded: z.boolean(),
      report: capitalReportSchema.nullable(),
    }),
  ),
  totals,
});
export type MonthSheet = z.infer<typeof monthSheetSchema>;

/** Wire strings → exact figures. */
export function figuresOf(r: Record<FigureField, string>): CapitalFigures {
  return {
    fundsOutOfProvinceYuan: BigInt(r.fundsOutOfProvinceYuan),
    fundsInProvinceYuan: BigInt(r.fundsInProvinceYuan),
    fundsForeignYuan: BigInt(r.fundsForeignYuan),
    fundsLocalYuan: BigInt(r.fundsLocalYuan),
    completedInvestmentYuan: BigInt(r.completedInvestmentYuan),
    foreignUsedUsdCents: BigInt(r.foreignUsedUsdCents),
  };
}

export function figuresToJson(f: CapitalFigures & { fundsInPlaceYuan: bigint }) {
  return {
    fundsOutOfProvinceYuan: f.fundsOutOfProvinceYuan.toString(),
    fundsInProvinceYuan: f.fundsInProvinceYuan.toString(),
    fundsForeignYuan: f.fundsForeignYuan.toString(),
    fundsLocalYuan: f.fundsLocalYuan.toString(),
    completedInvestmentYuan: f.completedInvestmentYuan.toString(),
    foreignUsedUsdCents: f.foreignUsedUsdCents.toString(),
    fundsInPlaceYuan: f.fundsInPlaceYuan.toString(),
  };
}
