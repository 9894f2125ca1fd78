import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { ENTERPRISE_KINDS } from '../enterprises/enterprises.schemas.js';
import { YUAN_PER_YI } from '../money/money.js';
import { CHANNELS, SOURCE_AREAS } from './project-attributes.js';
import { STAGES } from './stages.js';

// What the project list (项目库) can be narrowed and ordered by. One schema serves the paged list, the kanban's
// stage counts, the .xlsx export and the saved views, so a link, a board and a file always show the same rows.
// It reads the address as it is: every value a string, several values comma-separated (`stage=signed,landed`),
// so the web app can put the filters in the URL and a saved view stores exactly what the URL had.

type Label = { zh: string; en: string };

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
/** A yes/no filter as the address writes it. */
const yesNo = z.enum(['true', 'false']);
/** A province code (two digits) or `abroad`. */
export const PROVINCE_FILTER = /^(\d{2}|abroad)$/;

/** `a,b,c` → ['a','b','c'], each checked by `item`. */
function listOf<T extends z.ZodType<string>>(item: T, max: number) {
  return z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : v,
    z.array(item).min(1).max(max),
  );
}

/**
 * Size tiers (亿元). A project's size is its signed amount once it has one, else its planned total investment:
 * the signed amount is what the investor committed to, the planned total only what was talked about.
 */
export const AMOUNT_TIERS = ['1yi', '5yi', '10yi'] as const;
export type AmountTier = (typeof AMOUNT_TIERS)[number];
export const AMOUNT_TIER_MIN_YUAN: Record<AmountTier, bigint> = {
  '1yi': YUAN_PER_YI,
  '5yi': 5n * YUAN_PER_YI,
  '10yi': 10n * YUAN_PER_YI,
};
export const AMOUNT_TIER_LABELS: Record<AmountTier, Label> = {
  '1yi': { zh: '1亿元及以上', en: '≥ 100 million yuan' },
  '5yi': { zh: '5亿元及以上', en: '≥ 500 million yuan' },
  '10yi': { zh: '10亿元及以上', en: '≥ 1 billion yuan' },
};

/** Columns the list may be ordered by; each maps to one indexed-or-cheap SQL expression on the server. */
export const PROJECT_SORTS = [
  'name',
  'stage',
  'signedAmount',
  'plannedTotal',
  'signingDate',
  'updatedAt',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

const sortError = `Sort by one of: ${PROJECT_SORTS.join(', ')}.`;

/** The filters alone: what the list, the stage counts, the export and a saved view share. */
export const projectListFilter = z.object({
  stage: listOf(z.enum(STAGES), STAGES.length).optional(),
  unitId: listOf(z.string().uuid(), 100).optional(),
  /** GB/T 4754: a section letter (C, 制造业) or a division (C33, 金属制品业). */
  industry: z
    .string()
    .regex(/^[A-T](\d{2})?$/, 'Industry: a GB/T 4754 section letter (C) or division (C33)')
    .optional(),
  chain: z.string().trim().min(1).max(40).optional(),
  channel: listOf(z.enum(CHANNELS), CHANNELS.length).optional(),
  sourceArea: listOf(z.enum(SOURCE_AREAS), SOURCE_AREAS.length).optional(),
  /** The investor enterprise's kinds (世界500强, 央企 …): a project matches when its investor has any of them. */
  investorKind: listOf(z.enum(ENTERPRISE_KINDS), ENTERPRISE_KINDS.length).optional(),
  amountTier: z.enum(AMOUNT_TIERS).optional(),
  /** Drill-down from a network source, an event or a chain link: exactly the projects credited to it. */
  referralSourceId: z.string().uuid().optional(),
  eventId: z.string().uuid().optional(),
  chainLinkId: z.string().uuid().optional(),
  /**
   * Where the investor comes from: GB/T 2260 two-digit province codes (32 = 江苏) of the investor enterprise's
   * origin region, or `abroad` for an investor from another country (the dashboard's map drills with it).
   */
  province: listOf(
    z.string().regex(PROVINCE_FILTER, 'Province: a two-digit GB/T 2260 code or abroad'),
    40,
  ).optional(),
  /** 产业类 (industrial) projects only, or only the others. */
  industrial: yesNo.optional(),
  highTech: yesNo.optional(),
  signedFrom: day.optional(),
  signedTo: day.optional(),
  startFrom: day.optional(),
  startTo: day.optional(),
  /**
   * 逾期未开工 as of this day (the rule of the projects_overdue_to_start indicator): a start commitment due by
   * the day, neither met nor waived, and the project not started by then.
   */
  notStartedBy: day.optional(),
  productionFrom: day.optional(),
  productionTo: day.optional(),
  /** The day the project was entered, China time. */
  createdFrom: day.optional(),
  createdTo: day.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ProjectListFilter = z.infer<typeof projectListFilter>;

export const projectListOrder = z.object({
  sort: z.enum(PROJECT_SORTS, { error: sortError }).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const projectListQuery = projectListFilter.extend({
  ...projectListOrder.shape,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;

/** Columns a person may show in the list and put in the export, in their display order. */
export const PROJECT_COLUMNS = [
  'name',
  'unit',
  'enterprise',
  'stage',
  'chain',
  'chainRole',
  'industryDivision',
  'industrial',
  'highTech',
  'channel',
  'sourceArea',
  'plannedTotal',
  'fixedAsset',
  'signedAmount',
  'agreementType',
  'signingDate',
  'landedDate',
  'startDate',
  'productionDate',
  'greenChannel',
  'liaisonLeader',
  'cityProjectCode',
  'createdAt',
  'updatedAt',
] as const;
export type ProjectColumn = (typeof PROJECT_COLUMNS)[number];
export const DEFAULT_PROJECT_COLUMNS: readonly ProjectColumn[] = [
  'name',
  'unit',
  'enterprise',
  'stage',
  'plannedTotal',
  'signedAmount',
  'signingDate',
  'updatedAt',
];
/** The column a list column sorts by, when it sorts. */
export const COLUMN_SORTS: Partial<Record<ProjectColumn, ProjectSort>> = {
  name: 'name',
  stage: 'stage',
  signedAmount: 'signedAmount',
  plannedTotal: 'plannedTotal',
  signingDate: 'signingDate',
  updatedAt: 'updatedAt',
};

export const projectColumnsParam = listOf(z.enum(PROJECT_COLUMNS), PROJECT_COLUMNS.length);

/** The export: the list's filters and order, and the columns chosen (the standard sheet when none are named). */
export const projectExportQuery = projectListFilter.extend({
  /** Without a sort the sheet goes unit by unit, by name, as it is read on paper. */
  sort: z.enum(PROJECT_SORTS, { error: sortError }).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  columns: projectColumnsParam.optional(),
});
export type ProjectExportQuery = z.infer<typeof projectExportQuery>;

export const stageCountsSchema = z.object({
  counts: z.record(z.enum(STAGES), z.number().int()),
  total: z.number().int(),
});
export type StageCounts = z.infer<typeof stageCountsSchema>;
