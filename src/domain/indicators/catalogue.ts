import { z } from 'zod';
import { amountString } from '../money/money.js';

// The indicator catalogue (DOMAIN §3): what the district measures, with a definition (口径) the center sets per
// year. Pure: the server computes the figures (indicators.compute.ts), the bulletin, dashboard and assessment
// read them by these keys. Keys are stable (stored in targets, schemes and frozen bulletins): never rename one.

export const INDICATOR_KEYS = [
  'signed_count',
  'signed_amount',
  'industrial_count',
  'fortune500_projects',
  'started_count',
  'producing_count',
  'funds_in_place',
  'completed_investment',
  'foreign_capital_used',
  'visits_out',
  'milestones_due',
  'milestones_met',
  'projects_overdue_to_start',
  'late_reports',
  'fulfilment_rate',
  'start_rate',
  'production_rate',
  'funds_rate',
  'average_signed_amount',
  'referral_leads',
  'leader_trips',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** 个 counts, 元 (CNY) and 美分 (USD cents) money, or a ratio of two other indicators. */
export type IndicatorUnit = '个' | '次' | '元' | '美分' | 'ratio';
export type IndicatorKind = 'count' | 'amount' | 'ratio';
/** Which records a figure is made of, so every figure can be opened (drillDown). */
export type IndicatorSource =
  | 'projects'
  | 'capital_reports'
  | 'capital_submissions'
  | 'activities'
  | 'milestones'
  /** referral_leads: leads */
  | 'leads'
  /** leader_trips: leader-led visits out (activities) and trips out (promotion_events), ids of either */
  | 'trips';

export const FUND_ORIGINS = ['out_of_province', 'in_province', 'foreign', 'local'] as const;
export type FundOrigin = (typeof FUND_ORIGINS)[number];
export const FUND_ORIGIN_LABELS: Record<FundOrigin, { zh: string; en: string }> = {
  out_of_province: { zh: '省外', en: 'from outside the province' },
  in_province: { zh: '市外省内', en: 'from the province, outside the city' },
  foreign: { zh: '境外', en: 'from abroad' },
  local: { zh: '本地', en: 'local' },
};

export const AMOUNT_BASES = ['signed', 'planned_total', 'fixed_asset'] as const;
export type AmountBasis = (typeof AMOUNT_BASES)[number];

/**
 * A year's 口径, one object for the whole computation (a tiered count such as "≥1亿 signed projects" is the
 * same computation run with minAmountYuan set). Every option has the default most real bulletins use.
 */
export const definitionsSchema = z.object({
  /** Which date puts a project in the period. Only the signing date exists in the data today. */
  dateBasis: z.enum(['signing_date']).default('signing_date'),
  /** Which of a project's amounts is its amount: 签约额, 计划总投资 or 固定资产投资. */
  amountBasis: z.enum(AMOUNT_BASES).default('signed'),
  /** Tier: only projects whose basis amount is at least this (元), e.g. '100000000' for ≥1亿. Null: all. */
  minAmountYuan: amountString.nullable().default(null),
  /** Only industrial projects (工业项目). */
  industrialOnly: z.boolean().default(false),
  /** Withdrawn projects (退库/终止) count nowhere: not signed, not started, no funds. */
  excludeWithdrawn: z.boolean().default(true),
  /** Which origins make 到位资金 (funds in place). Default: all four. */
  fundOrigins: z
    .array(z.enum(FUND_ORIGINS))
    .min(1)
    .default([...FUND_ORIGINS]),
  /** Enterprise kinds that make a project a "500强/央企" project. */
  notableKinds: z
    .array(z.enum(['fortune500', 'china500', 'central_soe', 'private_top500']))
    .min(1)
    .default(['fortune500', 'central_soe']),
  /**
   * Co-credit: a project with rows in project_credit_shares is split between those units by basis points
   * (counts as fractions of one project, money by integer division with the remainder to the largest share);
   * off: everything to the project's own unit.
   */
  applyCreditShares: z.boolean().default(true),
  /**
   * 增资扩股: a project marked as a capital increase counts only its increment (projects.increment_yuan,
   * 0 when not entered) as its amount, whatever the amount basis; off: its basis amount like any project.
   */
  capitalIncreaseIncrementOnly: z.boolean().default(true),
});
export type DefinitionsInput = z.input<typeof definitionsSchema>;
export type Definitions = z.output<typeof definitionsSchema>;
export const defaultDefinitions = (): Definitions => definitionsSchema.parse({});

export interface IndicatorEntry {
  key: IndicatorKey;
  name: { zh: string; en: string };
  unit: IndicatorUnit;
  kind: IndicatorKind;
  source: IndicatorSource;
  /** Which definition options change this indicator. */
  options: (keyof Definitions)[];
  /** Ratios only: numerator ÷ denominator, both keys of this catalogue. */
  ratio?: { numerator: IndicatorKey; denominator: IndicatorKey };
  /** How the indicator is counted, in one sentence (shown next to the figure). */
  definition: string;
}

const PROJECT_OPTIONS: (keyof Definitions)[] = [
  'dateBasis',
  'amountBasis',
  'minAmountYuan',
  'industrialOnly',
  'excludeWithdrawn',
  'applyCreditShares',
  'capitalIncreaseIncrementOnly',
];

export const CATALOGUE: readonly IndicatorEntry[] = [
  {
    key: 'signed_count',
    name: { zh: '签约项目数', en: 'Projects signed' },
    unit: '个',
    kind: 'count',
    source: 'projects',
    options: PROJECT_OPTIONS,
    definition: '签约日期在期间内的项目（按口径筛选），联合认定项目按份额计',
  },
  {
    key: 'signed_amount',
    name: { zh: '签约额', en: 'Amount signed' },
    unit: '元',
    kind: 'amount',
    source: 'projects',
    options: PROJECT_OPTIONS,
    definition: '签约项目按口径金额（签约额/计划总投资/固定资产投资）合计',
  },
  {
    key: 'industrial_count',
    name: { zh: '工业项目数', en: 'Industrial projects signed' },
    unit: '个',
    kind: 'count',
    source: 'projects',
    options: PROJECT_OPTIONS,
    definition: '签约项目中的工业项目',
  },
  {
    key: 'fortune500_projects',
    name: { zh: '500强/央企项目数', en: 'Projects of Top-500 / central SOEs' },
    unit: '个',
    kind: 'count',
    source: 'projects',
    options: [...PROJECT_OPTIONS, 'notableKinds'],
    definition: '签约项目中，投资企业属口径所列类别（默认世界500强、央企）的项目',
  },
  {
    key: 'started_count',
    name: { zh: '开工项目数', en: 'Projects started' },
    unit: '个',
    kind: 'count',
    source: 'projects',
    options: PROJECT_OPTIONS.filter((o) => o !== 'dateBasis'),
    definition: '开工日期在期间内的项目',
  },
  {
    key: 'producing_count',
    name: { zh: '投产项目数', en: 'Projects in production' },
    unit: '个',
    kind: 'count',
    source: 'projects',
    options: PROJECT_OPTIONS.filter((o) => o !== 'dateBasis'),
    definition: '投产日期在期间内的项目',
  },
  {
    key: 'funds_in_place',
    name: { zh: '到位资金', en: 'Funds in place' },
    unit: '元',
    kind: 'amount',
    source: 'capital_reports',
    options: ['fundOrigins', 'industrialOnly', 'excludeWithdrawn', 'applyCreditShares'],
    definition: '月份在期间内的资金月报中，口径所列来源（省外/市外省内/境外/本地）的到位资金合计',
  },
  {
    key: 'completed_investment',
    name: { zh: '完成投资', en: 'Investment completed' },
    unit: '元',
    kind: 'amount',
    source: 'capital_reports',
    options: ['industrialOnly', 'excludeWithdrawn', 'applyCreditShares'],
    definition: '月份在期间内的资金月报中的完成投资合计',
  },
  {
    key: 'foreign_capital_used',
    name: { zh: '实际使用外资', en: 'Foreign capital actually used' },
    unit: '美分',
    kind: 'amount',
    source: 'capital_reports',
    options: ['industrialOnly', 'excludeWithdrawn', 'applyCreditShares'],
    definition: '月份在期间内的资金月报中的实际使用外资（美元）合计',
  },
  {
    key: 'visits_out',
    name: { zh: '外出招商次数', en: 'Visits out' },
    unit: '次',
    kind: 'count',
    source: 'activities',
    options: [],
    definition: '日期在期间内、类型为外出拜访的活动',
  },
  {
    key: 'milestones_due',
    name: { zh: '到期履约事项', en: 'Commitments due' },
    unit: '个',
    kind: 'count',
    source: 'milestones',
    options: [],
    definition: '约定日期在期间内的协议履约事项（豁免的不计）',
  },
  {
    key: 'milestones_met',
    name: { zh: '已履约事项', en: 'Commitments met' },
    unit: '个',
    kind: 'count',
    source: 'milestones',
    options: [],
    definition: '到期履约事项中状态为已履约的',
  },
  {
    key: 'projects_overdue_to_start',
    name: { zh: '逾期未开工项目数', en: 'Projects overdue to start' },
    unit: '个',
    kind: 'count',
    source: 'projects',
    options: ['excludeWithdrawn'],
    definition: '协议约定开工日期不晚于期末、截至期末仍未开工（事项未履约也未豁免）的项目，按事项所属单位计',
  },
  {
    key: 'late_reports',
    name: { zh: '月报迟报次数', en: 'Monthly reports handed in late' },
    unit: '次',
    kind: 'count',
    source: 'capital_submissions',
    options: [],
    definition: '月份在期间内、首次报送晚于报送截止日（次月约定日）的资金月报（未报送的另计）',
  },
  {
    key: 'fulfilment_rate',
    name: { zh: '履约率', en: 'Fulfilment rate' },
    unit: 'ratio',
    kind: 'ratio',
    source: 'milestones',
    options: [],
    ratio: { numerator: 'milestones_met', denominator: 'milestones_due' },
    definition: '已履约事项 ÷ 到期履约事项',
  },
  {
    key: 'start_rate',
    name: { zh: '开工率', en: 'Start rate' },
    unit: 'ratio',
    kind: 'ratio',
    source: 'projects',
    options: PROJECT_OPTIONS,
    ratio: { numerator: 'started_count', denominator: 'signed_count' },
    definition: '期间内签约项目中截至期末已开工的 ÷ 签约项目数',
  },
  {
    key: 'production_rate',
    name: { zh: '投产率', en: 'Production rate' },
    unit: 'ratio',
    kind: 'ratio',
    source: 'projects',
    options: PROJECT_OPTIONS,
    ratio: { numerator: 'producing_count', denominator: 'signed_count' },
    definition: '期间内签约项目中截至期末已投产的 ÷ 签约项目数',
  },
  {
    key: 'funds_rate',
    name: { zh: '资金到位率', en: 'Funds-in-place rate' },
    unit: 'ratio',
    kind: 'ratio',
    source: 'capital_reports',
    options: [...PROJECT_OPTIONS, 'fundOrigins'],
    ratio: { numerator: 'funds_in_place', denominator: 'signed_amount' },
    definition: '到位资金 ÷ 签约额',
  },
  {
    key: 'average_signed_amount',
    name: { zh: '项目均额', en: 'Average project size' },
    unit: 'ratio',
    kind: 'ratio',
    source: 'projects',
    options: PROJECT_OPTIONS,
    ratio: { numerator: 'signed_amount', denominator: 'signed_count' },
    definition: '签约额 ÷ 签约项目数（元/个）',
  },
  {
    key: 'referral_leads',
    name: { zh: '推荐线索数', en: 'Referred leads' },
    unit: '个',
    kind: 'count',
    source: 'leads',
    options: [],
    definition: '接收日期在期间内、记有推荐来源（商会、在外人员、经销网点等）的招商线索，按线索所属单位计',
  },
  {
    key: 'leader_trips',
    name: { zh: '领导带队外出次数', en: 'Trips out led by leaders' },
    unit: '次',
    kind: 'count',
    source: 'trips',
    options: [],
    definition:
      '日期在期间内、领导带队的外出拜访活动，加上开始日期在期间内、有领导参加的外出招商活动，按组织单位计',
  },
];

export const CATALOGUE_BY_KEY = Object.fromEntries(CATALOGUE.map((e) => [e.key, e])) as Record<
  IndicatorKey,
  IndicatorEntry
>;

/**
 * A ratio as computed: the two exact figures, never a rounded rate. Money figures are integer strings,
 * counts numbers (co-credit makes them fractions of 1/10000). Denominator 0 → rate null ("not applicable").
 */
export interface RatioValue {
  numerator: string | number;
  denominator: string | number;
}
export type IndicatorValue = string | number | RatioValue;

/**
 * The displayed rate: numerator ÷ denominator × 100, rounded half-up to `digits` decimals (percent), exact on
 * decimal text via BigInt; null when the denominator is 0. For 项目均额 pass percent = false (元 per project).
 */
export function rateOf(v: RatioValue, digits = 2, percent = true): string | null {
  const [nInt, nScale] = toScaled(v.numerator);
  const [dInt, dScale] = toScaled(v.denominator);
  if (dInt === 0n) return null;
  // n/d × (100?) × 10^digits, with the scales of both decimals folded in.
  let num = nInt * 10n ** BigInt(dScale + digits) * (percent ? 100n : 1n);
  let den = dInt * 10n ** BigInt(nScale);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (2n * den); // half-up, ties away from zero
  const text = q.toString().padStart(digits + 1, '0');
  const out = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return neg && q !== 0n ? `-${out}` : out;
}

function toScaled(x: string | number): [bigint, number] {
  const s = typeof x === 'number' ? String(x) : x;
  const [i, f = ''] = s.split('.');
  return [BigInt(`${i}${f}`), f.length];
}
