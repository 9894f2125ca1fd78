import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import {
  PROCEDURE_KINDS,
  PROCEDURE_STATUSES,
  PROCEDURE_TEMPLATES,
  type ProcedureKind,
} from '../landing/landing-codes.js';

// 手续 (DOMAIN §2 *Landing service*): the API's shapes for a project's checklist and the cross-project list.

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');

export const procedureSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  unitId: z.string().uuid(),
  kind: z.string(),
  name: z.string(),
  departmentUnitId: z.string().uuid().nullable(),
  departmentName: z.string().nullable(),
  plannedOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  status: z.enum(PROCEDURE_STATUSES),
  note: z.string().nullable(),
  sortOrder: z.number().int(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ProcedureView = z.infer<typeof procedureSchema>;

export const maturitySchema = z.object({
  done: z.number().int(),
  needed: z.number().int(),
  percent: z.string().nullable(),
});
export type MaturityView = z.infer<typeof maturitySchema>;

export const projectProceduresSchema = z.object({
  projectId: z.string().uuid(),
  /** The template the project's type suggests (templateFor). */
  suggestedTemplate: z.enum(PROCEDURE_TEMPLATES),
  maturity: maturitySchema,
  overdue: z.number().int(),
  items: z.array(procedureSchema),
});
export type ProjectProcedures = z.infer<typeof projectProceduresSchema>;

export const applyTemplateInput = z.object({
  template: z.enum(PROCEDURE_TEMPLATES).optional(),
  /** Planned dates for some of the template's kinds; the others start without one. */
  plannedOn: z.partialRecord(z.enum(PROCEDURE_KINDS), day).optional(),
});
export type ApplyTemplateInput = z.infer<typeof applyTemplateInput>;

export const applyTemplateResultSchema = projectProceduresSchema.extend({
  template: z.enum(PROCEDURE_TEMPLATES),
  added: z.array(z.string()),
});

export const createProcedureInput = z.object({
  kind: z.enum(PROCEDURE_KINDS),
  /** Required for `custom`; defaults to the kind's label otherwise. */
  name: z.string().trim().min(1).max(60).optional(),
  departmentUnitId: z.string().uuid().nullable().default(null),
  plannedOn: day.nullable().default(null),
  note: z.string().trim().max(1000).nullable().default(null),
});
export type CreateProcedureInput = z.infer<typeof createProcedureInput>;

export const updateProcedureInput = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(60).optional(),
  status: z.enum(PROCEDURE_STATUSES).optional(),
  plannedOn: day.nullable().optional(),
  doneOn: day.nullable().optional(),
  departmentUnitId: z.string().uuid().nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type UpdateProcedureInput = z.infer<typeof updateProcedureInput>;

/** What a department's handler may change on a procedure assigned to it. */
export const HANDLER_PROCEDURE_FIELDS = ['status', 'doneOn', 'note'] as const;

const flag = z.enum(['true', 'false']).optional();
export const procedureListQuery = z.object({
  overdue: flag,
  status: z.enum(PROCEDURE_STATUSES).optional(),
  kind: z.enum(PROCEDURE_KINDS).optional(),
  departmentUnitId: z.string().uuid().optional(),
  unitId: z.string().uuid().optional(),
  projectId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProcedureListQuery = z.infer<typeof procedureListQuery>;

export const procedureListRowSchema = procedureSchema.extend({
  projectName: z.string(),
  unitName: z.string(),
});
export type ProcedureListRow = z.infer<typeof procedureListRowSchema>;
export const procedureListSchema = z.object({
  items: z.array(procedureListRowSchema),
  total: z.number().int(),
  overdueTotal: z.number().int(),
});
export type ProcedureList = z.infer<typeof procedureListSchema>;

export function isProcedureKind(k: string): k is ProcedureKind {
  return (PROCEDURE_KINDS as readonly string[]).includes(k);
}
