import os from 'node:os';
import { sql, type Transaction } from 'kysely';
import type { Role } from '../../../domain/access/roles.js';
import { addDays, chinaToday } from '../../../domain/dates.js';
import { clockDays, daysOverdue } from '../../../domain/landing/clocks.js';
import { firstContactOverdue } from '../../../domain/landing/first-contact.js';
import {
  effectiveRules,
  escalationLevel,
  type ReminderKind,
  type ReminderRule,
} from '../../../domain/landing/reminder-rules.js';
import { leadClocks } from '../../../domain/leads/lead-clocks.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { missingReports } from '../bulletins/bulletins.compose.js';
import { leadClockSettingsOf } from '../leads/lead-settings.js';
import { overdueSql } from '../leads/leads.service.js';
import {
  DEPARTMENT_HANDLERS,
  districtRecipients,
  enqueueOutbound,
  type NotificationInput,
  UNIT_WORKERS,
  unitRecipients,
} from '../notifications/notify.js';
import { appendProblemEvent } from '../problems/problem-raise.js';

// The reminder job (issue 5 item 8): finds what is due soon or overdue in every district and writes notices
// into the notification centre, escalates overdue problems, and queues outbound copies. It runs on every app
// server's timer, from cron (ops/run-reminders.ts) and from the center's 立即运行 button:
// - one run at a time across all servers: a transaction-scoped advisory lock, tried, not waited for; a server
//   that finds it taken skips (the other one is doing the same work right now);
// - idempotent: each notice has a dedupe key naming its occasion (the item and its due date), unique per user,
//   so a second run creates nothing, and a changed due date is a new occasion that notifies again;
// - every check is one indexed query that returns only due or overdue rows, never a whole table.

/** Any constant; names the reminder job's lock (the audit chain uses another). */
export const REMINDER_LOCK = 7_212_027;

export interface RunOptions {
  /** Only this district (the center's 立即运行); all districts otherwise. */
  districtId?: string;
  /** Called inside the transaction once the lock is held (the route's audit row; tests' barrier). */
  onLocked?: (trx: Transaction<DB>) => Promise<void>;
}

export type CheckName =
  | 'leads'
  | 'procedures'
  | 'problems'
  | 'escalations'
  | 'commitments'
  | 'milestones'
  | 'capitalReports'
  | 'preReviewOpinions'
  | 'firstContact'
  | 'supervision';

export type RunResult =
  | { skipped: true }
  | {
      skipped: false;
      runId: string;
      created: number;
      outbound: number;
      counts: Record<CheckName, number>;
      /** Milliseconds each check took, summed over the districts (bench/landing.ts reports them). */
      ms: Record<CheckName, number>;
    };

interface Ctx {
  trx: Transaction<DB>;
  districtId: string;
  today: string;
  at: Date;
  rules: Record<ReminderKind, ReminderRule>;
  settings: {
    problemEscalateDays: number;
    firstContactDays: number;
  };
  recipients: Map<string, Promise<string[]>>;
  queued: { rule: ReminderRule; userId: string; n: NotificationInput }[];
  outbound: number;
}

/** Recipients are looked up once per unit (or district) and role set per run. */
function unitPeople(c: Ctx, unitId: string, roles: readonly Role[]) {
  const key = `u:${unitId}:${roles.join(',')}`;
  let p = c.recipients.get(key);
  if (!p) {
    p = unitRecipients(c.trx, unitId, roles);
    c.recipients.set(key, p);
  }
  return p;
}
function districtPeople(c: Ctx, roles: readonly Role[]) {
  const key = `d:${roles.join(',')}`;
  let p = c.recipients.get(key);
  if (!p) {
    p = districtRecipients(c.trx, c.districtId, roles);
    c.recipients.set(key, p);
  }
  return p;
}

/**
 * Queues one notice for each user; `flush` writes the check's queue in a few multi-row statements. At city
 * scale a run meets hundreds of thousands of due items (bench/landing.ts), and a statement per item made the
 * first run take minutes; batched, each check costs a handful of round trips.
 */
async function tell(c: Ctx, rule: ReminderRule, userIds: readonly string[], n: NotificationInput) {
  for (const userId of new Set(userIds)) c.queued.push({ rule, userId, n });
}

const FLUSH_ROWS = 5000;

/** Writes the queued notices (once per user and dedupe key) and their outbound copies; returns how many are new. */
async function flush(c: Ctx): Promise<number> {
  const queued = c.queued;
  c.queued = [];
  let created = 0;
  for (let i = 0; i < queued.length; i += FLUSH_ROWS) {
    const chunk = queued.slice(i, i + FLUSH_ROWS);
    // One statement per chunk with a column per array: nine parameters however many rows, so a steady-state run,
    // where nearly every notice already exists, costs PostgreSQL index probes rather than megabytes of parameters.
    const { rows } = await sql<{ id: string; userId: string; dedupeKey: string }>`
      insert into notifications
        (district_id, user_id, kind, subject_type, subject_id, title, body, link, due_on, dedupe_key, created_at)
      select ${c.districtId}, x.user_id, x.kind, x.subject_type, x.subject_id, x.title, x.body, x.link, x.due_on,
             x.dedupe_key, ${c.at}
        from unnest(${chunk.map((q) => q.userId)}::uuid[], ${chunk.map((q) => q.n.kind)}::text[],
                    ${chunk.map((q) => q.n.subjectType)}::text[], ${chunk.map((q) => q.n.subjectId)}::uuid[],
                    ${chunk.map((q) => q.n.title.slice(0, 200))}::text[],
                    ${chunk.map((q) => (q.n.body ? q.n.body.slice(0, 1000) : null))}::text[],
                    ${chunk.map((q) => q.n.link)}::text[], ${chunk.map((q) => q.n.dueOn ?? null)}::date[],
                    ${chunk.map((q) => q.n.dedupeKey)}::text[])
             as x(user_id, kind, subject_type, subject_id, title, body, link, due_on, dedupe_key)
      on conflict (user_id, dedupe_key) do nothing
      returning id, user_id, dedupe_key`.execute(c.trx);
    created += rows.length;
    // Outbound copies for the notices just created whose rule names channels (none by default).
    const byKey = new Map(chunk.map((q) => [q.n.dedupeKey, q]));
    const groups = new Map<string, { id: string; userId: string }[]>();
    for (const r of rows) {
      if ((byKey.get(r.dedupeKey)?.rule.channels.length ?? 0) === 0) continue;
      groups.set(r.dedupeKey, [...(groups.get(r.dedupeKey) ?? []), r]);
    }
    for (const [key, made] of groups) {
      const q = byKey.get(key)!;
      c.outbound += await enqueueOutbound(c.trx, c.districtId, made, q.n, q.rule.channels, c.at);
    }
  }
  return created;
}

/** 'due_soon' from `daysBefore` ahead through today; 'overdue' once the date has passed (isOverdue in clocks.ts). */
function occasion(dueOn: string, today: string): 'due_soon' | 'overdue' {
  return dueOn < today ? 'overdue' : 'due_soon';
}
const DUE_LABEL = { due_soon: '即将到期', overdue: '已逾期' } as const;

// ---------------------------------------------------------------- a) lead clocks

async function checkLeads(c: Ctx): Promise<void> {
  const rule = c.rules.lead_clock;
  if (!rule.enabled) return;
  const settings = await leadClockSettingsOf(c.trx, c.districtId);
  // The SQL form of the same clocks (leads.service overdueSql) picks the overdue leads; leadClocks then says
  // which clock and since when, for the notice and its key.
  const { rows } = await sql<{
    id: string;
    unitId: string;
    title: string;
    status: 'new' | 'following' | 'declined' | 'converted';
    receivedOn: string;
    respondedOn: string | null;
    screenedOn: string | null;
    fedBackOn: string | null;
    lastReportedOn: string | null;
  }>`
    select l.id, l.unit_id, l.title, l.status, l.received_on, l.responded_on, l.screened_on, l.fed_back_on,
      l.last_reported_on
    from leads l left join district_settings ds on ds.district_id = l.district_id
    where l.district_id = ${c.districtId} and l.status in ('new', 'following') and ${overdueSql('any', c.today)}`.execute(
    c.trx,
  );
  const CLOCK_LABEL = { respond: '响应', screen: '研判', feedback: '反馈', report: '跟进报告' } as const;
  for (const l of rows) {
    const people = await unitPeople(c, l.unitId, UNIT_WORKERS);
    for (const clock of leadClocks(l, settings, c.today)) {
      if (clock.state !== 'overdue' || clock.dueOn === null) continue;
      await tell(c, rule, people, {
        kind: 'lead.overdue',
        subjectType: 'lead',
        subjectId: l.id,
        title: `线索${CLOCK_LABEL[clock.kind]}逾期：${l.title}`,
        body: `应于 ${clock.dueOn} 前完成${CLOCK_LABEL[clock.kind]}`,
        link: `/leads/${l.id}`,
        dueOn: clock.dueOn,
        dedupeKey: `lead.overdue:${l.id}:${clock.kind}:${clock.dueOn}`,
      });
    }
  }
}

// ---------------------------------------------------------------- b) procedures

async function checkProcedures(c: Ctx): Promise<void> {
  const rule = c.rules.procedure;
  if (!rule.enabled) return;
  const horizon = addDays(c.today, rule.daysBefore);
  const rows = await c.trx
    .selectFrom('procedures as pc')
    .innerJoin('projects as p', 'p.id', 'pc.projectId')
    .select([
      'pc.id',
      'pc.unitId',
      'pc.projectId',
      'pc.name',
      'pc.plannedOn',
      'pc.departmentUnitId',
      'p.name as projectName',
    ])
    .where('pc.districtId', '=', c.districtId)
    .where('pc.status', 'in', ['pending', 'in_progress'])
    .where('pc.plannedOn', '<=', horizon)
    .execute();
  for (const r of rows) {
    if (!r.plannedOn) continue;
    const o = occasion(r.plannedOn, c.today);
    const people = [
      ...(await unitPeople(c, r.unitId, UNIT_WORKERS)),
      ...(r.departmentUnitId ? await unitPeople(c, r.departmentUnitId, DEPARTMENT_HANDLERS) : []),
    ];
    await tell(c, rule, people, {
      kind: `procedure.${o}`,
      subjectType: 'procedure',
      subjectId: r.id,
      title: `手续${DUE_LABEL[o]}：${r.projectName} · ${r.name}`,
      body: `计划办结日期 ${r.plannedOn}`,
      link: `/projects/${r.projectId}`,
      dueOn: r.plannedOn,
      dedupeKey: `procedure.${o}:${r.id}:${r.plannedOn}`,
    });
  }
}

// ---------------------------------------------------------------- c) problems and their escalation

async function checkProblems(c: Ctx): Promise<void> {
  const rule = c.rules.problem;
  if (!rule.enabled) return;
  const horizon = addDays(c.today, rule.daysBefore);
  const rows = await c.trx
    .selectFrom('problems')
    .select(['id', 'unitId', 'departmentUnitId', 'title', 'deadline'])
    .where('districtId', '=', c.districtId)
    .where('status', 'in', ['assigned', 'accepted'])
    .where('deadline', '<=', horizon)
    .execute();
  for (const r of rows) {
    if (!r.deadline) continue;
    const o = occasion(r.deadline, c.today);
    const people = [
      ...(await unitPeople(c, r.unitId, UNIT_WORKERS)),
      ...(r.departmentUnitId ? await unitPeople(c, r.departmentUnitId, DEPARTMENT_HANDLERS) : []),
    ];
    await tell(c, rule, people, {
      kind: `problem.${o}`,
      subjectType: 'problem',
      subjectId: r.id,
      title: `问题${DUE_LABEL[o]}：${r.title}`,
      body: `办理时限 ${r.deadline}`,
      link: `/landing/problems/${r.id}`,
      dueOn: r.deadline,
      dedupeKey: `problem.${o}:${r.id}:${r.deadline}`,
    });
  }
}

/**
 * Open problems past their deadline by more than the wait (the rule's escalate_after_days, else the district's
 * problem_escalate_days; halved for a green-channel project) go to the leader in charge (level 1); past twice
 * the wait, also to the supervision office (level 2). The level only rises, and each level is written once,
 * with its timeline entry (the update's `escalation_level < level` guard makes that true on any server).
 */
async function checkEscalations(c: Ctx): Promise<void> {
  const rule = c.rules.problem;
  if (!rule.enabled) return;
  const base = rule.escalateAfterDays ?? c.settings.problemEscalateDays;
  const rows = await c.trx
    .selectFrom('problems as pb')
    .leftJoin('projects as p', 'p.id', 'pb.projectId')
    .select([
      'pb.id',
      'pb.districtId',
      'pb.title',
      'pb.deadline',
      'pb.escalationLevel',
      'pb.leaderUserId',
      'pb.leaderInCharge',
      'p.greenChannel',
    ])
    .where('pb.districtId', '=', c.districtId)
    .where('pb.status', 'in', ['assigned', 'accepted'])
    .where('pb.escalationLevel', '<', 2)
    .where('pb.deadline', '<', c.today)
    .execute();
  for (const r of rows) {
    if (!r.deadline) continue;
    const days = daysOverdue(r.deadline, c.today);
    const wait = clockDays(base, r.greenChannel ?? false);
    const reached = escalationLevel(days, wait);
    if (reached <= r.escalationLevel) continue;
    const updated = await c.trx
      .updateTable('problems')
      .set({ escalationLevel: reached, escalatedAt: c.at })
      .where('id', '=', r.id)
      .where('escalationLevel', '<', reached)
      .returning('escalationLevel')
      .executeTakeFirst();
    if (!updated) continue;
    const leaders = r.leaderUserId ? [r.leaderUserId] : await districtPeople(c, ['leader']);
    for (let level = r.escalationLevel + 1; level <= reached; level++) {
      const to = level === 1 ? '分管领导' : '分管领导和督查室';
      await appendProblemEvent(
        c.trx,
        r,
        'escalated',
        `逾期 ${days} 天未办结，升级至${to}（第 ${level} 级）`,
        { userId: null, username: null, at: c.at },
      );
      const people = level === 1 ? leaders : [...leaders, ...(await districtPeople(c, ['supervisor']))];
      await tell(c, rule, people, {
        kind: 'problem.escalated',
        subjectType: 'problem',
        subjectId: r.id,
        title: `问题逾期升级：${r.title}`,
        body: `办理时限 ${r.deadline}，已逾期 ${days} 天，升级至${to}`,
        link: `/landing/problems/${r.id}`,
        dueOn: r.deadline,
        dedupeKey: `problem.escalated:${r.id}:${level}`,
      });
    }
  }
}

// ---------------------------------------------------------------- d) commitments

async function checkCommitments(c: Ctx): Promise<void> {
  const rule = c.rules.commitment;
  if (!rule.enabled) return;
  const horizon = addDays(c.today, rule.daysBefore);
  const rows = await c.trx
    .selectFrom('commitments as cm')
    .innerJoin('projects as p', 'p.id', 'cm.projectId')
    .select([
      'cm.id',
      'cm.unitId',
      'cm.projectId',
      'cm.content',
      'cm.dueOn',
      'cm.departmentUnitId',
      'p.name as projectName',
    ])
    .where('cm.districtId', '=', c.districtId)
    .where('cm.status', '=', 'pending')
    .where('cm.dueOn', '<=', horizon)
    .execute();
  for (const r of rows) {
    const o = occasion(r.dueOn, c.today);
    const people = [
      ...(await unitPeople(c, r.departmentUnitId, DEPARTMENT_HANDLERS)),
      ...(await unitPeople(c, r.unitId, UNIT_WORKERS)),
    ];
    await tell(c, rule, people, {
      kind: `commitment.${o}`,
      subjectType: 'commitment',
      subjectId: r.id,
      title: `承诺事项${DUE_LABEL[o]}：${r.projectName}`,
      body: `${r.content.slice(0, 200)}（兑现期限 ${r.dueOn}）`,
      link: `/landing/commitments?projectId=${r.projectId}`,
      dueOn: r.dueOn,
      dedupeKey: `commitment.${o}:${r.id}:${r.dueOn}`,
    });
  }
}

// ---------------------------------------------------------------- e) agreement milestones

async function checkMilestones(c: Ctx): Promise<void> {
  const rule = c.rules.milestone;
  if (!rule.enabled) return;
  const horizon = addDays(c.today, rule.daysBefore);
  const rows = await c.trx
    .selectFrom('milestones as m')
    .innerJoin('projects as p', 'p.id', 'm.projectId')
    .select(['m.id', 'm.unitId', 'm.projectId', 'm.description', 'm.dueDate', 'p.name as projectName'])
    .where('m.districtId', '=', c.districtId)
    .where('m.status', '=', 'pending')
    .where('m.dueDate', '<=', horizon)
    .execute();
  for (const r of rows) {
    const o = occasion(r.dueDate, c.today);
    await tell(c, rule, await unitPeople(c, r.unitId, UNIT_WORKERS), {
      kind: `milestone.${o}`,
      subjectType: 'milestone',
      subjectId: r.id,
      title: `协议节点${DUE_LABEL[o]}：${r.projectName}`,
      body: `${r.description.slice(0, 200)}（${r.dueDate}）`,
      link: `/projects/${r.projectId}`,
      dueOn: r.dueDate,
      dedupeKey: `milestone.${o}:${r.id}:${r.dueDate}`,
    });
  }
}

// ---------------------------------------------------------------- f) monthly capital reports

const lastMonthOf = (today: string) => {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** The same rule the dashboard counts as 资金月报未报 (bulletins.compose missingReports, last month, today). */
async function checkCapitalReports(c: Ctx): Promise<void> {
  const rule = c.rules.capital_report;
  if (!rule.enabled) return;
  const units = await c.trx
    .selectFrom('units')
    .select('id')
    .where('districtId', '=', c.districtId)
    .where('active', '=', true)
    .where('kind', '<>', 'department')
    .execute();
  const month = lastMonthOf(c.today);
  const missing = await missingReports(
    c.trx,
    c.districtId,
    units.map((u) => u.id),
    [month],
    c.today,
  );
  for (const m of missing) {
    await tell(c, rule, await unitPeople(c, m.unitId, UNIT_WORKERS), {
      kind: 'capital.missing',
      subjectType: 'unit',
      subjectId: m.unitId,
      title: `${month} 资金月报未报送`,
      body: `本单位 ${m.projects} 个已签约项目的 ${month} 资金月报尚未报送，已过报送期限`,
      link: `/capital?month=${month}`,
      dueOn: null,
      dedupeKey: `capital.missing:${m.unitId}:${month}`,
    });
  }
}

// ---------------------------------------------------------------- g) pre-review opinions

async function checkPreReviewOpinions(c: Ctx): Promise<void> {
  const rule = c.rules.pre_review_opinion;
  if (!rule.enabled) return;
  const horizon = addDays(c.today, rule.daysBefore);
  const rows = await c.trx
    .selectFrom('preReviewOpinions as o')
    .innerJoin('preReviews as r', 'r.id', 'o.reviewId')
    .innerJoin('projects as p', 'p.id', 'r.projectId')
    .select(['o.id', 'o.reviewId', 'o.departmentUnitId', 'o.dueOn', 'p.name as projectName'])
    .where('o.districtId', '=', c.districtId)
    .where('o.answeredAt', 'is', null)
    .where('o.dueOn', '<=', horizon)
    .where('r.status', '=', 'open')
    .execute();
  for (const r of rows) {
    const o = occasion(r.dueOn, c.today);
    await tell(c, rule, await unitPeople(c, r.departmentUnitId, DEPARTMENT_HANDLERS), {
      kind: `pre_review.${o}`,
      subjectType: 'pre_review',
      subjectId: r.reviewId,
      title: `预审意见${DUE_LABEL[o]}：${r.projectName}`,
      body: `请于 ${r.dueOn} 前出具预审意见`,
      link: `/landing/pre-reviews/${r.reviewId}`,
      dueOn: r.dueOn,
      dedupeKey: `pre_review.${o}:${r.id}:${r.dueOn}`,
    });
  }
}

// ---------------------------------------------------------------- h) first-contact officer

const SIGNED_PLUS = ['signed', 'landed', 'started', 'producing'];

/**
 * A signed project without a 首席服务员 after the window: the rule is domain/landing/first-contact.ts
 * (firstContactOverdue, also used by the team tab and the inbox). SQL only narrows the rows to those that can
 * be late (no officer, signed longer ago than the shorter, green-channel window); the rule decides.
 */
async function checkFirstContact(c: Ctx): Promise<void> {
  const rule = c.rules.first_contact;
  if (!rule.enabled) return;
  const settings = { firstContactDays: c.settings.firstContactDays };
  const { rows } = await sql<{
    id: string;
    unitId: string;
    name: string;
    stage: string;
    signingDate: string;
    firstContactOfficer: string | null;
    greenChannel: boolean;
  }>`
    select p.id, p.unit_id, p.name, p.stage, p.signing_date, p.first_contact_officer, p.green_channel
    from projects p
    where p.district_id = ${c.districtId} and p.stage = any(${SIGNED_PLUS}::text[])
      and coalesce(trim(p.first_contact_officer), '') = '' and p.signing_date is not null
      and p.signing_date + ${clockDays(settings.firstContactDays, true)}::int < ${c.today}::date`.execute(
    c.trx,
  );
  for (const r of rows) {
    const check = firstContactOverdue(r, settings, c.today);
    if (!check.overdue || !check.dueOn) continue;
    const people = [
      ...(await unitPeople(c, r.unitId, UNIT_WORKERS)),
      ...(await districtPeople(c, ['center_admin'])),
    ];
    await tell(c, rule, people, {
      kind: 'first_contact.overdue',
      subjectType: 'project',
      subjectId: r.id,
      title: `未明确首席服务员：${r.name}`,
      body: `项目于 ${r.signingDate} 签约，应于 ${check.dueOn} 前明确首席服务员，已逾期 ${check.daysLate} 天`,
      link: `/projects/${r.id}`,
      dueOn: check.dueOn,
      dedupeKey: `first_contact.overdue:${r.id}:${r.signingDate}`,
    });
  }
}

// ---------------------------------------------------------------- i) supervision notices

async function checkSupervision(c: Ctx): Promise<void> {
  const rule = c.rules.supervision_notice;
  if (!rule.enabled) return;
  const rows = await c.trx
    .selectFrom('supervisionNotices')
    .select(['id', 'unitId', 'year', 'number', 'subject', 'replyDueOn'])
    .where('districtId', '=', c.districtId)
    .where('status', '=', 'issued')
    .where('replyDueOn', '<', c.today)
    .execute();
  for (const r of rows) {
    const people = [
      ...(await unitPeople(c, r.unitId, [...UNIT_WORKERS, ...DEPARTMENT_HANDLERS])),
      ...(await districtPeople(c, ['supervisor'])),
    ];
    await tell(c, rule, people, {
      kind: 'supervision.overdue',
      subjectType: 'supervision_notice',
      subjectId: r.id,
      title: `督办单逾期未回复：${r.subject}`,
      body: `回复期限 ${r.replyDueOn}`,
      link: `/landing/supervision/${r.id}`,
      dueOn: r.replyDueOn,
      dedupeKey: `supervision.overdue:${r.id}:${r.replyDueOn}`,
    });
  }
}

const CHECKS: [CheckName, (c: Ctx) => Promise<void>][] = [
  ['leads', checkLeads],
  ['procedures', checkProcedures],
  ['problems', checkProblems],
  ['escalations', checkEscalations],
  ['commitments', checkCommitments],
  ['milestones', checkMilestones],
  ['capitalReports', checkCapitalReports],
  ['preReviewOpinions', checkPreReviewOpinions],
  ['firstContact', checkFirstContact],
  ['supervision', checkSupervision],
];

export function runReminders(db: Database, now: Date, opts: RunOptions = {}): Promise<RunResult> {
  return db.transaction().execute((trx) => remindInTransaction(trx, now, opts));
}

/**
 * The job's body inside a caller's transaction (the demo setup runs it in its own): the lock is transaction
 * scoped, so it is released exactly when the notices it guarded are committed or rolled back.
 */
export async function remindInTransaction(
  trx: Transaction<DB>,
  now: Date,
  opts: RunOptions = {},
): Promise<RunResult> {
  const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${REMINDER_LOCK}) as ok`.execute(
    trx,
  );
  if (!lock.rows[0]?.ok) return { skipped: true as const };
  await opts.onLocked?.(trx);
  const t0 = Date.now();
  const today = chinaToday(now);
  const run = await trx
    .insertInto('jobRuns')
    .values({ job: 'reminders', startedAt: now, host: os.hostname(), detail: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const districts = await trx
    .selectFrom('regions as r')
    .leftJoin('districtSettings as ds', 'ds.districtId', 'r.id')
    .select(['r.id', 'ds.problemEscalateDays', 'ds.firstContactDays'])
    .where('r.kind', '=', 'district')
    .$if(opts.districtId !== undefined, (q) => q.where('r.id', '=', opts.districtId!))
    .execute();
  const counts = Object.fromEntries(CHECKS.map(([name]) => [name, 0])) as Record<CheckName, number>;
  const ms = Object.fromEntries(CHECKS.map(([name]) => [name, 0])) as Record<CheckName, number>;
  let outbound = 0;
  for (const d of districts) {
    const ruleRows = await trx
      .selectFrom('reminderRules')
      .select(['kind', 'enabled', 'daysBefore', 'escalateAfterDays', 'channels'])
      .where('districtId', '=', d.id)
      .execute();
    const c: Ctx = {
      trx,
      districtId: d.id,
      today,
      at: now,
      rules: effectiveRules(ruleRows),
      // The migration's defaults, for a district that never saved its settings.
      settings: {
        problemEscalateDays: d.problemEscalateDays ?? 3,
        firstContactDays: d.firstContactDays ?? 5,
      },
      recipients: new Map(),
      queued: [],
      outbound: 0,
    };
    for (const [name, check] of CHECKS) {
      const t = Date.now();
      await check(c);
      counts[name] += await flush(c);
      ms[name] += Date.now() - t;
    }
    outbound += c.outbound;
  }
  const created = Object.values(counts).reduce((a, b) => a + b, 0);
  await trx
    .updateTable('jobRuns')
    .set({
      // The run's own clock plus the time it took, so a test clock's runs still show their duration.
      finishedAt: new Date(now.getTime() + (Date.now() - t0)),
      createdCount: created,
      detail: JSON.stringify({ ...counts, outbound, districts: districts.length }),
    })
    .where('id', '=', run.id)
    .execute();
  return { skipped: false as const, runId: run.id, created, outbound, counts, ms };
}
