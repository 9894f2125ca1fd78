import { addDays, daysBetween } from '../dates.js';

// The landing service's clocks and rates, in one place for the server, the reminder job, the dashboard and the
// web (DOMAIN §2 *Landing service*, §4 *Numbers*).

/**
 * A green-channel project (绿色通道) runs on half of each default duration, rounded up, so a 15-day problem
 * deadline becomes 8 days and a 5-day first-contact window 3 days. Dates a person typed are never changed:
 * only the defaults the platform proposes and the escalation wait are shortened.
 */
export function clockDays(days: number, greenChannel: boolean): number {
  return greenChannel ? Math.ceil(days / 2) : days;
}

/** The default due date `days` after `from` (a China-time calendar date), shortened for the green channel. */
export function defaultDueOn(from: string, days: number, greenChannel: boolean): string {
  return addDays(from, clockDays(days, greenChannel));
}

/** Overdue means the due date has passed (due today is not yet overdue) and the item is still open. */
export function isOverdue(dueOn: string | null, open: boolean, today: string): boolean {
  return open && dueOn !== null && dueOn < today;
}

/** Whole days past due (0 when not overdue). */
export function daysOverdue(dueOn: string | null, today: string): number {
  if (!dueOn || dueOn >= today) return 0;
  return daysBetween(dueOn, today);
}

/** A rate from its counts as a percentage with 2 decimals, half up; null when nothing counts (no 0 ÷ 0). */
export function percent(numerator: number, denominator: number): string | null {
  if (denominator === 0) return null;
  // Integer arithmetic: ×10000 then round half up, so 1/3 → "33.33" and 2/3 → "66.67" exactly.
  const scaled = Math.floor((numerator * 20000) / denominator + 1) >> 1;
  return (scaled / 100).toFixed(2);
}

/**
 * 成熟度: the share of a project's procedures that are done, among those it needs (不需办理 leaves the count).
 * Returned with its counts so a screen can show "6/9".
 */
export function maturity(procedures: readonly { status: string }[]): {
  done: number;
  needed: number;
  percent: string | null;
} {
  const needed = procedures.filter((p) => p.status !== 'not_needed').length;
  const done = procedures.filter((p) => p.status === 'done').length;
  return { done, needed, percent: percent(done, needed) };
}

/**
 * 承诺兑现率: commitments fulfilled ÷ commitments due by the cut-off (cancelled ones leave both counts);
 * on-time: fulfilled by their due date ÷ due. Counted from rows, never typed in.
 */
export function fulfilment(
  rows: readonly { status: string; dueOn: string; fulfilledOn: string | null }[],
  cutOff: string,
): { due: number; fulfilled: number; onTime: number; rate: string | null; onTimeRate: string | null } {
  const due = rows.filter((r) => r.status !== 'cancelled' && r.dueOn <= cutOff);
  const fulfilled = due.filter(
    (r) => r.status === 'fulfilled' && r.fulfilledOn !== null && r.fulfilledOn <= cutOff,
  );
  const onTime = fulfilled.filter((r) => (r.fulfilledOn as string) <= r.dueOn);
  return {
    due: due.length,
    fulfilled: fulfilled.length,
    onTime: onTime.length,
    rate: percent(fulfilled.length, due.length),
    onTimeRate: percent(onTime.length, due.length),
  };
}
