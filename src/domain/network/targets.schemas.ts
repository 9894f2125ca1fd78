import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { leadEnterpriseInput } from '../leads/leads.schemas.js';
import {
  TARGET_EVENT_KINDS,
  TARGET_PRIORITIES,
  TARGET_STATUSES,
  TARGET_TAG_LABELS,
  TARGET_TAGS,
  type TargetStatus,
} from './network-codes.js';

// The target enterprise library (目标企业库, 一企一策): the wire shapes of the list, the detail, the form, the
// history and the .xlsx import. Codes and labels come from network-codes.ts.

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
const version = z.number().int().min(1);
const text = (max: number) => z.string().trim().max(max).nullable();

/** The plan (一企一策) and the pursuit's standing: what the form edits. */
const targetFields = {
  tags: z.array(z.enum(TARGET_TAGS)).max(TARGET_TAGS.length),
  chainLinkId: z.string().uuid().nullable(),
  priority: z.enum(TARGET_PRIORITIES),
  status: z.enum(TARGET_STATUSES),
  /** 招商思路: how we mean to win it */
  approach: text(2000),
  /** 对接人: the people to reach (theirs) */
  contacts: text(2000),
  /** 可提供条件: what we can offer (land, policy, chain fit) */
  offer: text(2000),
  nextStep: text(500),
  nextStepOn: day.nullable(),
  /** 包联领导 */
  leaderInCharge: text(40),
};

/** The plan fields whose change is logged as 调整方案 (status changes are logged on their own). */
export const TARGET_PLAN_FIELDS = [
  'tags',
  'chainLinkId',
  'priority',
  'approach',
  'contacts',
  'offer',
  'nextStep',
  'nextStepOn',
  'leaderInCharge',
  'unitId',
] as const;
export const TARGET_FIELD_LABELS: Record<(typeof TARGET_PLAN_FIELDS)[number], string> = {
  tags: '标签',
  chainLinkId: '产业链环节',
  priority: '重点',
  approach: '招商思路',
  contacts: '对接人',
  offer: '可提供条件',
  nextStep: '下一步',
  nextStepOn: '下一步日期',
  leaderInCharge: '包联领导',
  unitId: '责任单位',
};

export const createTargetEnterpriseInput = z
  .object({
    unitId: z.string().uuid(),
    enterpriseId: z.string().uuid().optional(),
    /** Found or created in the district's address book by credit code or name, as leads do. */
    enterprise: leadEnterpriseInput.optional(),
    tags: targetFields.tags.default([]),
    chainLinkId: targetFields.chainLinkId.default(null),
    priority: targetFields.priority.default('normal'),
    status: targetFields.status.default('researching'),
    approach: targetFields.approach.default(null),
    contacts: targetFields.contacts.default(null),
    offer: targetFields.offer.default(null),
    nextStep: targetFields.nextStep.default(null),
    nextStepOn: targetFields.nextStepOn.default(null),
    leaderInCharge: targetFields.leaderInCharge.default(null),
  })
  .refine((v) => Boolean(v.enterpriseId) !== Boolean(v.enterprise), {
    message: 'Give either enterpriseId or enterprise (name, credit code), not both',
    path: ['enterpriseId'],
  });
export type CreateTargetEnterpriseInput = z.infer<typeof createTargetEnterpriseInput>;

/** `version` is the one the editor loaded; `unitId` other than the current one only for the center. */
export const updateTargetEnterpriseInput = z
  .object({ version, unitId: z.string().uuid(), ...targetFields })
  .partial()
  .required({ version: true });
export type UpdateTargetEnterpriseInput = z.infer<typeof updateTargetEnterpriseInput>;

/** What a person adds to the history by hand; plan and status changes are logged by the server. */
export const TARGET_MANUAL_EVENT_KINDS = ['contact', 'visit', 'note'] as const;
export const addTargetEventInput = z.object({
  kind: z.enum(TARGET_MANUAL_EVENT_KINDS),
  onDate: day,
  note: z.string().trim().min(1).max(2000),
});
export type AddTargetEventInput = z.infer<typeof addTargetEventInput>;

export const targetEnterpriseSchema = z.object({
  id: z.string().uuid(),
  districtId: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  creditCode: z.string().nullable(),
  /** The enterprise's GB/T 4754 division (所属行业 is the enterprise's). */
  industryDivision: z.string().nullable(),
  ...targetFields,
  /** 高端标准件/紧固件 · 上游 · 线材 */
  chainLinkLabel: z.string().nullable(),
  /** The next step's date has passed and the pursuit is still open (not converted or dropped). */
  overdue: z.boolean(),
  /** The district already has a lead / project of this enterprise (whichever unit's). */
  hasLead: z.boolean(),
  hasProject: z.boolean(),
  writable: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TargetEnterpriseView = z.infer<typeof targetEnterpriseSchema>;

export const targetEventSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(TARGET_EVENT_KINDS),
  onDate: z.string(),
  note: z.string().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  at: z.string(),
});
export type TargetEventView = z.infer<typeof targetEventSchema>;

export const targetEnterpriseDetailSchema = z.object({
  target: targetEnterpriseSchema,
  history: z.array(targetEventSchema),
  enterprise: z.object({
    id: z.string().uuid(),
    name: z.string(),
    creditCode: z.string().nullable(),
    kinds: z.array(z.string()),
    industryDivision: z.string().nullable(),
    originLabel: z.string().nullable(),
  }),
  /** The enterprise's leads and projects within the caller's scope (links), newest first. */
  leads: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      unitName: z.string(),
      status: z.string(),
      receivedOn: z.string(),
    }),
  ),
  projects: z.array(
    z.object({ id: z.string().uuid(), name: z.string(), unitName: z.string(), stage: z.string() }),
  ),
  /** District-wide counts ("全区"): another unit's lead or project counts too, without its details. */
  districtLeadCount: z.number().int(),
  districtProjectCount: z.number().int(),
});
export type TargetEnterpriseDetail = z.infer<typeof targetEnterpriseDetailSchema>;

const csv = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(item).max(20).optional(),
  );
const flag = z.enum(['true', 'false']).optional();

/** The list's filters, shared by the list, its export and the web page (kept in the address). */
export const targetEnterpriseListQuery = z.object({
  /** Enterprise name, pinyin, initials or credit code. */
  q: z.string().trim().max(100).optional(),
  /** Any of these tags (comma-separated). */
  tags: csv(z.enum(TARGET_TAGS)),
  /** Any of these statuses (comma-separated). */
  status: csv(z.enum(TARGET_STATUSES)),
  priority: z.enum(TARGET_PRIORITIES).optional(),
  unitId: z.string().uuid().optional(),
  chainLinkId: z.string().uuid().optional(),
  hasLead: flag,
  hasProject: flag,
  /** Next step due on or before this day (open pursuits only). */
  nextStepBefore: day.optional(),
  overdue: flag,
});
export type TargetEnterpriseListQuery = z.infer<typeof targetEnterpriseListQuery>;
export const TARGET_SORTS = ['-updatedAt', 'updatedAt', 'nextStepOn', '-nextStepOn', 'name'] as const;
export type TargetSort = (typeof TARGET_SORTS)[number];

/** Pursuits that are still open: an overdue next step matters only for these. */
export const OPEN_TARGET_STATUSES: readonly TargetStatus[] = [
  'researching',
  'contacting',
  'visited',
  'negotiating',
];

// ── .xlsx import ──────────────────────────────────────────────────────────────────────────────────────────

export const TARGET_IMPORT_COLUMNS = [
  { key: 'enterpriseName', header: '企业名称', required: true, width: 30 },
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'tags', header: '标签', width: 22 },
  { key: 'industryDivision', header: '所属行业', width: 20 },
  { key: 'chainLink', header: '产业链环节', width: 26 },
  { key: 'unit', header: '责任单位', width: 16 },
  { key: 'leaderInCharge', header: '包联领导', width: 12 },
  { key: 'approach', header: '招商思路', width: 36 },
  { key: 'contacts', header: '对接人', width: 20 },
  { key: 'offer', header: '可提供条件', width: 30 },
  { key: 'nextStep', header: '下一步', width: 26 },
  { key: 'nextStepOn', header: '下一步日期', width: 12 },
  { key: 'priority', header: '重点', width: 8 },
  { key: 'status', header: '状态', width: 10 },
] as const;
export type TargetImportColumnKey = (typeof TARGET_IMPORT_COLUMNS)[number]['key'];

/** Tags as a cell writes them: Chinese labels separated by 、 or commas. */
export function tagsCell(tags: readonly string[]): string {
  return tags.map((t) => TARGET_TAG_LABELS[t as keyof typeof TARGET_TAG_LABELS]?.zh ?? t).join('、');
}

export const targetImportProblemSchema = z.object({
  row: z.number().int(),
  /** Excel's column letter and header, e.g. 「C 标签」; null for the whole row. */
  column: z.string().nullable(),
  message: z.string(),
  messageZh: z.string(),
});
export type TargetImportProblem = z.infer<typeof targetImportProblemSchema>;

export const TARGET_IMPORT_ACTIONS = ['create', 'update', 'skip'] as const;
export const targetImportResultSchema = z.object({
  /** Whether anything was written: false for a check, and whenever there is a problem. */
  saved: z.boolean(),
  problems: z.array(targetImportProblemSchema),
  rows: z.array(
    z.object({
      row: z.number().int(),
      enterpriseName: z.string(),
      action: z.enum(TARGET_IMPORT_ACTIONS),
      /** Why a row is skipped, or what an update changes (Chinese). */
      note: z.string().nullable(),
      newEnterprise: z.boolean(),
      targetId: z.string().uuid().nullable(),
    }),
  ),
  counts: z.object({
    create: z.number().int(),
    update: z.number().int(),
    skip: z.number().int(),
    enterprisesCreated: z.number().int(),
  }),
});
export type TargetImportResult = z.infer<typeof targetImportResultSchema>;

/** What to do with rows whose enterprise already has a target in the caller's scope. */
export const targetImportQuery = z.object({ existing: z.enum(['update', 'skip']).default('update') });
