import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { hasPermission } from '../../../domain/access/permissions.js';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { daysOverdue, defaultDueOn } from '../../../domain/landing/clocks.js';
import { PROBLEM_EVENT_LABELS, type ProblemStatus } from '../../../domain/landing/landing-codes.js';
import {
  allowedActions,
  checkStep,
  type ProblemAction,
  type ProblemActor,
  problemClockRuns,
  stepDurations,
} from '../../../domain/landing/problem-flow.js';
import type {
  AcceptProblemInput,
  AssignProblemInput,
  CloseProblemInput,
  CommentProblemInput,
  CreateProblemInput,
  ProblemDetail,
  ProblemListQuery,
  ProblemOptions,
  ProblemSummary,
  ProblemView,
  ReopenProblemInput,
  ReplyProblemInput,
} from '../../../domain/landing/problems.schemas.js';
import type { DB, ProblemsTable } from '../../db/schema.js';
import { inScope, inScopeOrAssigned } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { problemOverdue } from '../landing/overdue.js';
import { notifyUsers } from '../notifications/notify.js';
import { checkFile, fileOfOwner, filesOfOwners, insertAttachment } from '../projects/attachments.service.js';
import { appendProblemEvent, problemStepRecipients, raiseProblem } from './problem-raise.js';
import { problemsErrors } from './problems.errors.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Who calls: the route checked a landing permission; the row still has to be readable and theirs to act on. */
export interface ProblemCaller {
  user: SessionUser;
  scope: DataScope;
}

type Row = Selectable<ProblemsTable> & {
  projectName: string | null;
  unitName: string;
  departmentName: string | null;
  raisedByName: string | null;
  greenChannel: boolean | null;
};

const DEFAULT_DEADLINE_DAYS = 15;
const STEP_EVENT = {
  assign: 'assigned',
  accept: 'accepted',
  reply: 'replied',
  close: 'closed',
  reopen: 'reopened',
} as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Reading rule: the district sees all; a unit its projects' problems; a department what is assigned to it
 * (inScopeOrAssigned), plus, for anyone, what they raised themselves (a department's own report).
 */
function readable(scope: DataScope, userId: string) {
  return sql<boolean>`(${inScopeOrAssigned(scope, {
    district: 'p.district_id',
    unit: 'p.unit_id',
    department: 'p.department_unit_id',
  })} or (p.raised_by = ${userId} and ${scope.kind !== 'none' && scope.kind !== 'city'}))`;
}

/** The sides of this problem the caller stands on (problem-flow.ts decides what each may do). */
export function actorsOf(
  c: ProblemCaller,
  p: { unitId: string; departmentUnitId: string | null },
): ProblemActor[] {
  const roles = c.user.roles;
  const out: ProblemActor[] = [];
  if (hasPermission(roles, 'landing.coordinate') && c.scope.kind === 'district') out.push('center');
  if (hasPermission(roles, 'landing.write') && c.scope.kind === 'unit' && c.scope.unitIds.includes(p.unitId))
    out.push('unit');
  if (
    hasPermission(roles, 'landing.handle') &&
    c.scope.kind === 'assigned' &&
    p.departmentUnitId !== null &&
    p.departmentUnitId === c.scope.unitId
  )
    out.push('department');
  return out;
}

export async function problemDeadlineDays(q: Q, districtId: string): Promise<number> {
  const row = await q
    .selectFrom('districtSettings')
    .select('problemDeadlineDays')
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  return row?.problemDeadlineDays ?? DEFAULT_DEADLINE_DAYS;
}

export function createProblemsService(deps: { db: Kysely<DB>; audit: AuditRepository; now: () => Date }) {
  const { db, audit, now } = deps;
  const today = () => chinaToday(now());

  function base(q: Q, c: ProblemCaller) {
    return q
      .selectFrom('problems as p')
      .innerJoin('units as un', 'un.id', 'p.unitId')
      .leftJoin('units as dep', 'dep.id', 'p.departmentUnitId')
      .leftJoin('projects as pr', 'pr.id', 'p.projectId')
      .leftJoin('users as ru', 'ru.id', 'p.raisedBy')
      .selectAll('p')
      .select([
        'un.name as unitName',
        'dep.name as departmentName',
        'pr.name as projectName',
        'pr.greenChannel as greenChannel',
        'ru.displayName as raisedByName',
      ])
      .where(readable(c.scope, c.user.id));
  }

  async function find(q: Q, c: ProblemCaller, id: string): Promise<Row> {
    const row = await base(q, c).where('p.id', '=', id).executeTakeFirst();
    if (!row) throw problemsErrors.notFound();
    return row as Row;
  }

  function summary(r: Row): ProblemSummary {
    return {
      id: r.id,
      title: r.title,
      category: r.category,
      status: r.status,
      raisedVia: r.raisedVia,
      projectId: r.projectId,
      projectName: r.projectName,
      unitId: r.unitId,
      unitName: r.unitName,
      departmentUnitId: r.departmentUnitId,
      departmentName: r.departmentName,
      leaderInCharge: r.leaderInCharge,
      deadline: r.deadline,
      daysOverdue: problemClockRuns(r.status) ? daysOverdue(r.deadline, today()) : 0,
      escalationLevel: r.escalationLevel,
      reopenCount: r.reopenCount,
      createdAt: r.createdAt.toISOString(),
    };
  }

  function view(r: Row): ProblemView {
    return {
      ...summary(r),
      districtId: r.districtId,
      description: r.description,
      raiserName: r.raiserName,
      raisedByName: r.raisedByName,
      leaderUserId: r.leaderUserId,
      countermeasure: r.countermeasure,
      reply: r.reply,
      assignedAt: iso(r.assignedAt),
      acceptedAt: iso(r.acceptedAt),
      repliedAt: iso(r.repliedAt),
      closedAt: iso(r.closedAt),
      escalatedAt: iso(r.escalatedAt),
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  function listWhere(f: Partial<ProblemListQuery>) {
    const c = [sql<boolean>`true`];
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      c.push(sql<boolean>`(p.title ilike ${like} or p.description ilike ${like} or pr.name ilike ${like})`);
    }
    if (f.status) c.push(sql<boolean>`p.status = ${f.status}`);
    if (f.category) c.push(sql<boolean>`p.category = ${f.category}`);
    if (f.departmentUnitId) c.push(sql<boolean>`p.department_unit_id = ${f.departmentUnitId}`);
    if (f.unitId) c.push(sql<boolean>`p.unit_id = ${f.unitId}`);
    if (f.projectId) c.push(sql<boolean>`p.project_id = ${f.projectId}`);
    if (f.raisedVia) c.push(sql<boolean>`p.raised_via = ${f.raisedVia}`);
    if (f.overdue) c.push(problemOverdue('p', today()));
    if (f.escalated) c.push(sql<boolean>`p.escalation_level > 0`);
    return sql<boolean>`(${sql.join(c, sql` and `)})`;
  }

  async function list(
    c: ProblemCaller,
    f: ProblemListQuery,
  ): Promise<{ items: ProblemSummary[]; total: number }> {
    const where = listWhere(f);
    const [rows, total] = await Promise.all([
      base(db, c)
        .where(where)
        // Open before closed, the most overdue first, then the newest.
        .orderBy(sql`case when p.status = 'closed' then 1 else 0 end`)
        .orderBy(sql`case when p.status in ('assigned', 'accepted') then p.deadline end asc nulls last`)
        .orderBy('p.createdAt', 'desc')
        .orderBy('p.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      db
        .selectFrom('problems as p')
        .leftJoin('projects as pr', 'pr.id', 'p.projectId')
        .where(readable(c.scope, c.user.id))
        .where(where)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { total: Number(total.n), items: rows.map((r) => summary(r as Row)) };
  }

  async function eventsOf(q: Q, id: string) {
    const rows = await q
      .selectFrom('problemEvents as e')
      .leftJoin('users as u', 'u.id', 'e.userId')
      .select(['e.id', 'e.kind', 'e.note', 'e.username', 'u.displayName', 'e.viaPortal', 'e.at'])
      .where('e.problemId', '=', id)
      .orderBy('e.at')
      // Steps written in the same instant (a demo, a fast clock) still read in the loop's order.
      .orderBy(
        sql`array_position(array['raised', 'assigned', 'accepted', 'replied', 'closed', 'reopened', 'escalated', 'comment'], e.kind)`,
      )
      .orderBy('e.id')
      .execute();
    const list = rows.map((r) => ({ ...r, displayName: r.displayName ?? null, at: r.at.toISOString() }));
    const durations = stepDurations(list);
    return list.map((e, i) => ({ ...e, sinceStep: durations[i] ?? null }));
  }

  async function filesOf(q: Q, id: string) {
    return (await filesOfOwners(q, 'problem', [id])).map(({ ownerId: _, kind: __, ...f }) => f);
  }

  async function detailOf(q: Q, c: ProblemCaller, id: string): Promise<ProblemDetail> {
    const row = await find(q, c, id);
    const actors = actorsOf(c, row);
    const [events, files] = await Promise.all([eventsOf(q, id), filesOf(q, id)]);
    return {
      problem: view(row),
      events,
      files,
      actions: allowedActions(row.status, actors),
      canUpload: actors.length > 0 && row.status !== 'closed',
    };
  }

  const detail = (c: ProblemCaller, id: string) => detailOf(db, c, id);

  async function options(c: ProblemCaller): Promise<ProblemOptions> {
    const districtId = c.user.districtId;
    const [departments, leaders, deadlineDays] = await Promise.all([
      db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('districtId', '=', districtId)
        .where('kind', '=', 'department')
        .where('active', '=', true)
        .orderBy('sortOrder')
        .orderBy('name')
        .execute(),
      db
        .selectFrom('users as u')
        .innerJoin('userRoles as r', 'r.userId', 'u.id')
        .select(['u.id', 'u.displayName'])
        .distinct()
        .where('u.districtId', '=', districtId)
        .where('u.status', '=', 'active')
        .where('r.role', '=', 'leader')
        .orderBy('u.displayName')
        .execute(),
      problemDeadlineDays(db, districtId),
    ]);
    return { departments, leaders, deadlineDays };
  }

  // ---- writing -----------------------------------------------------------------------------------------------

  const by = (c: ProblemCaller) => ({ userId: c.user.id, username: c.user.username, at: now() });

  async function create(
    c: ProblemCaller,
    actor: AuditActor,
    input: CreateProblemInput,
  ): Promise<ProblemDetail> {
    const roles = c.user.roles;
    const asUnit = hasPermission(roles, 'landing.write');
    const asDepartment = !asUnit && hasPermission(roles, 'landing.handle');
    if (!asUnit && !asDepartment) throw problemsErrors.cannotRaise();
    return db.transaction().execute(async (trx) => {
      // The unit's people raise on their own projects; a department on any project of its district.
      let projectQuery = trx
        .selectFrom('projects as pr')
        .select(['pr.id', 'pr.districtId', 'pr.unitId'])
        .where('pr.id', '=', input.projectId);
      projectQuery = asUnit
        ? projectQuery.where(inScope(c.scope, { district: 'pr.district_id', unit: 'pr.unit_id' }))
        : projectQuery.where('pr.districtId', '=', c.user.districtId);
      const project = await projectQuery.executeTakeFirst();
      if (!project) throw problemsErrors.projectInvalid();
      const row = await raiseProblem(
        trx,
        {
          districtId: project.districtId,
          unitId: project.unitId,
          projectId: project.id,
          raisedVia: asUnit ? 'unit' : 'department',
          raisedBy: c.user.id,
          raiserName: c.user.displayName.slice(0, 40),
          portalTokenId: null,
          title: input.title,
          description: input.description,
          category: input.category,
        },
        { userId: c.user.id, username: c.user.username, viaPortal: false, at: now() },
      );
      await audit.append(trx, actor, {
        action: 'problems.create',
        objectType: 'problem',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, input),
      });
      return detailOf(trx, c, row.id);
    });
  }

  /**
   * One step of the loop: lock the row, check side, state and version (403 / 409 / 409), apply `patch`, write
   * the timeline entry, the audit row and the notices, all in one transaction.
   */
  async function step(
    c: ProblemCaller,
    actor: AuditActor,
    id: string,
    action: Exclude<ProblemAction, 'comment'>,
    version: number,
    note: string | null,
    build: (
      trx: Transaction<DB>,
      row: Row,
    ) => Promise<Partial<Omit<Selectable<ProblemsTable>, 'id' | 'districtId' | 'version'>>>,
  ): Promise<ProblemDetail> {
    return db.transaction().execute(async (trx) => {
      await find(trx, c, id);
      await trx.selectFrom('problems').select('id').where('id', '=', id).forUpdate().execute();
      const row = await find(trx, c, id);
      const check = checkStep(action, row.status, actorsOf(c, row));
      if (!check.ok) {
        throw check.reason === 'actor'
          ? problemsErrors.notAllowed(action)
          : problemsErrors.wrongStatus(action, row.status);
      }
      if (row.version !== version) throw problemsErrors.stale(row.version);
      const at = now();
      const patch = { ...(await build(trx, row)), status: check.to as ProblemStatus, updatedAt: at };
      const updated = await trx
        .updateTable('problems')
        .set({ ...patch, version: row.version + 1 })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const kind = STEP_EVENT[action];
      await appendProblemEvent(trx, row, kind, note, { ...by(c), at });
      const keys = Object.keys(patch).filter((k) => k !== 'updatedAt');
      const pick = (r: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, r[k]]));
      await audit.append(trx, actor, {
        action: `problems.${action}`,
        objectType: 'problem',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(row), pick(updated)),
      });
      await notifyUsers(
        trx,
        row.districtId,
        (await problemStepRecipients(trx, updated, kind)).filter((u) => u !== c.user.id),
        {
          kind: `problem.${kind}`,
          subjectType: 'problem',
          subjectId: id,
          title: `问题${PROBLEM_EVENT_LABELS[kind].zh}：${row.title}`,
          body: note,
          link: `/landing/problems/${id}`,
          dueOn: updated.deadline,
          dedupeKey: `problem.${kind}:${id}:${at.getTime()}`,
        },
        at,
      );
      return detailOf(trx, c, id);
    });
  }

  async function checkDeadline(trx: Transaction<DB>, row: Row, deadline: string | null) {
    const d = today();
    if (deadline !== null) {
      if (deadline < d) throw problemsErrors.deadlinePast(d);
      return deadline;
    }
    return defaultDueOn(d, await problemDeadlineDays(trx, row.districtId), row.greenChannel ?? false);
  }

  function assign(c: ProblemCaller, actor: AuditActor, id: string, input: AssignProblemInput) {
    return step(c, actor, id, 'assign', input.version, input.countermeasure, async (trx, row) => {
      const department = await trx
        .selectFrom('units')
        .select('id')
        .where('id', '=', input.departmentUnitId)
        .where('districtId', '=', row.districtId)
        .where('kind', '=', 'department')
        .where('active', '=', true)
        .executeTakeFirst();
      if (!department) throw problemsErrors.departmentInvalid();
      let leaderName = input.leaderInCharge || null;
      if (input.leaderUserId) {
        const leader = await trx
          .selectFrom('users as u')
          .innerJoin('userRoles as r', 'r.userId', 'u.id')
          .select('u.displayName')
          .where('u.id', '=', input.leaderUserId)
          .where('u.districtId', '=', row.districtId)
          .where('r.role', '=', 'leader')
          .executeTakeFirst();
        if (!leader) throw problemsErrors.leaderInvalid();
        leaderName ??= leader.displayName.slice(0, 40);
      }
      if (!leaderName) throw problemsErrors.leaderRequired();
      const at = now();
      return {
        departmentUnitId: input.departmentUnitId,
        leaderInCharge: leaderName,
        leaderUserId: input.leaderUserId,
        countermeasure: input.countermeasure,
        deadline: await checkDeadline(trx, row, input.deadline),
        assignedAt: at,
        acceptedAt: null,
        repliedAt: null,
        // A fresh deadline starts a fresh escalation ladder (the reminder job climbs it again if need be).
        escalationLevel: 0,
        escalatedAt: null,
      };
    });
  }

  function accept(c: ProblemCaller, actor: AuditActor, id: string, input: AcceptProblemInput) {
    return step(c, actor, id, 'accept', input.version, input.note, async () => ({ acceptedAt: now() }));
  }

  function reply(c: ProblemCaller, actor: AuditActor, id: string, input: ReplyProblemInput) {
    return step(c, actor, id, 'reply', input.version, input.reply, async () => ({
      reply: input.reply,
      repliedAt: now(),
    }));
  }

  function close(c: ProblemCaller, actor: AuditActor, id: string, input: CloseProblemInput) {
    return step(c, actor, id, 'close', input.version, input.note, async () => ({ closedAt: now() }));
  }

  /**
   * 重新交办: back to the same department with a fresh deadline. The row's step times describe the current
   * round (accepted / replied / closed are cleared, assigned is now); the earlier round stays in the timeline.
   */
  function reopen(c: ProblemCaller, actor: AuditActor, id: string, input: ReopenProblemInput) {
    return step(c, actor, id, 'reopen', input.version, input.reason, async (trx, row) => ({
      deadline: await checkDeadline(trx, row, input.deadline),
      assignedAt: now(),
      acceptedAt: null,
      repliedAt: null,
      closedAt: null,
      reply: null,
      reopenCount: row.reopenCount + 1,
      escalationLevel: 0,
      escalatedAt: null,
    }));
  }

  async function comment(c: ProblemCaller, actor: AuditActor, id: string, input: CommentProblemInput) {
    return db.transaction().execute(async (trx) => {
      const row = await find(trx, c, id);
      const check = checkStep('comment', row.status, actorsOf(c, row));
      if (!check.ok) throw problemsErrors.notAllowed('comment');
      await appendProblemEvent(trx, row, 'comment', input.note, by(c));
      await audit.append(trx, actor, {
        action: 'problems.comment',
        objectType: 'problem',
        objectId: id,
        result: 'success',
        changes: diffFields(null, { note: input.note }),
      });
      return detailOf(trx, c, id);
    });
  }

  async function upload(
    c: ProblemCaller,
    actor: AuditActor,
    id: string,
    file: { filename: string; content: Buffer },
  ) {
    const checked = await checkFile(file);
    return db.transaction().execute(async (trx) => {
      const row = await find(trx, c, id);
      if (actorsOf(c, row).length === 0) throw problemsErrors.notAllowed('comment');
      if (row.status === 'closed') throw problemsErrors.closedNoUpload();
      const saved = await insertAttachment(
        trx,
        { type: 'problem', id, districtId: row.districtId },
        'problem',
        checked,
        { userId: c.user.id, at: now() },
      );
      await audit.append(trx, actor, {
        action: 'problems.file_upload',
        objectType: 'problem',
        objectId: id,
        result: 'success',
        changes: {
          attachment: {
            before: null,
            after: { id: saved.id, filename: saved.filename, sha256: saved.sha256 },
          },
        },
      });
      return {
        id: saved.id,
        filename: saved.filename,
        contentType: saved.contentType,
        sizeBytes: saved.sizeBytes,
        sha256: saved.sha256,
        uploadedAt: saved.uploadedAt.toISOString(),
      };
    });
  }

  /** Served to whoever reads the problem. */
  async function download(c: ProblemCaller, id: string, fileId: string) {
    await find(db, c, id);
    const file = await fileOfOwner(db, 'problem', id, fileId);
    if (!file) throw problemsErrors.fileNotFound();
    return file;
  }

  return { list, detail, options, create, assign, accept, reply, close, reopen, comment, upload, download };
}

export type ProblemsService = ReturnType<typeof createProblemsService>;
