import { z } from 'zod';
import { definitionsSchema, INDICATOR_KEYS } from '../indicators/catalogue.js';
import { UNIT_KINDS } from '../organization/organization.schemas.js';

// Wire shapes of the year's settings (口径), targets (任务分解), progress and drill-down (issue 4 items 1–3).

export const yearNumber = z.coerce.number().int().min(2000).max(2100);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'An ISO date, YYYY-MM-DD');

export const yearSettingsSchema = z.object({
  year: z.number().int(),
  definitions: definitionsSchema,
  timeProgressBasis: z.enum(['months', 'days']),
  goalRank: z.number().int(),
  stalledMonths: z.number().int(),
  issuingBody: z.string().nullable(),
  docPrefix: z.string().nullable(),
});
export type YearSettingsView = z.infer<typeof yearSettingsSchema>;

/** A year's settings as the center saves them; an unknown 口径 key is refused rather than dropped. */
export const yearSettingsInput = z
  .object({
    definitions: definitionsSchema.strict(),
    timeProgressBasis: z.enum(['months', 'days']),
    goalRank: z.number().int().min(1).max(100),
    stalledMonths: z.number().int().min(1).max(24),
    issuingBody: z.string().trim().max(60).nullable(),
    docPrefix: z.string().trim().max(20).nullable(),
  })
  .strict();
export type YearSettingsInput = z.input<typeof yearSettingsInput>;

export const catalogueEntrySchema = z.object({
  key: z.enum(INDICATOR_KEYS),
  name: z.object({ zh: z.string(), en: z.string() }),
  unit: z.string(),
  kind: z.enum(['count', 'amount', 'ratio']),
  source: z.string(),
  definition: z.string(),
  options: z.array(z.string()),
  ratio: z.object({ numerator: z.enum(INDICATOR_KEYS), denominator: z.enum(INDICATOR_KEYS) }).optional(),
});

const targetText = z.string().max(40);

export const targetRowSchema = z.object({
  unitId: z.string().uuid().nullable(),
  indicatorKey: z.enum(INDICATOR_KEYS),
  annual: z.string(),
  quarters: z.tuple([
    z.string().nullable(),
    z.string().nullable(),
    z.string().nullable(),
    z.string().nullable(),
  ]),
});
export type TargetRowView = z.infer<typeof targetRowSchema>;

export const assessedUnitSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  sortOrder: z.number().int(),
});

export const targetsSchema = z.object({
  year: z.number().int(),
  /** The units the caller may see rows of (a unit: its own). */
  units: z.array(assessedUnitSchema),
  rows: z.array(targetRowSchema),
});
export type TargetsView = z.infer<typeof targetsSchema>;

export const targetsInput = z.object({
  rows: z
    .array(
      z.object({
        unitId: z.string().uuid().nullable(),
        indicatorKey: z.string().max(60),
        annual: targetText.nullable(),
        q1: targetText.nullable().optional(),
        q2: targetText.nullable().optional(),
        q3: targetText.nullable().optional(),
        q4: targetText.nullable().optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export type TargetsInput = z.infer<typeof targetsInput>;

export const importProblemSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
  messageZh: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const targetsImportResult = z.object({
  saved: z.boolean(),
  /** Rows written (0 when there are problems). */
  count: z.number().int(),
  problems: z.array(importProblemSchema),
});
export type TargetsImportResult = z.infer<typeof targetsImportResult>;

const figure = z.union([
  z.string(),
  z.number(),
  z.object({ numerator: z.union([z.string(), z.number()]), denominator: z.union([z.string(), z.number()]) }),
]);

export const progressCellSchema = z.object({
  target: z.string().nullable(),
  targetToDate: z.string().nullable(),
  period: figure,
  cumulative: figure,
  lastYear: figure,
  previousPeriod: figure,
  completion: z.string().nullable(),
  ahead: z.string().nullable(),
  yoy: z.string().nullable(),
  mom: z.string().nullable(),
  doubleHalf: z.boolean().nullable(),
});
export type ProgressCellView = z.infer<typeof progressCellSchema>;

const cellsByKey = z.record(z.string(), progressCellSchema);

export const progressQuery = z.object({
  year: yearNumber,
  cutoff: isoDate,
  periodStart: isoDate.optional(),
});

export const progressSchema = z.object({
  year: z.number().int(),
  periodStart: z.string(),
  cutoff: z.string(),
  timeProgressBasis: z.enum(['months', 'days']),
  timeProgress: z.string(),
  units: z.array(assessedUnitSchema),
  cells: z.record(z.string(), cellsByKey),
  district: cellsByKey,
});
export type ProgressView = z.infer<typeof progressSchema>;

export const drillQuery = z.object({
  indicator: z.enum(INDICATOR_KEYS),
  unitId: z.string().uuid(),
  from: isoDate,
  to: isoDate,
});

export const drillRowSchema = z.object({
  id: z.string(),
  value: z.union([z.string(), z.number()]),
  /** Project name, enterprise, month: what a person recognises the record by. */
  name: z.string(),
  detail: z.string().nullable(),
  /** The project to open, when the record belongs to one. */
  projectId: z.string().uuid().nullable(),
});
export type DrillRowView = z.infer<typeof drillRowSchema>;

const drillLeaf = z.object({
  indicator: z.enum(INDICATOR_KEYS),
  source: z.string(),
  rows: z.array(drillRowSchema),
});
/** A ratio's records come as its two sides (numerator, denominator), each a plain indicator's. */
export const drillSchema = drillLeaf.extend({
  numerator: drillLeaf.optional(),
  denominator: drillLeaf.optional(),
});
export type DrillView = z.infer<typeof drillSchema>;
