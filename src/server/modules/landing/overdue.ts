import { type RawBuilder, sql } from 'kysely';

// One definition of "open" and "overdue" per landing-service kind, as SQL, for every reader: the lists' overdue
// filters, the department inbox, the dashboard's overdue counts and the reminder job. Overdue = still open on
// the side that owes the next step and due strictly before the day given (due today is not yet overdue), the
// same rule as domain/landing/clocks.ts isOverdue. Callers pass China-time "today" (chinaToday(now())).
//
// Each open predicate is written on the status values that the 0014 partial indexes name, so a count or a
// department's list reads the index (procedures_open / procedures_department, supervision_notices_due,
// pre_review_opinions_department) instead of the table.
//
// `t` is the table alias as written in the query (e.g. 'pr'); '' when the query has no alias.

const col = (t: string, c: string) => sql.ref(t ? `${t}.${c}` : c);

/** Problems waiting on their department: assigned (again after a reopen) or accepted. */
export const PROBLEM_OPEN_STATUSES = ['assigned', 'accepted'] as const;
/** Procedures still to do. */
export const PROCEDURE_OPEN_STATUSES = ['pending', 'in_progress'] as const;

export function problemOpen(t: string): RawBuilder<boolean> {
  return sql<boolean>`${col(t, 'status')} in ('assigned', 'accepted')`;
}
export function problemOverdue(t: string, today: string): RawBuilder<boolean> {
  return sql<boolean>`(${problemOpen(t)} and ${col(t, 'deadline')} < ${today}::date)`;
}

export function procedureOpen(t: string): RawBuilder<boolean> {
  return sql<boolean>`${col(t, 'status')} in ('pending', 'in_progress')`;
}
export function procedureOverdue(t: string, today: string): RawBuilder<boolean> {
  return sql<boolean>`(${procedureOpen(t)} and ${col(t, 'planned_on')} < ${today}::date)`;
}

export function commitmentOpen(t: string): RawBuilder<boolean> {
  return sql<boolean>`${col(t, 'status')} = 'pending'`;
}
export function commitmentOverdue(t: string, today: string): RawBuilder<boolean> {
  return sql<boolean>`(${commitmentOpen(t)} and ${col(t, 'due_on')} < ${today}::date)`;
}

/** An opinion not yet given; its review must still be open (pass the review's alias). */
export function opinionOpen(t: string, review: string): RawBuilder<boolean> {
  return sql<boolean>`(${col(t, 'answered_at')} is null and ${col(review, 'status')} = 'open')`;
}
export function opinionOverdue(t: string, review: string, today: string): RawBuilder<boolean> {
  return sql<boolean>`(${opinionOpen(t, review)} and ${col(t, 'due_on')} < ${today}::date)`;
}

/** A supervision notice awaiting the recipient's reply (issued, or issued again by a follow-up). */
export function supervisionOpen(t: string): RawBuilder<boolean> {
  return sql<boolean>`${col(t, 'status')} = 'issued'`;
}
export function supervisionOverdue(t: string, today: string): RawBuilder<boolean> {
  return sql<boolean>`(${supervisionOpen(t)} and ${col(t, 'reply_due_on')} < ${today}::date)`;
}
