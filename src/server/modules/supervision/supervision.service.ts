import { type Kysely, sql, type Transaction } from 'kysely';
import { hasPermission } from '../../../domain/access/permissions.js';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { daysOverdue, isOverdue } from '../../../domain/landing/clocks.js';
import { type SupervisionReplyKind, supervisionNumberLabel } from '../../../domain/landing/landing-codes.js';
import type {
  CloseSupervisionInput,
  FollowUpSupervisionInput,
  IssueSupervisionInput,
  ReplySupervisionInput,
  SupervisionDetail,
  SupervisionListQuery,
  SupervisionNoticeView,
} from '../../../domain/supervision/supervision.schemas.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { supervisionOverdue } from '../landing/overdue.js';
import {
  DEPARTMENT_HANDLERS,
  districtRecipients,
  notifyUsers,
  UNIT_WORKERS,
  unitRecipients,
} from '../notifications/notify.js';
import {
  attachmentErrors,
  checkFile,
  fileOfOwner,
  filesOfOwners,
  insertAttachment,
} from '../projects/attachments.service.js';
import { supervisionErrors } from './supervision.errors.js';

// 督办单 (issue 5 item 7). The supervision office (supervision.issue) issues a numbered notice to a unit or
// department; the recipient (supervision.reply, reading the notice through inScope on its unit_id) replies; the
// office follows up with a new reply due date (back to `issued`) or closes it. Every step is a row of
// supervision_replies (the timeline), an audit row and a notice to whoever acts next, in one transaction.

type Q = Kysely<DB> | Transaction<DB>;

export function createSupervisionService(deps: { db: Kysely<DB>; audit: AuditRepository; now: () => Date }) {
  const { db, audit, now } = deps;
  const today = () => chinaToday(now());
  const scoped = (scope: DataScope) => inScope(scope, { district: 'n.district_id', unit: 'n.unit_id' });

  function base(q: Q) {
    return q
      .selectFrom('supervisionNotices as n')
      .innerJoin('units as un', 'un.id', 'n.unitId')
      .leftJoin('projects as p', 'p.id', 'n.projectId')
      .leftJoin('problems as pb', 'pb.id', 'n.problemId')
      .selectAll('n')
      .select(['un.name as unitName', 'p.name as projectName', 'pb.title as problemTitle']);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

  function present(r: Row, d: string): SupervisionNoticeView {
    const open = r.status === 'issued';
    return {
      id: r.id,
      year: r.year,
      number: r.number,
      numberLabel: supervisionNumberLabel(r.year, r.number),
      unitId: r.unitId,
      unitName: r.unitName,
      subject: r.subject,
      body: r.body,
      replyDueOn: r.replyDueOn,
      status: r.status,
      overdue: isOverdue(r.replyDueOn, open, d),
      daysOverdue: open ? daysOverdue(r.replyDueOn, d) : 0,
      projectId: r.projectId,
      projectName: r.projectName,
      problemId: r.problemId,
      problemTitle: r.problemTitle,
      issuedAt: r.issuedAt.toISOString(),
      closedAt: r.closedAt ? r.closedAt.toISOString() : null,
      version: r.version,
    };
  }

  async function find(q: Q, scope: DataScope, id: string, lock = false) {
    let query = base(q).where('n.id', '=', id).where(scoped(scope));
    if (lock) query = query.forUpdate('n');
    const row = await query.executeTakeFirst();
    if (!row) throw supervisionErrors.notFound();
    return row;
  }

  /** The recipient unit's own people: a town's reporters and head, or the department's handlers. */
  function isRecipient(u: SessionUser, scope: DataScope, unitId: string) {
    if (!hasPermission(u.roles, 'supervision.reply')) return false;
    if (scope.kind === 'unit') return scope.unitIds.includes(unitId);
    if (scope.kind === 'assigned') return scope.unitId === unitId;
    return false;
  }
  const isOffice = (u: SessionUser) => hasPermission(u.roles, 'supervision.issue');

  async function list(scope: DataScope, q: SupervisionListQuery) {
    const d = today();
    const s = `%${q.q ?? ''}%`;
    const filtered = base(db)
      .where(scoped(scope))
      .$if(q.status !== undefined, (w) => w.where('n.status', '=', q.status!))
      .$if(q.unitId !== undefined, (w) => w.where('n.unitId', '=', q.unitId!))
      .$if(q.year !== undefined, (w) => w.where('n.year', '=', q.year!))
      .$if(!!q.q, (w) =>
        w.where(
          sql<boolean>`(n.subject ilike ${s} or n.body ilike ${s} or ('督办〔' || n.year || '〕' || n.number || '号') like ${s})`,
        ),
      );
    const listed = filtered.$if(q.overdue === 'true', (w) => w.where(supervisionOverdue('n', d)));
    const [rows, total, overdueTotal] = await Promise.all([
      listed
        .orderBy('n.year', 'desc')
        .orderBy('n.number', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      listed
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      filtered
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where(supervisionOverdue('n', d))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => present(r, d)),
      total: Number(total.n),
      overdueTotal: Number(overdueTotal.n),
    };
  }

  async function detail(u: SessionUser, scope: DataScope, id: string, q: Q = db): Promise<SupervisionDetail> {
    const row = await find(q, scope, id);
    const [timeline, files] = await Promise.all([
      q
        .selectFrom('supervisionReplies')
        .selectAll()
        .where('noticeId', '=', id)
        .orderBy('at')
        .orderBy('id')
        .execute(),
      filesOfOwners(q, 'supervision_notice', [id]),
    ]);
    const office = isOffice(u);
    const recipient = isRecipient(u, scope, row.unitId);
    const open = row.status !== 'closed';
    return {
      ...present(row, today()),
      timeline: timeline.map((t) => ({
        id: t.id,
        kind: t.kind,
        text: t.text,
        replyDueOn: t.replyDueOn,
        username: t.username,
        at: t.at.toISOString(),
      })),
      files: files.map(({ ownerId: _, kind: __, ...f }) => f),
      can: {
        reply: recipient && row.status === 'issued',
        followUp: office && open,
        close: office && open,
        upload: (office || recipient) && open,
      },
    };
  }

  async function issue(u: SessionUser, scope: DataScope, actor: AuditActor, input: IssueSupervisionInput) {
    const d = today();
    if (input.replyDueOn < d) throw supervisionErrors.dueInPast();
    const districtId = u.districtId;
    return db.transaction().execute(async (trx) => {
      const unit = await trx
        .selectFrom('units')
        .select(['id'])
        .where('id', '=', input.unitId)
        .where('districtId', '=', districtId)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!unit) throw supervisionErrors.unit();
      let projectId = input.projectId;
      if (input.problemId) {
        const problem = await trx
          .selectFrom('problems')
          .select(['id', 'projectId'])
          .where('id', '=', input.problemId)
          .where('districtId', '=', districtId)
          .executeTakeFirst();
        if (!problem) throw supervisionErrors.problem();
        projectId = projectId ?? problem.projectId;
      }
      if (projectId) {
        const project = await trx
          .selectFrom('projects')
          .select('id')
          .where('id', '=', projectId)
          .where('districtId', '=', districtId)
          .executeTakeFirst();
        if (!project) throw supervisionErrors.project();
      }
      const year = Number(d.slice(0, 4));
      // N counts per district per year: two notices issued at the same moment must not take the same number.
      // The transaction-scoped advisory lock serialises numbering for this district and year only (released at
      // commit), so the unique (district_id, year, number) is never hit.
      await sql`select pg_advisory_xact_lock(hashtext(${`supervision:${districtId}:${year}`}))`.execute(trx);
      const { max } = await trx
        .selectFrom('supervisionNotices')
        .select((eb) => eb.fn.max<number>('number').as('max'))
        .where('districtId', '=', districtId)
        .where('year', '=', year)
        .executeTakeFirstOrThrow();
      const at = now();
      const row = await trx
        .insertInto('supervisionNotices')
        .values({
          districtId,
          unitId: input.unitId,
          year,
          number: (max ?? 0) + 1,
          subject: input.subject,
          body: input.body,
          replyDueOn: input.replyDueOn,
          projectId,
          problemId: input.problemId,
          issuedBy: u.id,
          issuedAt: at,
          closedAt: null,
          updatedAt: at,
        })
        .returning(['id', 'year', 'number'])
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'supervision.issue',
        objectType: 'supervision_notice',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, {
          number: supervisionNumberLabel(row.year, row.number),
          ...input,
          projectId,
        }),
      });
      await notifyRecipients(trx, districtId, input.unitId, row.id, 'supervision.issued', {
        title: `${supervisionNumberLabel(row.year, row.number)} ${input.subject}`,
        dueOn: input.replyDueOn,
        key: String(at.getTime()),
        at,
      });
      return detail(u, scope, row.id, trx);
    });
  }

  async function notifyRecipients(
    trx: Transaction<DB>,
    districtId: string,
    unitId: string,
    noticeId: string,
    kind: string,
    n: { title: string; dueOn: string; key: string; at: Date },
  ) {
    const users = await unitRecipients(trx, unitId, [...UNIT_WORKERS, ...DEPARTMENT_HANDLERS]);
    await notifyUsers(
      trx,
      districtId,
      users,
      {
        kind,
        subjectType: 'supervision_notice',
        subjectId: noticeId,
        title: n.title,
        link: `/landing/supervision/${noticeId}`,
        dueOn: n.dueOn,
        dedupeKey: `${kind}:${noticeId}:${n.key}`,
      },
      n.at,
    );
  }

  /** One step of the exchange: checks the version and the state, writes the timeline entry and the audit row. */
  async function step(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    id: string,
    o: {
      kind: SupervisionReplyKind;
      version: number;
      text: string;
      allowed: (status: string) => boolean;
      who: (unitId: string) => boolean;
      set: { status: 'issued' | 'replied' | 'closed'; replyDueOn?: string };
      after: (trx: Transaction<DB>, row: Row, at: Date, replyId: string) => Promise<void>;
    },
  ) {
    return db.transaction().execute(async (trx) => {
      const row = await find(trx, scope, id, true);
      if (!o.who(row.unitId)) throw supervisionErrors.notYours();
      if (row.version !== o.version) throw supervisionErrors.stale(row.version);
      if (!o.allowed(row.status)) throw supervisionErrors.wrongStatus(row.status);
      // The timeline is ordered by time; two steps within one clock tick still keep their order (the notice is
      // locked, so the previous step's time is final).
      const last = await trx
        .selectFrom('supervisionReplies')
        .select((eb) => eb.fn.max('at').as('at'))
        .where('noticeId', '=', id)
        .executeTakeFirst();
      const clock = now();
      const lastAt = last?.at ? new Date(last.at as unknown as string) : null;
      const at = lastAt && lastAt >= clock ? new Date(lastAt.getTime() + 1) : clock;
      await trx
        .updateTable('supervisionNotices')
        .set({
          status: o.set.status,
          ...(o.set.replyDueOn ? { replyDueOn: o.set.replyDueOn } : {}),
          closedAt: o.set.status === 'closed' ? at : null,
          version: sql`version + 1`,
          updatedAt: at,
        })
        .where('id', '=', id)
        .execute();
      const reply = await trx
        .insertInto('supervisionReplies')
        .values({
          districtId: row.districtId,
          noticeId: id,
          kind: o.kind,
          text: o.text,
          replyDueOn: o.set.replyDueOn ?? null,
          userId: u.id,
          username: u.username,
          at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: `supervision.${o.kind}`,
        objectType: 'supervision_notice',
        objectId: id,
        result: 'success',
        changes: diffFields(
          { status: row.status, replyDueOn: row.replyDueOn },
          { status: o.set.status, replyDueOn: o.set.replyDueOn ?? row.replyDueOn, text: o.text },
        ),
      });
      await o.after(trx, row, at, reply.id);
      return detail(u, scope, id, trx);
    });
  }

  const reply = (
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    id: string,
    input: ReplySupervisionInput,
  ) =>
    step(u, scope, actor, id, {
      kind: 'reply',
      version: input.version,
      text: input.text,
      allowed: (s) => s === 'issued',
      who: (unitId) => isRecipient(u, scope, unitId),
      set: { status: 'replied' },
      after: async (trx, row, at, replyId) => {
        const users = await districtRecipients(trx, row.districtId, ['supervisor']);
        await notifyUsers(
          trx,
          row.districtId,
          users,
          {
            kind: 'supervision.replied',
            subjectType: 'supervision_notice',
            subjectId: row.id,
            title: `${row.unitName} 已回复 ${supervisionNumberLabel(row.year, row.number)}`,
            body: input.text,
            link: `/landing/supervision/${row.id}`,
            dedupeKey: `supervision.replied:${row.id}:${replyId}`,
          },
          at,
        );
      },
    });

  function followUp(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    id: string,
    input: FollowUpSupervisionInput,
  ) {
    if (input.replyDueOn < today()) throw supervisionErrors.dueInPast();
    return step(u, scope, actor, id, {
      kind: 'follow_up',
      version: input.version,
      text: input.text,
      allowed: (s) => s !== 'closed',
      who: () => isOffice(u),
      set: { status: 'issued', replyDueOn: input.replyDueOn },
      after: (trx, row, at, replyId) =>
        notifyRecipients(trx, row.districtId, row.unitId, row.id, 'supervision.followed_up', {
          title: `继续督办 ${supervisionNumberLabel(row.year, row.number)} ${row.subject}`,
          dueOn: input.replyDueOn,
          key: replyId,
          at,
        }),
    });
  }

  const close = (
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    id: string,
    input: CloseSupervisionInput,
  ) =>
    step(u, scope, actor, id, {
      kind: 'close',
      version: input.version,
      text: input.text,
      allowed: (s) => s !== 'closed',
      who: () => isOffice(u),
      set: { status: 'closed' },
      after: async () => {},
    });

  async function uploadFile(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    id: string,
    file: { filename: string; content: Buffer },
  ) {
    const checked = await checkFile(file);
    return db.transaction().execute(async (trx) => {
      const row = await find(trx, scope, id, true);
      if (!isOffice(u) && !isRecipient(u, scope, row.unitId)) throw supervisionErrors.notYours();
      if (row.status === 'closed') throw supervisionErrors.wrongStatus(row.status);
      const saved = await insertAttachment(
        trx,
        { type: 'supervision_notice', id, districtId: row.districtId },
        'supervision_notice',
        checked,
        { userId: u.id, at: now() },
      );
      await audit.append(trx, actor, {
        action: 'supervision.file_upload',
        objectType: 'supervision_notice',
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

  async function download(scope: DataScope, id: string, attachmentId: string) {
    await find(db, scope, id);
    const file = await fileOfOwner(db, 'supervision_notice', id, attachmentId);
    if (!file) throw attachmentErrors.notFound();
    return file;
  }

  return { list, detail, issue, reply, followUp, close, uploadFile, download };
}
export type SupervisionService = ReturnType<typeof createSupervisionService>;
