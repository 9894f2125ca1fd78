import { type Expression, type Kysely, type SqlBool, sql, type Transaction, type Updateable } from 'kysely';
import { hasPermission } from '../../../domain/access/permissions.js';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import {
  type CancelCommitmentInput,
  COMMITMENT_EDITABLE,
  type CommitmentDetail,
  type CommitmentListQuery,
  type CommitmentView,
  type CreateCommitmentInput,
  type FulfilCommitmentInput,
  type RatesQuery,
  type ReopenCommitmentInput,
  type UpdateCommitmentInput,
} from '../../../domain/commitments/commitments.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { daysOverdue, isOverdue } from '../../../domain/landing/clocks.js';
import type { CommitmentsTable, DB } from '../../db/schema.js';
import { inScope, inScopeOrAssigned } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { commitmentOverdue } from '../landing/overdue.js';
import { DEPARTMENT_HANDLERS, notifyUsers, unitRecipients } from '../notifications/notify.js';
import {
  attachmentErrors,
  checkFile,
  fileOfOwner,
  filesOfOwners,
  insertAttachment,
} from '../projects/attachments.service.js';
import { commitmentsErrors } from './commitments.errors.js';
import { commitmentRates, countedWhere } from './commitments.rates.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface CommitmentCaller {
  user: SessionUser;
  scope: DataScope;
  actor: AuditActor;
}

const COLS = { district: 'c.district_id', unit: 'c.unit_id', department: 'c.department_unit_id' };
const AUDITED = [...COMMITMENT_EDITABLE, 'status', 'fulfilledOn', 'evidence', 'cancelReason'] as const;

/** Commitments with the names a list shows, confined to what the caller may read. */
function base(q: Q, scope: DataScope) {
  return q
    .selectFrom('commitments as c')
    .innerJoin('projects as p', 'p.id', 'c.projectId')
    .innerJoin('units as un', 'un.id', 'c.unitId')
    .innerJoin('units as d', 'd.id', 'c.departmentUnitId')
    .leftJoin('agreements as a', 'a.id', 'c.agreementId')
    .selectAll('c')
    .select([
      'p.name as projectName',
      'un.name as unitName',
      'd.name as departmentName',
      'a.title as agreementTitle',
      // The project's unit (and the center) edit and cancel; a department only reads and fulfils.
      inScope(scope, COLS).as('owned'),
    ])
    .where(inScopeOrAssigned(scope, COLS));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

/** The caller's powers over a row, from roles and the row alone (the UI's buttons and the checks below). */
function powers(u: SessionUser, scope: DataScope, r: Pick<Row, 'owned' | 'departmentUnitId'>) {
  const center = hasPermission(u.roles, 'landing.coordinate');
  const manage = hasPermission(u.roles, 'landing.write') && Boolean(r.owned);
  const handles =
    hasPermission(u.roles, 'landing.handle') &&
    scope.kind === 'assigned' &&
    r.departmentUnitId === scope.unitId;
  return { center, manage, fulfil: center || handles };
}

function present(r: Row, u: SessionUser, scope: DataScope, today: string): CommitmentView {
  const open = r.status === 'pending';
  const p = powers(u, scope, r);
  return {
    id: r.id,
    districtId: r.districtId,
    unitId: r.unitId,
    unitName: r.unitName,
    projectId: r.projectId,
    projectName: r.projectName,
    agreementId: r.agreementId,
    agreementTitle: r.agreementTitle,
    kind: r.kind,
    content: r.content,
    amountYuan: r.amountYuan,
    departmentUnitId: r.departmentUnitId,
    departmentName: r.departmentName,
    dueOn: r.dueOn,
    status: r.status,
    fulfilledOn: r.fulfilledOn,
    evidence: r.evidence,
    cancelReason: r.cancelReason,
    overdue: isOverdue(r.dueOn, open, today),
    daysOverdue: open ? daysOverdue(r.dueOn, today) : 0,
    late: r.status === 'fulfilled' && r.fulfilledOn !== null && r.fulfilledOn > r.dueOn,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    can: { edit: open && p.manage, fulfil: open && p.fulfil, reopen: !open && p.center },
  };
}

const pick = (r: Record<string, unknown>) => Object.fromEntries(AUDITED.map((k) => [k, r[k] ?? null]));

export function createCommitmentsService(deps: { db: Kysely<DB>; audit: AuditRepository; now: () => Date }) {
  const { db, audit, now } = deps;
  const today = () => chinaToday(now());

  async function find(q: Q, scope: DataScope, id: string, lock = false) {
    let query = base(q, scope).where('c.id', '=', id);
    if (lock) query = query.forUpdate('c');
    const row = await query.executeTakeFirst();
    if (!row) throw commitmentsErrors.notFound();
    return row;
  }

  async function filesOf(q: Q, id: string) {
    return (await filesOfOwners(q, 'commitment', [id])).map(({ ownerId: _, kind: __, ...f }) => f);
  }

  async function detail(q: Q, c: CommitmentCaller, id: string): Promise<CommitmentDetail> {
    const row = await find(q, c.scope, id);
    return { ...present(row, c.user, c.scope, today()), files: await filesOf(q, id) };
  }

  /** The owner department: a department unit of the project's district (an inactive one is not offered). */
  async function assertDepartment(q: Q, districtId: string, departmentUnitId: string | undefined) {
    if (departmentUnitId === undefined) return;
    const d = await q
      .selectFrom('units')
      .select('id')
      .where('id', '=', departmentUnitId)
      .where('districtId', '=', districtId)
      .where('kind', '=', 'department')
      .where('active', '=', true)
      .executeTakeFirst();
    if (!d) throw commitmentsErrors.departmentInvalid();
  }

  async function assertAgreement(q: Q, projectId: string, agreementId: string | null | undefined) {
    if (!agreementId) return;
    const a = await q
      .selectFrom('agreements')
      .select('id')
      .where('id', '=', agreementId)
      .where('projectId', '=', projectId)
      .executeTakeFirst();
    if (!a) throw commitmentsErrors.agreementInvalid();
  }

  async function tellDepartment(
    trx: Transaction<DB>,
    row: { id: string; districtId: string; departmentUnitId: string; content: string; dueOn: string },
    projectName: string,
    occasion: string,
  ) {
    const handlers = await unitRecipients(trx, row.departmentUnitId, DEPARTMENT_HANDLERS);
    await notifyUsers(
      trx,
      row.districtId,
      handlers,
      {
        kind: 'commitment.created',
        subjectType: 'commitment',
        subjectId: row.id,
        title: `新承诺事项待兑现：${projectName}`,
        body: row.content,
        link: `/landing/commitments?open=${row.id}`,
        dueOn: row.dueOn,
        dedupeKey: `commitment.created:${row.id}:${occasion}`,
      },
      now(),
    );
  }

  async function list(c: CommitmentCaller, f: CommitmentListQuery) {
    const d = today();
    const filtered = base(db, c.scope).where((eb) => {
      const w: Expression<SqlBool>[] = [];
      if (f.status) w.push(eb('c.status', '=', f.status));
      if (f.kind) w.push(eb('c.kind', '=', f.kind));
      if (f.departmentUnitId) w.push(eb('c.departmentUnitId', '=', f.departmentUnitId));
      if (f.unitId) w.push(eb('c.unitId', '=', f.unitId));
      if (f.projectId) w.push(eb('c.projectId', '=', f.projectId));
      if (f.overdue === 'true') w.push(commitmentOverdue('c', d));
      if (f.overdue === 'false') w.push(sql<boolean>`not ${commitmentOverdue('c', d)}`);
      if (f.dueBefore) w.push(eb('c.dueOn', '<=', f.dueBefore));
      if (f.counted) w.push(countedWhere(f.counted, f.cutOff ?? d));
      return eb.and(w);
    });
    const [rows, totals] = await Promise.all([
      filtered
        // Overdue first (oldest due first), then pending by due date, then the closed ones, newest first.
        .orderBy(sql`case when c.status = 'pending' then 0 else 1 end`)
        .orderBy(sql`case when c.status = 'pending' then c.due_on end`, 'asc')
        .orderBy('c.updatedAt', 'desc')
        .orderBy('c.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      filtered
        .clearSelect()
        .select([
          sql<string>`count(*)`.as('total'),
          sql<string>`count(*) filter (where ${commitmentOverdue('c', d)})`.as('overdue'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => present(r, c.user, c.scope, d)),
      total: Number(totals.total),
      overdueTotal: Number(totals.overdue),
    };
  }

  async function create(c: CommitmentCaller, input: CreateCommitmentInput) {
    return db.transaction().execute(async (trx) => {
      // Only a project the caller's unit owns (or the center's district): a department cannot create one.
      const project = await trx
        .selectFrom('projects')
        .select(['id', 'districtId', 'unitId', 'name', 'stage'])
        .where('id', '=', input.projectId)
        .where(inScope(c.scope, { district: 'district_id', unit: 'unit_id' }))
        .forUpdate()
        .executeTakeFirst();
      if (!project) throw commitmentsErrors.projectNotFound();
      if (project.stage === 'withdrawn') throw commitmentsErrors.projectWithdrawn();
      await assertDepartment(trx, project.districtId, input.departmentUnitId);
      await assertAgreement(trx, project.id, input.agreementId);
      const at = now();
      const row = await trx
        .insertInto('commitments')
        .values({
          districtId: project.districtId,
          unitId: project.unitId,
          projectId: project.id,
          agreementId: input.agreementId,
          kind: input.kind,
          content: input.content,
          amountYuan: input.amountYuan,
          departmentUnitId: input.departmentUnitId,
          dueOn: input.dueOn,
          fulfilledOn: null,
          evidence: null,
          cancelReason: null,
          createdBy: c.user.id,
          updatedBy: c.user.id,
          createdAt: at,
          updatedAt: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, c.actor, {
        action: 'commitments.create',
        objectType: 'commitment',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { projectId: project.id, ...pick(row) }),
      });
      await tellDepartment(trx, row, project.name, String(at.getTime()));
      return detail(trx, c, row.id);
    });
  }

  /** Loads a row for a write: visible (else 404), current version (else 409). */
  async function loadForWrite(trx: Transaction<DB>, c: CommitmentCaller, id: string, version: number) {
    const before = await find(trx, c.scope, id, true);
    if (before.version !== version) throw commitmentsErrors.stale(before.version);
    return before;
  }

  async function update(c: CommitmentCaller, id: string, patch: UpdateCommitmentInput) {
    return db.transaction().execute(async (trx) => {
      const before = await loadForWrite(trx, c, id, patch.version);
      if (!powers(c.user, c.scope, before).manage) throw commitmentsErrors.notYours();
      if (before.status !== 'pending') throw commitmentsErrors.notPending(before.status);
      await assertDepartment(trx, before.districtId, patch.departmentUnitId);
      await assertAgreement(trx, before.projectId, patch.agreementId);
      const set = Object.fromEntries(
        COMMITMENT_EDITABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]),
      );
      const at = now();
      const after = await trx
        .updateTable('commitments')
        .set({ ...set, version: sql`version + 1`, updatedBy: c.user.id, updatedAt: at })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, c.actor, {
        action: 'commitments.update',
        objectType: 'commitment',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before), pick(after)),
      });
      // A commitment handed to another department is news to that department, like a new one.
      if (after.departmentUnitId !== before.departmentUnitId) {
        await tellDepartment(trx, after, before.projectName, String(at.getTime()));
      }
      return detail(trx, c, id);
    });
  }

  /**
   * A change of status (fulfil, cancel, reopen): the caller's power and the row's state are checked on the
   * current version, then the new values, the version and the audit row are written in one transaction.
   */
  async function changeStatus(
    c: CommitmentCaller,
    id: string,
    version: number,
    action: 'fulfil' | 'cancel' | 'reopen',
    check: (before: Awaited<ReturnType<typeof loadForWrite>>) => void,
    set: Updateable<CommitmentsTable>,
    note?: Record<string, { before: unknown; after: unknown }>,
  ) {
    return db.transaction().execute(async (trx) => {
      const before = await loadForWrite(trx, c, id, version);
      check(before);
      const after = await trx
        .updateTable('commitments')
        .set({ ...set, version: sql`version + 1`, updatedBy: c.user.id, updatedAt: now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, c.actor, {
        action: `commitments.${action}`,
        objectType: 'commitment',
        objectId: id,
        result: 'success',
        changes: { ...diffFields(pick(before), pick(after)), ...note },
      });
      return detail(trx, c, id);
    });
  }

  async function fulfil(c: CommitmentCaller, id: string, input: FulfilCommitmentInput) {
    if (input.fulfilledOn > today()) throw commitmentsErrors.fulfilledOnFuture();
    return changeStatus(
      c,
      id,
      input.version,
      'fulfil',
      (before) => {
        if (!powers(c.user, c.scope, before).fulfil) throw commitmentsErrors.notAssigned();
        if (before.status !== 'pending') throw commitmentsErrors.notPending(before.status);
      },
      { status: 'fulfilled', fulfilledOn: input.fulfilledOn, evidence: input.evidence },
    );
  }

  async function cancel(c: CommitmentCaller, id: string, input: CancelCommitmentInput) {
    return changeStatus(
      c,
      id,
      input.version,
      'cancel',
      (before) => {
        if (!powers(c.user, c.scope, before).manage) throw commitmentsErrors.notYours();
        if (before.status !== 'pending') throw commitmentsErrors.notPending(before.status);
      },
      { status: 'cancelled', cancelReason: input.reason },
    );
  }

  /**
   * The center puts a fulfilled (or cancelled) commitment back to pending, with a reason that stays in the audit
   * log. The evidence text and files stay on the row as the record of what was shown before.
   */
  async function reopen(c: CommitmentCaller, id: string, input: ReopenCommitmentInput) {
    return changeStatus(
      c,
      id,
      input.version,
      'reopen',
      (before) => {
        if (!powers(c.user, c.scope, before).center) throw commitmentsErrors.centerOnly();
        if (before.status === 'pending') throw commitmentsErrors.notClosed();
      },
      { status: 'pending', fulfilledOn: null, cancelReason: null },
      { reason: { before: null, after: input.reason } },
    );
  }

  /** Evidence files: whoever may fulfil it, and the project's unit, may add them. */
  async function uploadFile(c: CommitmentCaller, id: string, file: { filename: string; content: Buffer }) {
    const checked = await checkFile(file);
    return db.transaction().execute(async (trx) => {
      const row = await find(trx, c.scope, id, true);
      const p = powers(c.user, c.scope, row);
      if (!p.fulfil && !p.manage) throw commitmentsErrors.notAssigned();
      if (row.status === 'cancelled') throw commitmentsErrors.notPending(row.status);
      const saved = await insertAttachment(
        trx,
        { type: 'commitment', id, districtId: row.districtId },
        'evidence',
        checked,
        { userId: c.user.id, at: now() },
      );
      await trx.updateTable('commitments').set({ updatedAt: now() }).where('id', '=', id).execute();
      await audit.append(trx, c.actor, {
        action: 'commitments.file_upload',
        objectType: 'commitment',
        objectId: id,
        result: 'success',
        changes: {
          attachment: {
            before: null,
            after: { id: saved.id, filename: saved.filename, sha256: saved.sha256 },
          },
        },
      });
      const { kind: _kind, ...view } = saved;
      return { ...view, uploadedAt: saved.uploadedAt.toISOString() };
    });
  }

  async function deleteFile(c: CommitmentCaller, id: string, attachmentId: string) {
    return db.transaction().execute(async (trx) => {
      const row = await find(trx, c.scope, id, true);
      const p = powers(c.user, c.scope, row);
      if (!p.fulfil && !p.manage) throw commitmentsErrors.notAssigned();
      if (row.status === 'fulfilled') throw commitmentsErrors.evidenceLocked();
      const gone = await trx
        .deleteFrom('attachments')
        .where('id', '=', attachmentId)
        .where('ownerType', '=', 'commitment')
        .where('ownerId', '=', id)
        .returning(['id', 'filename', 'sha256'])
        .executeTakeFirst();
      if (!gone) throw attachmentErrors.notFound();
      await audit.append(trx, c.actor, {
        action: 'commitments.file_delete',
        objectType: 'commitment',
        objectId: id,
        result: 'success',
        changes: { attachment: { before: gone, after: null } },
      });
    });
  }

  /** A file of a commitment the caller can read (the department it is assigned to included). */
  async function download(scope: DataScope, id: string, attachmentId: string) {
    await find(db, scope, id);
    const file = await fileOfOwner(db, 'commitment', id, attachmentId);
    if (!file) throw attachmentErrors.notFound();
    return file;
  }

  async function rates(scope: DataScope, q: RatesQuery) {
    const d = today();
    return commitmentRates(db, scope, { ...q, cutOff: q.cutOff ?? d, today: d });
  }

  return {
    list,
    rates,
    detail: (c: CommitmentCaller, id: string) => detail(db, c, id),
    create,
    update,
    fulfil,
    cancel,
    reopen,
    uploadFile,
    deleteFile,
    download,
  };
}
export type CommitmentsService = ReturnType<typeof createCommitmentsService>;
