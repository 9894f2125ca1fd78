import { z } from 'zod';
import { IMPORT_KINDS } from './import-columns.js';

export const importKindParam = z.enum(IMPORT_KINDS);

export const IMPORT_STATUSES = ['parsing', 'checked', 'committed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One problem of the dry run, where Excel shows it: row number and column letter (null: the whole row). */
export const importProblemSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  header: z.string().nullable(),
  message: z.string(),
  messageZh: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const DUPLICATE_KINDS = [
  'project_exists', // a project of the same name is already in the unit: refused (a problem too)
  'project_repeated', // the same project twice in the file: refused (a problem too)
  'enterprise_link', // the enterprise is already in the district: the row links to it
  'enterprise_repeated', // several rows name one new enterprise: created once
  'capital_update', // the project already has this month: the import replaces its figures
  'capital_repeated', // the same project and month twice in the file: refused (a problem too)
] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

export const importDuplicateSchema = z.object({
  row: z.number().int(),
  kind: z.enum(DUPLICATE_KINDS),
  /** What the row names (project, enterprise) */
  name: z.string(),
  message: z.string(),
  messageZh: z.string(),
});
export type ImportDuplicate = z.infer<typeof importDuplicateSchema>;

export const importSummarySchema = z.object({
  sheet: z.string(),
  headerRow: z.number().int(),
  /** Data rows read (empty rows and 合计 rows not counted) */
  rows: z.number().int(),
  validRows: z.number().int(),
  problemRows: z.number().int(),
  /** 合计/小计 rows skipped */
  totalRowsSkipped: z.number().int(),
  matchedHeaders: z.array(z.object({ header: z.string(), column: z.string() })),
  ignoredHeaders: z.array(z.string()),
  create: z.number().int(),
  update: z.number().int(),
  enterprisesCreated: z.number().int(),
  enterprisesLinked: z.number().int(),
  /** Projects imported at 签约 or later: their evidence files are still to be attached on each project. */
  evidenceToAttach: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importBatchSchema = z.object({
  id: z.string().uuid(),
  kind: importKindParam,
  filename: z.string(),
  status: z.enum(IMPORT_STATUSES),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  problems: z.array(importProblemSchema),
  duplicates: z.array(importDuplicateSchema),
  summary: importSummarySchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportBatchView = z.infer<typeof importBatchSchema>;
