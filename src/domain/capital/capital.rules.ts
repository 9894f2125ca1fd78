import type { Stage } from '../projects/stages.js';

// A unit's month of capital reports moves through one small state machine (DOMAIN §2 Money over time):
// the reporter fills and submits, the unit head approves (locks) or returns, the center may reopen an approved
// month with a reason. Everything here is pure: the server and the web ask the same questions.

export const SUBMISSION_STATUSES = ['none', 'submitted', 'approved', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_ACTIONS = ['submit', 'approve', 'return', 'reopen'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, { zh: string; en: string }> = {
  none: { zh: '未报送', en: 'Not submitted' },
  submitted: { zh: '待审核', en: 'Submitted' },
  approved: { zh: '已审核', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
};

/** The unit-month may be edited only before it is submitted, or after it was returned. */
export function isEditable(status: SubmissionStatus): boolean {
  return status === 'none' || status === 'returned';
}

const NEXT: Record<SubmissionStatus, Partial<Record<SubmissionAction, SubmissionStatus>>> = {
  none: { submit: 'submitted' },
  returned: { submit: 'submitted' },
  submitted: { approve: 'approved', return: 'returned' },
  // Reopening hands the month back to the unit as returned, with the center's reason.
  approved: { reopen: 'returned' },
};

export function allowedActions(status: SubmissionStatus): SubmissionAction[] {
  return Object.keys(NEXT[status]) as SubmissionAction[];
}

/** The status after `action`, or null when the action does not apply to this status. */
export function nextStatus(status: SubmissionStatus, action: SubmissionAction): SubmissionStatus | null {
  return NEXT[status][action] ?? null;
}

/** The day of the next month by which a unit's month counts as on time, when the district has not set one. */
export const DEFAULT_CAPITAL_DUE_DAY = 10;

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(s: string): boolean {
  return MONTH.test(s);
}

/** 'YYYY-MM' → the date stored for it, 'YYYY-MM-01'. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** The month a China calendar date falls in. */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** A month after the one today falls in has not happened yet; the current month may be filled as it goes. */
export function isFutureMonth(month: string, today: string): boolean {
  return month > monthOfDay(today);
}

/** The last day a unit-month counts as on time: day `dueDay` of the next month. */
export function dueDateOf(month: string, dueDay: number): string {
  return `${addMonths(month, 1)}-${String(dueDay).padStart(2, '0')}`;
}

export const PUNCTUALITIES = ['on_time', 'late', 'missing', 'not_due', 'not_required'] as const;
export type Punctuality = (typeof PUNCTUALITIES)[number];

export const PUNCTUALITY_LABELS: Record<Punctuality, { zh: string; en: string }> = {
  on_time: { zh: '按时', en: 'On time' },
  late: { zh: '逾期报送', en: 'Late' },
  missing: { zh: '未报送', en: 'Missing' },
  not_due: { zh: '未到期', en: 'Not yet due' },
  not_required: { zh: '无需报送', en: 'Nothing to report' },
};

/**
 * On time means first submitted (China date) on or before the due day; a later resubmission after a return
 * does not make it late. Not submitted: missing once the due day has passed, otherwise not yet due.
 */
export function punctualityOf(
  month: string,
  firstSubmittedOn: string | null,
  dueDay: number,
  today: string,
): Punctuality {
  const due = dueDateOf(month, dueDay);
  if (firstSubmittedOn) return firstSubmittedOn <= due ? 'on_time' : 'late';
  return today > due ? 'missing' : 'not_due';
}

/**
 * Towns, parks and teams report every month, a zero report included (handing in nothing is 交白卷); a department
 * or the center only in months when it has projects that report.
 */
export function isExpectedToReport(unitKind: string, reportingProjects: number): boolean {
  return unitKind === 'town' || unitKind === 'park' || unitKind === 'team' || reportingProjects > 0;
}

const SIGNED_PLUS: readonly Stage[] = ['signed', 'landed', 'started', 'producing'];

/** Money arrives once a project is signed; a paused project keeps reporting what it had, a withdrawn one stops. */
export function reportsCapital(stage: Stage, stageBeforeHold: string | null): boolean {
  if (SIGNED_PLUS.includes(stage)) return true;
  return stage === 'paused' && stageBeforeHold !== null && SIGNED_PLUS.includes(stageBeforeHold as Stage);
}

export interface CapitalFigures {
  fundsOutOfProvinceYuan: bigint;
  fundsInProvinceYuan: bigint;
  fundsForeignYuan: bigint;
  fundsLocalYuan: bigint;
  completedInvestmentYuan: bigint;
  foreignUsedUsdCents: bigint;
}

export const ZERO_FIGURES: CapitalFigures = {
  fundsOutOfProvinceYuan: 0n,
  fundsInProvinceYuan: 0n,
  fundsForeignYuan: 0n,
  fundsLocalYuan: 0n,
  completedInvestmentYuan: 0n,
  foreignUsedUsdCents: 0n,
};

/** 到位资金 of one report: every origin added up. */
export function fundsInPlace(r: CapitalFigures): bigint {
  return r.fundsOutOfProvinceYuan + r.fundsInProvinceYuan + r.fundsForeignYuan + r.fundsLocalYuan;
}

/** Exact column sums over any number of reports. */
export function totalsOf(reports: Iterable<CapitalFigures>): CapitalFigures & { fundsInPlaceYuan: bigint } {
  const t = { ...ZERO_FIGURES };
  for (const r of reports) {
    t.fundsOutOfProvinceYuan += r.fundsOutOfProvinceYuan;
    t.fundsInProvinceYuan += r.fundsInProvinceYuan;
    t.fundsForeignYuan += r.fundsForeignYuan;
    t.fundsLocalYuan += r.fundsLocalYuan;
    t.completedInvestmentYuan += r.completedInvestmentYuan;
    t.foreignUsedUsdCents += r.foreignUsedUsdCents;
  }
  return { ...t, fundsInPlaceYuan: fundsInPlace(t) };
}
