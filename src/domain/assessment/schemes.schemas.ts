import { z } from 'zod';
import { schemeErrorSchema, schemeItemSchema } from './assessment.schemas.js';

// Wire shapes of the scheme routes (/api/assessment/schemes…), shared by the server and the editor.

export const yearSchema = z.coerce.number().int().min(2000).max(2100);
const isoDay = z.iso.date();

export const schemeStatusSchema = z.enum(['draft', 'published']);

export const schemeSummarySchema = z.object({
  id: z.string().uuid(),
  year: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  status: schemeStatusSchema,
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  itemsCount: z.number().int(),
  copiedFrom: z.string().uuid().nullable(),
  /** The year's latest published version: the one bulletins score with. */
  inForce: z.boolean(),
});
export type SchemeSummary = z.infer<typeof schemeSummarySchema>;

export const schemeViewSchema = schemeSummarySchema.extend({ items: z.array(schemeItemSchema) });
export type SchemeView = z.infer<typeof schemeViewSchema>;

export const schemesQuery = z.object({ year: yearSchema.optional() });

export const createSchemeInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    name: z.string().trim().min(1).max(100),
    items: z.array(schemeItemSchema).min(1).max(100).optional(),
    /** An EXAMPLE_SCHEMES id: start from that example's items. */
    fromExample: z.string().max(60).optional(),
  })
  .refine((v) => (v.items === undefined) !== (v.fromExample === undefined), {
    message: 'Give either items or fromExample',
    path: ['items'],
  });
export type CreateSchemeInput = z.infer<typeof createSchemeInput>;

export const updateSchemeInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  items: z.array(schemeItemSchema).min(1).max(100),
});
export type UpdateSchemeInput = z.infer<typeof updateSchemeInput>;

export const checkSchemeInput = z.object({ items: z.array(schemeItemSchema).max(100) });
export const checkSchemeResult = z.object({ errors: z.array(schemeErrorSchema) });
export type CheckSchemeResult = z.infer<typeof checkSchemeResult>;

export const copySchemeInput = z.object({ toYear: z.number().int().min(2000).max(2100) });

export const previewInput = z.object({
  cutoff: isoDay,
  /** Unsaved items from the editor; the stored ones when absent. */
  items: z.array(schemeItemSchema).min(1).max(100).optional(),
});
export type PreviewInput = z.infer<typeof previewInput>;

export const itemScoreSchema = z.object({
  score: z.number().nullable(),
  exact: z.string().nullable(),
  missing: z.boolean(),
});

export const previewResultSchema = z.object({
  year: z.number().int(),
  cutoff: z.string(),
  /** 序时进度 in percent, 2 dp. */
  timeProgress: z.string(),
  items: z.array(
    z.object({ key: z.string(), name: z.string(), points: z.string(), group: z.string().nullable() }),
  ),
  /** Grouped (towns, departments, parks, teams), then by rank within the group. */
  units: z.array(
    z.object({
      unitId: z.string().uuid(),
      name: z.string(),
      group: z.string(),
      items: z.record(z.string(), itemScoreSchema),
      total: z.number(),
      totalExact: z.string(),
      rank: z.number().int(),
    }),
  ),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;

export const explainInput = previewInput.extend({
  unitId: z.string().uuid(),
  itemKey: z.string().min(1).max(60),
});
export type ExplainInput = z.infer<typeof explainInput>;

export const explainResultSchema = z.object({
  formula: z.string(),
  score: itemScoreSchema,
  /** Every evaluated part of the formula, outermost first within a position: its text and value. */
  steps: z.array(
    z.object({
      start: z.number().int(),
      end: z.number().int(),
      text: z.string(),
      value: z.string().nullable(),
    }),
  ),
});
export type ExplainResult = z.infer<typeof explainResultSchema>;

export const examplesResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      items: z.array(schemeItemSchema),
    }),
  ),
});
export type ExamplesResult = z.infer<typeof examplesResultSchema>;

export const functionsResultSchema = z.object({
  functions: z.array(
    z.object({ name: z.string(), signature: z.string(), zh: z.string(), example: z.string() }),
  ),
  indicators: z.array(
    z.object({ key: z.string(), name: z.string(), unit: z.string(), definition: z.string() }),
  ),
});
export type FunctionsResult = z.infer<typeof functionsResultSchema>;
