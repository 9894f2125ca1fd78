import { isIsoDate } from '../dates.js';

// The project stage machine (DOMAIN §2). Every stage change of a project goes through checkMove, and every edit
// of a project's stage facts through checkStageFacts, so that a project is never at a stage whose requirements
// it does not meet.

export const MAIN_PATH = ['negotiating', 'signed', 'landed', 'started', 'producing'] as const;
export const HOLD_STAGES = ['paused', 'withdrawn'] as const;
export const STAGES = [...MAIN_PATH, ...HOLD_STAGES] as const;
export type MainStage = (typeof MAIN_PATH)[number];
export type HoldStage = (typeof HOLD_STAGES)[number];
export type Stage = (typeof STAGES)[number];

export const EVIDENCE_KINDS = [
  'agreement',
  'business_licence',
  'land_contract',
  'construction_permit',
  'production_proof',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const AGREEMENT_TYPES = ['formal', 'framework', 'supplementary'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

type Label = { zh: string; en: string };

export const STAGE_LABELS: Record<Stage, Label> = {
  negotiating: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  landed: { zh: '落地', en: 'Landed' },
  started: { zh: '开工', en: 'Started' },
  producing: { zh: '投产', en: 'Producing' },
  paused: { zh: '暂缓', en: 'Paused' },
  withdrawn: { zh: '退库/终止', en: 'Withdrawn' },
};

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, Label> = {
  agreement: { zh: '投资协议', en: 'investment agreement' },
  business_licence: { zh: '营业执照', en: 'business licence' },
  land_contract: { zh: '土地合同/租赁合同', en: 'land or lease contract' },
  construction_permit: { zh: '施工许可证', en: 'construction permit' },
  production_proof: { zh: '投产证明', en: 'proof of production' },
};

export const AGREEMENT_TYPE_LABELS: Record<AgreementType, Label> = {
  formal: { zh: '正式协议', en: 'Formal agreement' },
  framework: { zh: '框架协议', en: 'Framework agreement' },
  supplementary: { zh: '补充协议', en: 'Supplementary agreement' },
};

export type StageDateField = 'signingDate' | 'landedDate' | 'startDate' | 'productionDate';
export type StageField = StageDateField | 'agreementType' | 'signedAmountYuan';
/** What a move may lack: a stage fact, or the reason a pause or withdrawal needs. */
export type RequiredField = StageField | 'reason';
export type DateField = StageDateField | 'effectiveDate';

export const FIELD_LABELS: Record<RequiredField | 'effectiveDate', Label> = {
  signingDate: { zh: '签约日期', en: 'signing date' },
  agreementType: { zh: '协议类型', en: 'agreement type' },
  signedAmountYuan: { zh: '签约金额', en: 'signed amount' },
  landedDate: { zh: '落地日期', en: 'landing date' },
  startDate: { zh: '开工日期', en: 'start date' },
  productionDate: { zh: '投产日期', en: 'production date' },
  reason: { zh: '原因', en: 'reason' },
  effectiveDate: { zh: '变更日期', en: 'date of the change' },
};

export interface StageRequirement {
  /** The date on which the project reached the stage; dates never go backwards along the main path. */
  date: StageDateField | null;
  fields: readonly StageField[];
  /** Files of which at least one must be attached; empty when none is needed. */
  evidenceAnyOf: readonly EvidenceKind[];
}

/** What reaching each main-path stage requires. Reaching a stage requires the requirements of every earlier one. */
export const STAGE_REQUIREMENTS: Record<MainStage, StageRequirement> = {
  negotiating: { date: null, fields: [], evidenceAnyOf: [] },
  signed: {
    date: 'signingDate',
    fields: ['signingDate', 'agreementType', 'signedAmountYuan'],
    evidenceAnyOf: ['agreement'],
  },
  landed: {
    date: 'landedDate',
    fields: ['landedDate'],
    evidenceAnyOf: ['business_licence', 'land_contract'],
  },
  started: { date: 'startDate', fields: ['startDate'], evidenceAnyOf: ['construction_permit'] },
  producing: { date: 'productionDate', fields: ['productionDate'], evidenceAnyOf: ['production_proof'] },
};

export interface ProjectFacts {
  stage: Stage;
  /** Where a paused or withdrawn project was on the main path; null on the main path. */
  stageBeforeHold: Stage | null;
  /** Calendar dates YYYY-MM-DD, China time. */
  signingDate: string | null;
  agreementType: AgreementType | null;
  signedAmountYuan: bigint | null;
  landedDate: string | null;
  startDate: string | null;
  productionDate: string | null;
  /** Kinds of the files already attached. */
  evidence: readonly EvidenceKind[];
}

export interface MoveRequest {
  to: Stage;
  /** The day the change happened, YYYY-MM-DD. */
  effectiveDate: string;
  /** Required for paused and withdrawn. */
  reason?: string | undefined;
}

export type MoveProblem =
  | { code: 'illegal_move'; from: Stage; to: Stage; allowed: readonly Stage[] }
  /** `notPositive`: the signed amount is there but is 0 (or less), which does not count. */
  | { code: 'missing_field'; stage: Stage; field: RequiredField; notPositive?: true }
  /** `kind` is the first of `anyOf`; any one of `anyOf` satisfies the stage. */
  | { code: 'missing_evidence'; stage: MainStage; kind: EvidenceKind; anyOf: readonly EvidenceKind[] }
  | { code: 'invalid_date'; field: DateField; value: string }
  | { code: 'date_in_future'; field: DateField; date: string; today: string }
  | {
      code: 'date_before_previous';
      field: DateField;
      date: string;
      previousStage: MainStage;
      previousDate: string;
    };

export type MoveCheck = { ok: true; effectiveDate: string } | { ok: false; problems: MoveProblem[] };

export function isMainStage(s: string | null): s is MainStage {
  return (MAIN_PATH as readonly (string | null)[]).includes(s);
}

export function isHoldStage(s: string | null): s is HoldStage {
  return (HOLD_STAGES as readonly (string | null)[]).includes(s);
}

/** The main-path stage whose requirements the project must meet: its stage, or where it was before a hold. */
export function reachedStage(facts: Pick<ProjectFacts, 'stage' | 'stageBeforeHold'>): MainStage | null {
  if (isMainStage(facts.stage)) return facts.stage;
  return isMainStage(facts.stageBeforeHold) ? facts.stageBeforeHold : null;
}

/**
 * The stages a project may be moved to, before any requirement is looked at:
 * - on the main path: forward by one or more steps, or to paused or withdrawn (never back: a wrong stage is
 *   corrected by an edit, not by a move);
 * - paused: back to exactly where it was, or to withdrawn;
 * - withdrawn: back to exactly where it was, or to negotiating as a fresh start.
 */
export function allowedMoves(facts: Pick<ProjectFacts, 'stage' | 'stageBeforeHold'>): Stage[] {
  const { stage } = facts;
  if (isMainStage(stage)) return [...MAIN_PATH.slice(MAIN_PATH.indexOf(stage) + 1), ...HOLD_STAGES];
  const back = isMainStage(facts.stageBeforeHold) ? [facts.stageBeforeHold] : [];
  if (stage === 'paused') return [...back, 'withdrawn'];
  return back.includes('negotiating') ? back : ['negotiating', ...back];
}

function stagesUpTo(target: MainStage): MainStage[] {
  return MAIN_PATH.slice(0, MAIN_PATH.indexOf(target) + 1);
}

/** Fields and files lacking for `target` and every main-path stage before it. */
function requirementProblems(facts: ProjectFacts, target: MainStage): MoveProblem[] {
  const problems: MoveProblem[] = [];
  for (const stage of stagesUpTo(target)) {
    const req = STAGE_REQUIREMENTS[stage];
    for (const field of req.fields) {
      if (facts[field] === null) problems.push({ code: 'missing_field', stage, field });
      else if (field === 'signedAmountYuan' && (facts.signedAmountYuan ?? 0n) <= 0n) {
        problems.push({ code: 'missing_field', stage, field, notPositive: true });
      }
    }
    const [first] = req.evidenceAnyOf;
    if (first && !req.evidenceAnyOf.some((k) => facts.evidence.includes(k))) {
      problems.push({ code: 'missing_evidence', stage, kind: first, anyOf: req.evidenceAnyOf });
    }
  }
  return problems;
}

/** Stage dates up to `target`: real dates, not after today, and signing ≤ landed ≤ start ≤ production. */
function dateProblems(facts: ProjectFacts, target: MainStage, today: string): MoveProblem[] {
  const problems: MoveProblem[] = [];
  let previous: { stage: MainStage; date: string } | null = null;
  for (const stage of stagesUpTo(target)) {
    const field = STAGE_REQUIREMENTS[stage].date;
    const date = field ? facts[field] : null;
    if (!field || date === null) continue;
    if (!isIsoDate(date)) {
      problems.push({ code: 'invalid_date', field, value: date });
      continue;
    }
    if (date > today) problems.push({ code: 'date_in_future', field, date, today });
    if (previous && date < previous.date) {
      problems.push({
        code: 'date_before_previous',
        field,
        date,
        previousStage: previous.stage,
        previousDate: previous.date,
      });
    }
    previous = { stage, date };
  }
  return problems;
}

/** The date of a main-path stage, when it has one and it is a real date. */
function stageDate(facts: ProjectFacts, stage: MainStage | null): string | null {
  const field = stage ? STAGE_REQUIREMENTS[stage].date : null;
  const date = field ? facts[field] : null;
  return date !== null && isIsoDate(date) ? date : null;
}

function assertToday(today: string) {
  if (!isIsoDate(today)) throw new RangeError(`today must be a calendar date YYYY-MM-DD, got ${today}`);
}

/**
 * Whether `move` may happen now. Beyond the legal moves of allowedMoves:
 * - to a main-path stage (forward, resuming after a hold, or a fresh start): every requirement of that stage and
 *   of every stage before it, checked again in full, including the order and reality of their dates;
 * - to paused or withdrawn: a reason; nothing else, so that a project can always be stopped;
 * - the effective date: a real date, not after today, and not before the date of the main-path stage the project
 *   will be at (or, when stopping, was at): it cannot land before it signed, nor pause before it started.
 * A refused move lists every problem at once, so the person fixes everything in one go.
 */
export function checkMove(facts: ProjectFacts, move: MoveRequest, today: string): MoveCheck {
  assertToday(today);
  const allowed = allowedMoves(facts);
  if (!allowed.includes(move.to)) {
    return { ok: false, problems: [{ code: 'illegal_move', from: facts.stage, to: move.to, allowed }] };
  }
  const problems: MoveProblem[] = [];
  let anchor: MainStage | null;
  if (isHoldStage(move.to)) {
    if (!move.reason?.trim()) problems.push({ code: 'missing_field', stage: move.to, field: 'reason' });
    anchor = reachedStage(facts);
  } else {
    problems.push(...requirementProblems(facts, move.to), ...dateProblems(facts, move.to, today));
    anchor = move.to;
  }
  const { effectiveDate } = move;
  if (!isIsoDate(effectiveDate)) {
    problems.push({ code: 'invalid_date', field: 'effectiveDate', value: effectiveDate });
  } else {
    if (effectiveDate > today) {
      problems.push({ code: 'date_in_future', field: 'effectiveDate', date: effectiveDate, today });
    }
    // A stage date after today is reported as such; comparing the effective date with it would only repeat it.
    const anchorDate = stageDate(facts, anchor);
    if (anchor && anchorDate && anchorDate <= today && effectiveDate < anchorDate) {
      problems.push({
        code: 'date_before_previous',
        field: 'effectiveDate',
        date: effectiveDate,
        previousStage: anchor,
        previousDate: anchorDate,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, effectiveDate };
}

/** The facts after an accepted move: only the stage and where a hold started change. */
export function applyMove(facts: ProjectFacts, move: MoveRequest, check: MoveCheck): ProjectFacts {
  if (!check.ok || check.effectiveDate !== move.effectiveDate || !allowedMoves(facts).includes(move.to)) {
    throw new Error('applyMove takes only a move that checkMove accepted');
  }
  return {
    ...facts,
    stage: move.to,
    stageBeforeHold: isHoldStage(move.to) ? reachedStage(facts) : null,
  };
}

/**
 * The check for an edit of a project's facts (dates, agreement type, amount, files): the facts as they would
 * stand must still meet every requirement of the stage the project has reached (or held), with real dates, none
 * after today and none going backwards. Dates of stages not reached yet need only be real dates. Empty = allowed.
 */
export function checkStageFacts(facts: ProjectFacts, today: string): MoveProblem[] {
  assertToday(today);
  const reached = reachedStage(facts) ?? 'negotiating';
  const problems = [...requirementProblems(facts, reached), ...dateProblems(facts, reached, today)];
  const reachedIndex = MAIN_PATH.indexOf(reached);
  for (const stage of MAIN_PATH.slice(reachedIndex + 1)) {
    const field = STAGE_REQUIREMENTS[stage].date;
    const value = field ? facts[field] : null;
    if (field && value !== null && !isIsoDate(value)) problems.push({ code: 'invalid_date', field, value });
  }
  return problems;
}

export interface MissingRequirements {
  fields: RequiredField[];
  evidence: { stage: MainStage; anyOf: readonly EvidenceKind[] }[];
}

/**
 * What the person must still provide before the project can be moved to `target`: for a main-path stage, the
 * missing facts and files of it and every stage before it (the kanban opens exactly these on a drag); for
 * paused or withdrawn, the reason. Says nothing about whether the move itself is legal: see allowedMoves.
 */
export function missingForStage(facts: ProjectFacts, target: Stage): MissingRequirements {
  if (isHoldStage(target)) return { fields: ['reason'], evidence: [] };
  const missing: MissingRequirements = { fields: [], evidence: [] };
  for (const p of requirementProblems(facts, target)) {
    if (p.code === 'missing_field') missing.fields.push(p.field);
    if (p.code === 'missing_evidence') missing.evidence.push({ stage: p.stage, anyOf: p.anyOf });
  }
  return missing;
}

// ——— Messages: what a refused move says, in Chinese and English ———

const stageZh = (s: Stage) => `“${STAGE_LABELS[s].zh}”`;
const stageEn = (s: Stage) => `“${STAGE_LABELS[s].en}”`;
type MissingField = Extract<MoveProblem, { code: 'missing_field' }>;
const fieldZh = (p: MissingField) => `${FIELD_LABELS[p.field].zh}${p.notPositive ? '（须大于 0）' : ''}`;
const fieldEn = (p: MissingField) => `${FIELD_LABELS[p.field].en}${p.notPositive ? ' (above 0)' : ''}`;
const evidenceZh = (kinds: readonly EvidenceKind[]) =>
  kinds.map((k) => EVIDENCE_KIND_LABELS[k].zh).join('或');
const evidenceEn = (kinds: readonly EvidenceKind[]) =>
  kinds.map((k) => EVIDENCE_KIND_LABELS[k].en).join(' or ');
const holdVerbEn = (s: Stage) =>
  s === 'paused' ? 'Pausing' : s === 'withdrawn' ? 'Withdrawing' : STAGE_LABELS[s].en;
/** The date a stage was reached, named by its field: 落地日期 rather than 落地. */
const stageDateLabel = (s: MainStage): Label => {
  const field = STAGE_REQUIREMENTS[s].date;
  return field ? FIELD_LABELS[field] : { zh: `${STAGE_LABELS[s].zh}日期`, en: `${STAGE_LABELS[s].en} date` };
};

function describeIllegalMove(from: Stage, to: Stage, allowed: readonly Stage[]): Label {
  const options = {
    zh: allowed.length > 0 ? `可移至：${allowed.map((s) => STAGE_LABELS[s].zh).join('、')}。` : '',
    en: allowed.length > 0 ? ` It can move to: ${allowed.map((s) => STAGE_LABELS[s].en).join(', ')}.` : '',
  };
  if (from === to) {
    return { zh: `项目已处于${stageZh(to)}阶段。`, en: `The project is already at ${stageEn(to)}.` };
  }
  if (isMainStage(from) && isMainStage(to)) {
    return {
      zh: `项目阶段只能向前推进，不能从${stageZh(from)}退回${stageZh(to)}；填报有误请更正项目信息。${options.zh}`,
      en: `A project only moves forward: it cannot go back from ${stageEn(from)} to ${stageEn(to)}; a mistake is corrected by editing the project.${options.en}`,
    };
  }
  if (isHoldStage(from) && isMainStage(to)) {
    return {
      zh: `${STAGE_LABELS[from].zh}的项目只能恢复到暂缓或退库前所处的阶段${from === 'withdrawn' ? '，或作为新项目回到“在谈”' : ''}。${options.zh}`,
      en: `A ${STAGE_LABELS[from].en.toLowerCase()} project resumes only at the stage it was at before${from === 'withdrawn' ? ', or starts afresh at “Negotiating”' : ''}.${options.en}`,
    };
  }
  return {
    zh: `不能从${stageZh(from)}移至${stageZh(to)}。${options.zh}`,
    en: `A project cannot move from ${stageEn(from)} to ${stageEn(to)}.${options.en}`,
  };
}

/** One problem as one sentence. */
export function describeMoveProblem(p: MoveProblem): Label {
  switch (p.code) {
    case 'illegal_move':
      return describeIllegalMove(p.from, p.to, p.allowed);
    case 'missing_field':
      return {
        zh: `${STAGE_LABELS[p.stage].zh}须填写：${fieldZh(p)}。`,
        en: `${holdVerbEn(p.stage)} needs the ${fieldEn(p)}.`,
      };
    case 'missing_evidence':
      return {
        zh: `${STAGE_LABELS[p.stage].zh}须上传：${evidenceZh(p.anyOf)}。`,
        en: `${STAGE_LABELS[p.stage].en} needs an attached ${evidenceEn(p.anyOf)}.`,
      };
    case 'invalid_date':
      return {
        zh: `${FIELD_LABELS[p.field].zh}“${p.value}”不是有效日期（格式：2026-03-01）。`,
        en: `The ${FIELD_LABELS[p.field].en} “${p.value}” is not a real date (format: 2026-03-01).`,
      };
    case 'date_in_future':
      return {
        zh: `${FIELD_LABELS[p.field].zh} ${p.date} 晚于今天（${p.today}），不能预先填报。`,
        en: `The ${FIELD_LABELS[p.field].en} ${p.date} is after today (${p.today}); record it once it has happened.`,
      };
    case 'date_before_previous': {
      const previous = stageDateLabel(p.previousStage);
      return {
        zh: `${FIELD_LABELS[p.field].zh} ${p.date} 早于${previous.zh} ${p.previousDate}。`,
        en: `The ${FIELD_LABELS[p.field].en} ${p.date} is before the ${previous.en} ${p.previousDate}.`,
      };
    }
  }
}

/**
 * All problems of a refused move as one message, missing fields and files grouped per stage:
 * 「签约须填写：签约日期、协议类型、签约金额；须上传：投资协议。」 The other problems follow, one sentence each.
 */
export function summarizeMoveProblems(problems: readonly MoveProblem[]): Label {
  const groups = new Map<Stage, { fields: MissingField[]; evidence: (readonly EvidenceKind[])[] }>();
  const others: MoveProblem[] = [];
  for (const p of problems) {
    if (p.code !== 'missing_field' && p.code !== 'missing_evidence') {
      others.push(p);
      continue;
    }
    const group = groups.get(p.stage) ?? { fields: [], evidence: [] };
    groups.set(p.stage, group);
    if (p.code === 'missing_field') group.fields.push(p);
    else group.evidence.push(p.anyOf);
  }
  const zh: string[] = [];
  const en: string[] = [];
  for (const [stage, g] of groups) {
    const partsZh: string[] = [];
    const partsEn: string[] = [];
    if (g.fields.length > 0) {
      partsZh.push(`须填写：${g.fields.map(fieldZh).join('、')}`);
      partsEn.push(g.fields.map(fieldEn).join(', '));
    }
    if (g.evidence.length > 0) {
      partsZh.push(`须上传：${g.evidence.map(evidenceZh).join('、')}`);
      partsEn.push(`attached ${g.evidence.map(evidenceEn).join(', ')}`);
    }
    zh.push(`${STAGE_LABELS[stage].zh}${partsZh.join('；')}。`);
    en.push(`${holdVerbEn(stage)} needs: ${partsEn.join('; ')}.`);
  }
  for (const p of others) {
    const d = describeMoveProblem(p);
    zh.push(d.zh);
    en.push(d.en);
  }
  return { zh: zh.join(''), en: en.join(' ') };
}
