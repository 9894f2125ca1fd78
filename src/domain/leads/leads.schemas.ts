import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { createEnterpriseInput, industryDivisionSchema } from '../enterprises/enterprises.schemas.js';
import { amountString } from '../money/money.js';
import { CHANNELS as LEAD_CHANNELS } from '../projects/project-attributes.js';

type Label = { zh: string; en: string };

/** Where a lead came from (DOMAIN §2 *Lead*): one list for leads and the projects they become. */
export {
  CHANNEL_LABELS as LEAD_CHANNEL_LABELS,
  CHANNELS as LEAD_CHANNELS,
  type Channel as LeadChannel,
} from '../projects/project-attributes.js';

export const LEAD_STATUSES = ['new', 'following', 'declined', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_STATUS_LABELS: Record<LeadStatus, Label> = {
  new: { zh: '待研判', en: 'New' },
  following: { zh: '跟进中', en: 'Following' },
  declined: { zh: '不跟进', en: 'Declined' },
  converted: { zh: '已转项目', en: 'Converted' },
};

/** What screening (研判) scores, each 1..5 (DOMAIN §2). */
export const SCREENING_DIMENSIONS = [
  'intention',
  'scale',
  'market',
  'technology',
  'industryFit',
  'environment',
  'energy',
  'benefit',
] as const;
export type ScreeningDimension = (typeof SCREENING_DIMENSIONS)[number];

export const SCREENING_DIMENSION_LABELS: Record<ScreeningDimension, Label> = {
  intention: { zh: '投资意向', en: 'Investment intention' },
  scale: { zh: '企业规模', en: 'Enterprise scale' },
  market: { zh: '市场前景', en: 'Market prospects' },
  technology: { zh: '技术含量', en: 'Technology content' },
  industryFit: { zh: '产业契合度', en: 'Industry fit' },
  environment: { zh: '环境影响', en: 'Environment' },
  energy: { zh: '能耗水平', en: 'Energy use' },
  benefit: { zh: '预期效益', en: 'Expected benefit' },
};

export const SCREENING_DECISIONS = ['follow', 'decline'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];
export const SCREENING_DECISION_LABELS: Record<ScreeningDecision, Label> = {
  follow: { zh: '跟进', en: 'Follow' },
  decline: { zh: '不跟进', en: 'Decline' },
};

export const LEAD_CLOCK_KINDS = ['respond', 'screen', 'feedback', 'report'] as const;
export type LeadClockKind = (typeof LEAD_CLOCK_KINDS)[number];
export const LEAD_CLOCK_LABELS: Record<LeadClockKind, Label> = {
  respond: { zh: '响应', en: 'Respond' },
  screen: { zh: '研判', en: 'Screen' },
  feedback: { zh: '反馈', en: 'Feed back' },
  report: { zh: '进展报告', en: 'Progress report' },
};
export const LEAD_CLOCK_STATES = ['done', 'due', 'overdue', 'n/a'] as const;
export type LeadClockState = (typeof LEAD_CLOCK_STATES)[number];

export const LEAD_EVENT_KINDS = [
  'created',
  'updated',
  'responded',
  'screened',
  'fed_back',
  'reported',
  'shared',
  'unshared',
  'converted',
] as const;
export type LeadEventKind = (typeof LEAD_EVENT_KINDS)[number];
export const LEAD_EVENT_LABELS: Record<LeadEventKind, Label> = {
  created: { zh: '登记线索', en: 'Entered' },
  updated: { zh: '修改信息', en: 'Edited' },
  responded: { zh: '已响应', en: 'Responded' },
  screened: { zh: '完成研判', en: 'Screened' },
  fed_back: { zh: '已反馈', en: 'Fed back' },
  reported: { zh: '进展报告', en: 'Progress report' },
  shared: { zh: '设为共享', en: 'Shared' },
  unshared: { zh: '取消共享', en: 'Unshared' },
  converted: { zh: '转为项目', en: 'Converted to a project' },
};

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
// One rule for every record that names an industry: a real GB/T 4754 division.
const industryDivision = industryDivisionSchema;
const version = z.number().int().min(1);
const score = z.number().int().min(1).max(5);

const leadFields = {
  title: z.string().trim().min(2).max(100),
  channel: z.enum(LEAD_CHANNELS),
  referrer: z.string().trim().max(100).nullable(),
  intention: z.string().trim().max(2000).nullable(),
  /** 元, as an integer string (DOMAIN §4). */
  intendedAmountYuan: amountString.nullable(),
  industryDivision: industryDivision.nullable(),
  chain: z.string().trim().max(40).nullable(),
  siteNeeds: z.string().trim().max(1000).nullable(),
  supportAsked: z.string().trim().max(1000).nullable(),
  receivedOn: day,
  /** 以商招商 / 以情招商: the network source that referred it, the event it came from, the chain link it fills. */
  referralSourceId: z.string().uuid().nullable(),
  eventId: z.string().uuid().nullable(),
  chainLinkId: z.string().uuid().nullable(),
};

/** The enterprise a lead is about: an existing one by id, or found-or-created by name / credit code. */
export const leadEnterpriseInput = createEnterpriseInput.pick({
  name: true,
  creditCode: true,
  kinds: true,
  industryDivision: true,
  contactName: true,
  contactPhone: true,
});

export const createLeadInput = z
  .object({
    unitId: z.string().uuid(),
    enterpriseId: z.string().uuid().optional(),
    enterprise: leadEnterpriseInput.optional(),
    ...leadFields,
    referrer: leadFields.referrer.default(null),
    intention: leadFields.intention.default(null),
    intendedAmountYuan: leadFields.intendedAmountYuan.default(null),
    industryDivision: leadFields.industryDivision.default(null),
    chain: leadFields.chain.default(null),
    siteNeeds: leadFields.siteNeeds.default(null),
    supportAsked: leadFields.supportAsked.default(null),
    referralSourceId: leadFields.referralSourceId.default(null),
    eventId: leadFields.eventId.default(null),
    chainLinkId: leadFields.chainLinkId.default(null),
    shared: z.boolean().default(false),
  })
  .refine((v) => Boolean(v.enterpriseId) !== Boolean(v.enterprise), {
    message: 'Give either enterpriseId or enterprise (name, credit code), not both',
    path: ['enterpriseId'],
  });
export type CreateLeadInput = z.infer<typeof createLeadInput>;

/** `version` is the one the editor loaded: a stale edit is refused rather than silently overwriting. */
export const updateLeadInput = z
  .object({ version, enterpriseId: z.string().uuid(), ...leadFields })
  .partial()
  .required({ version: true });
export type UpdateLeadInput = z.infer<typeof updateLeadInput>;

export const screeningScores = z.object(
  Object.fromEntries(SCREENING_DIMENSIONS.map((d) => [d, score])) as Record<ScreeningDimension, typeof score>,
);
export type ScreeningScores = z.infer<typeof screeningScores>;

export const respondLeadInput = z.object({ version, on: day, note: z.string().trim().max(500).nullish() });
export type RespondLeadInput = z.infer<typeof respondLeadInput>;

export const screenLeadInput = z
  .object({
    version,
    on: day,
    scores: screeningScores,
    decision: z.enum(SCREENING_DECISIONS),
    declineReason: z.string().trim().max(500).nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .refine((v) => v.decision !== 'decline' || Boolean(v.declineReason?.trim()), {
    message: 'A declined lead needs the reason',
    path: ['declineReason'],
  });
export type ScreenLeadInput = z.infer<typeof screenLeadInput>;

/** Feedback to whoever brought the lead, and the fortnightly progress report while following. */
export const leadNoteInput = z.object({ version, on: day, note: z.string().trim().min(1).max(1000) });
export type LeadNoteInput = z.infer<typeof leadNoteInput>;

export const shareLeadInput = z.object({ version, shared: z.boolean() });
export type ShareLeadInput = z.infer<typeof shareLeadInput>;

/** Converting creates a 在谈 project; its name defaults to the lead's title. */
export const convertLeadInput = z.object({
  version,
  projectName: z.string().trim().min(2).max(100).optional(),
  note: z.string().trim().max(500).nullish(),
});
export type ConvertLeadInput = z.infer<typeof convertLeadInput>;

export const leadClockSchema = z.object({
  kind: z.enum(LEAD_CLOCK_KINDS),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  state: z.enum(LEAD_CLOCK_STATES),
});
export type LeadClockView = z.infer<typeof leadClockSchema>;

export const leadSchema = z.object({
  id: z.string().uuid(),
  districtId: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  ...leadFields,
  referralSourceName: z.string().nullable(),
  eventName: z.string().nullable(),
  chainLinkLabel: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  respondedOn: z.string().nullable(),
  fedBackOn: z.string().nullable(),
  lastReportedOn: z.string().nullable(),
  screeningScores: screeningScores.nullable(),
  screeningTotal: z.number().int().nullable(),
  screenedOn: z.string().nullable(),
  declineReason: z.string().nullable(),
  shared: z.boolean(),
  projectId: z.string().uuid().nullable(),
  clocks: z.array(leadClockSchema),
  /** Whether the caller may act on it: a shared lead of another unit is read-only. */
  writable: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadView = z.infer<typeof leadSchema>;

export const leadEventSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  onDate: z.string(),
  note: z.string().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  at: z.string(),
});
export type LeadEventView = z.infer<typeof leadEventSchema>;

/** The list's filters, shared by the list, its export and the web page. */
export const leadListQuery = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  unitId: z.string().uuid().optional(),
  channel: z.enum(LEAD_CHANNELS).optional(),
  shared: z.enum(['true', 'false']).optional(),
  overdue: z.enum([...LEAD_CLOCK_KINDS, 'any']).optional(),
  receivedFrom: day.optional(),
  receivedTo: day.optional(),
  /** Drill-down from a source, an event or a chain link: exactly the leads credited to it. */
  referralSourceId: z.string().uuid().optional(),
  eventId: z.string().uuid().optional(),
  chainLinkId: z.string().uuid().optional(),
  q: z.string().trim().max(100).optional(),
});
export type LeadListQuery = z.infer<typeof leadListQuery>;
export const LEAD_SORTS = ['receivedOn', '-receivedOn', 'updatedAt', '-updatedAt', 'title'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

export const leadClockSettingsSchema = z.object({
  respondDays: z.number().int().min(1).max(30),
  screenDays: z.number().int().min(1).max(60),
  feedbackDays: z.number().int().min(1).max(90),
  reportIntervalDays: z.number().int().min(1).max(90),
});
export type LeadClockSettings = z.infer<typeof leadClockSettingsSchema>;
export const DEFAULT_LEAD_CLOCK_SETTINGS: LeadClockSettings = {
  respondDays: 1,
  screenDays: 3,
  feedbackDays: 7,
  reportIntervalDays: 14,
};
