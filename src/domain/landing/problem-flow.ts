import type { ProblemEventKind, ProblemStatus } from './landing-codes.js';

// The problem loop 交办 → 承办 → 反馈 → 办结 (DOMAIN §2 *Landing service*) as one table: which side may take
// which step from which state. The server refuses everything else (403 for the wrong side, 409 for the wrong
// state); the web shows only the buttons this table allows.

/**
 * The sides of a problem. `center`: 招商中心 (landing.coordinate). `unit`: the project's unit, the raiser's side
 * (landing.write in scope). `department`: the department the problem is assigned to (landing.handle).
 */
export type ProblemActor = 'center' | 'unit' | 'department';

export const PROBLEM_ACTIONS = ['assign', 'accept', 'reply', 'close', 'reopen', 'comment'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

interface Step {
  by: readonly ProblemActor[];
  from: readonly ProblemStatus[];
  /** null: the status stays (a comment). */
  to: ProblemStatus | null;
}

export const PROBLEM_FLOW: Record<ProblemAction, Step> = {
  // 交办; the center may redirect a problem to another department until that department has accepted it.
  assign: { by: ['center'], from: ['raised', 'assigned'], to: 'assigned' },
  // 承办
  accept: { by: ['department'], from: ['assigned'], to: 'accepted' },
  // 反馈
  reply: { by: ['department'], from: ['accepted'], to: 'replied' },
  // 办结: the raiser's side confirms the reply solved it.
  close: { by: ['unit', 'center'], from: ['replied'], to: 'closed' },
  // 重新交办: not solved after all (or it came back); the assigned department starts again.
  reopen: { by: ['unit', 'center'], from: ['replied', 'closed'], to: 'assigned' },
  comment: {
    by: ['center', 'unit', 'department'],
    from: ['raised', 'assigned', 'accepted', 'replied', 'closed'],
    to: null,
  },
};

export type StepCheck = { ok: true; to: ProblemStatus | null } | { ok: false; reason: 'actor' | 'status' };

/** May one of `actors` take `action` on a problem in `status`? The wrong side is told before the wrong state. */
export function checkStep(
  action: ProblemAction,
  status: ProblemStatus,
  actors: readonly ProblemActor[],
): StepCheck {
  const step = PROBLEM_FLOW[action];
  if (!actors.some((a) => step.by.includes(a))) return { ok: false, reason: 'actor' };
  if (!step.from.includes(status)) return { ok: false, reason: 'status' };
  return { ok: true, to: step.to };
}

/** The steps the caller can take now, in the order the screen shows them. */
export function allowedActions(status: ProblemStatus, actors: readonly ProblemActor[]): ProblemAction[] {
  return PROBLEM_ACTIONS.filter((a) => checkStep(a, status, actors).ok);
}

/**
 * States in which the deadline runs against the department: assigned, not yet answered. A replied problem
 * waits on the raiser's confirmation, which is not the department's delay; a raised one has no deadline yet.
 */
export const PROBLEM_CLOCK_STATUSES: readonly ProblemStatus[] = ['assigned', 'accepted'];

export function problemClockRuns(status: ProblemStatus): boolean {
  return PROBLEM_CLOCK_STATUSES.includes(status);
}

/** Timeline entries that are steps of the loop (a comment or an escalation is not a step). */
const STEP_KINDS: readonly ProblemEventKind[] = [
  'raised',
  'assigned',
  'accepted',
  'replied',
  'closed',
  'reopened',
];

export interface StepDuration {
  /** The step before this one (交办 before 承办 …). */
  fromKind: ProblemEventKind;
  ms: number;
}

/**
 * How long each step took: for every step entry of a timeline (sorted by time), the time since the step
 * before it (交办→承办 2天); null for the first step and for comments and escalations.
 */
export function stepDurations(
  events: readonly { kind: ProblemEventKind; at: string }[],
): (StepDuration | null)[] {
  let previous: { kind: ProblemEventKind; at: number } | null = null;
  return events.map((e) => {
    if (!STEP_KINDS.includes(e.kind)) return null;
    const at = Date.parse(e.at);
    const d = previous ? { fromKind: previous.kind, ms: Math.max(0, at - previous.at) } : null;
    previous = { kind: e.kind, at };
    return d;
  });
}

/** 2天3小时, 5小时, 不足1小时 (whole hours, rounded down). */
export function durationLabel(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return '不足1小时';
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (days === 0) return `${rest}小时`;
  return rest === 0 ? `${days}天` : `${days}天${rest}小时`;
}
