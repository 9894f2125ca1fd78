import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import type {
  AgreementView,
  CreateAgreementInput,
  CreateMilestoneInput,
  MilestoneStatusInput,
  MilestoneView,
  UpdateAgreementInput,
  UpdateMilestoneInput,
} from '../../../domain/agreements/agreements.schemas.js';
import { isOverdue, performanceOf } from '../../../domain/agreements/performance.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import type { AgreementsTable, DB, MilestonesTable } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { attachmentErrors, checkFile, insertAttachment } from '../projects/attachments.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import { agreementsErrors } from './agreements.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
const AGREEMENT_FIELDS = [
  'type',
  'title',
  'signingDate',
  'amountYuan',
  'foreignUsdCents',
  'parties',
  'note',
] as const;
const MILESTONE_FIELDS = ['kind', 'description', 'dueDate', 'targetYuan', 'targetCount', 'note'] as const;
const STATUS_FIELDS = ['status', 'metOn', 'actualYuan', 'actualCount', 'note'] as const;

function presentMilestone(m: Selectable<MilestonesTable>, today: string): MilestoneView {
  return {
    id: m.id,
    agreementId: m.agreementId,
    projectId: m.projectId,
    unitId: m.unitId,
    kind: m.kind,
    description: m.description,
    dueDate: m.dueDate,
    targetYuan: m.targetYuan,
    targetCount: m.targetCount,
    note: m.note,
    status: m.status,
    metOn: m.metOn,
    actualYuan: m.actualYuan,
    actualCount: m.actualCount,
    overdue: isOverdue(m, today),
    version: m.version,
  };
}

function presentAgreement(
  a: Selectable<AgreementsTable>,
  milestones: MilestoneView[],
  files: AgreementView['files'],
): AgreementView {
  return {
    id: a.id,
    projectId: a.projectId,
    unitId: a.unitId,
    type: a.type,
    title: a.title,
    signingDate: a.signingDate,
    amountYuan: a.amountYuan,
    foreignUsdCents: a.foreignUsdCents,
    parties: a.parties,
    note: a.note,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    milestones,
    files,
  };
}

const pick = <T extends Record<string, unknown>>(r: T | undefined, keys: readonly (keyof T)[]) =>
  r ? Object.fromEntries(keys.map((k) => [k, r[k]])) : null;

export function createAgreementsService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  projects: ProjectsService;
  now: () => Date;
}) {
  const { db, audit, projects, now } = deps;
  const today = () => chinaToday(now());

  async function findAgreement(q: Q, scope: DataScope, id: string, lock = false) {
    let query = q
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', id)
      .where(inScope(scope, { district: 'district_id', unit: 'unit_id' }));
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw agreementsErrors.agreementNotFound();
    return row;
  }

  async function findMilestone(q: Q, scope: DataScope, id: string, lock = false) {
    let query = q
      .selectFrom('milestones')
      .selectAll()
      .where('id', '=', id)
      .where(inScope(scope, { district: 'district_id', unit: 'unit_id' }));
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw agreementsErrors.milestoneNotFound();
    return row;
  }

  async function agreementView(q: Q, a: Selectable<AgreementsTable>) {
    const [ms, files] = await Promise.all([
      q.selectFrom('milestones').selectAll().where('agreementId', '=', a.id).orderBy('dueDate').execute(),
      filesOf(q, [a.id]),
    ]);
    const d = today();
    return presentAgreement(
      a,
      ms.map((m) => presentMilestone(m, d)),
      files.get(a.id) ?? [],
    );
  }

  async function filesOf(q: Q, agreementIds: string[]) {
    const out = new Map<string, AgreementView['files']>();
    if (agreementIds.length === 0) return out;
    const rows = await q
      .selectFrom('attachments')
      .select(['id', 'ownerId', 'filename', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'])
      .where('ownerType', '=', 'agreement')
      .where('ownerId', 'in', agreementIds)
      .orderBy('uploadedAt')
      .execute();
    for (const { ownerId, ...f } of rows) {
      out.set(ownerId, [...(out.get(ownerId) ?? []), { ...f, uploadedAt: f.uploadedAt.toISOString() }]);
    }
    return out;
  }

  /** A project's agreements with their milestones and files, and how the project is performing overall. */
  async function listForProject(scope: DataScope, projectId: string) {
    await projects.find(db, scope, projectId);
    const [agreements, milestones] = await Promise.all([
      db
        .selectFrom('agreements')
        .selectAll()
        .where('projectId', '=', projectId)
        .orderBy('signingDate')
        .orderBy('createdAt')
        .execute(),
      db.selectFrom('milestones').selectAll().where('projectId', '=', projectId).orderBy('dueDate').execute(),
    ]);
    const files = await filesOf(
      db,
      agreements.map((a) => a.id),
    );
    const d = today();
    const views = milestones.map((m) => presentMilestone(m, d));
    const perf = performanceOf(views, d);
    return {
      performance: perf.status,
      overdue: perf.overdue.length,
      agreements: agreements.map((a) =>
        presentAgreement(
          a,
          views.filter((m) => m.agreementId === a.id),
          files.get(a.id) ?? [],
        ),
      ),
    };
  }

  async function create(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    input: CreateAgreementInput,
  ) {
    return db.transaction().execute(async (trx) => {
      const project = await projects.find(trx, scope, projectId, true);
      if (project.stage === 'withdrawn') throw agreementsErrors.projectWithdrawn();
      const at = now();
      const row = await trx
        .insertInto('agreements')
        .values({
          ...input,
          districtId: project.districtId,
          unitId: project.unitId,
          projectId,
          createdBy: u.id,
          createdAt: at,
          updatedAt: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'agreements.create',
        objectType: 'agreement',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { projectId, ...input }),
      });
      return agreementView(trx, row);
    });
  }

  async function update(scope: DataScope, actor: AuditActor, id: string, patch: UpdateAgreementInput) {
    return db.transaction().execute(async (trx) => {
      const before = await findAgreement(trx, scope, id, true);
      if (before.version !== patch.version) throw agreementsErrors.stale('agreement', before.version);
      const set = Object.fromEntries(
        AGREEMENT_FIELDS.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]),
      );
      const after = await trx
        .updateTable('agreements')
        .set({ ...set, version: sql`version + 1`, updatedAt: now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'agreements.update',
        objectType: 'agreement',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before, AGREEMENT_FIELDS), pick(after, AGREEMENT_FIELDS)),
      });
      return agreementView(trx, after);
    });
  }

  async function createMilestone(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    agreementId: string,
    input: CreateMilestoneInput,
  ) {
    return db.transaction().execute(async (trx) => {
      const a = await findAgreement(trx, scope, agreementId, true);
      const at = now();
      const row = await trx
        .insertInto('milestones')
        .values({
          ...input,
          districtId: a.districtId,
          unitId: a.unitId,
          projectId: a.projectId,
          agreementId,
          createdBy: u.id,
          createdAt: at,
          updatedAt: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'agreements.milestone_create',
        objectType: 'milestone',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { agreementId, ...input }),
      });
      return presentMilestone(row, today());
    });
  }

  async function updateMilestone(
    scope: DataScope,
    actor: AuditActor,
    id: string,
    patch: UpdateMilestoneInput,
  ) {
    return db.transaction().execute(async (trx) => {
      const before = await findMilestone(trx, scope, id, true);
      if (before.version !== patch.version) throw agreementsErrors.stale('milestone', before.version);
      const set = Object.fromEntries(
        MILESTONE_FIELDS.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]),
      );
      const after = await trx
        .updateTable('milestones')
        .set({ ...set, version: sql`version + 1`, updatedAt: now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'agreements.milestone_update',
        objectType: 'milestone',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before, MILESTONE_FIELDS), pick(after, MILESTONE_FIELDS)),
      });
      return presentMilestone(after, today());
    });
  }

  /** met (with the day and what was actually delivered), missed, waived, or back to pending. */
  async function setMilestoneStatus(
    scope: DataScope,
    actor: AuditActor,
    id: string,
    input: MilestoneStatusInput,
  ) {
    const met = input.status === 'met';
    if (met && !input.metOn) throw agreementsErrors.metOnRequired();
    if (met && input.metOn && input.metOn > today()) throw agreementsErrors.metOnFuture();
    return db.transaction().execute(async (trx) => {
      const before = await findMilestone(trx, scope, id, true);
      if (before.version !== input.version) throw agreementsErrors.stale('milestone', before.version);
      const after = await trx
        .updateTable('milestones')
        .set({
          status: input.status,
          metOn: met ? input.metOn : null,
          actualYuan: input.status === 'pending' ? null : input.actualYuan,
          actualCount: input.status === 'pending' ? null : input.actualCount,
          note: input.note ?? before.note,
          version: sql`version + 1`,
          updatedAt: now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'agreements.milestone_status',
        objectType: 'milestone',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before, STATUS_FIELDS), pick(after, STATUS_FIELDS)),
      });
      return presentMilestone(after, today());
    });
  }

  /** Pending milestones past their due date, oldest first, in the caller's scope. */
  async function overdue(scope: DataScope, unitId?: string) {
    const d = today();
    let q = db
      .selectFrom('milestones as m')
      .innerJoin('projects as p', 'p.id', 'm.projectId')
      .innerJoin('units as un', 'un.id', 'm.unitId')
      .innerJoin('agreements as a', 'a.id', 'm.agreementId')
      .selectAll('m')
      .select([
        'p.name as projectName',
        'un.name as unitName',
        'a.title as agreementTitle',
        sql<number>`(${d}::date - m.due_date)::int`.as('daysOverdue'),
      ])
      .where('m.status', '=', 'pending')
      .where('m.dueDate', '<', d)
      .where(inScope(scope, { district: 'm.district_id', unit: 'm.unit_id' }));
    if (unitId) q = q.where('m.unitId', '=', unitId);
    const rows = await q.orderBy('m.dueDate').orderBy('p.name').limit(2000).execute();
    return rows.map((r) => ({
      ...presentMilestone(r, d),
      projectName: r.projectName,
      unitName: r.unitName,
      agreementTitle: r.agreementTitle,
      daysOverdue: r.daysOverdue,
    }));
  }

  async function uploadFile(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    agreementId: string,
    file: { filename: string; content: Buffer },
  ) {
    const checked = await checkFile(file);
    return db.transaction().execute(async (trx) => {
      const a = await findAgreement(trx, scope, agreementId, true);
      const row = await insertAttachment(
        trx,
        { type: 'agreement', id: agreementId, districtId: a.districtId },
        'agreement',
        checked,
        { userId: u.id, at: now() },
      );
      await audit.append(trx, actor, {
        action: 'agreements.file_upload',
        objectType: 'agreement',
        objectId: agreementId,
        result: 'success',
        changes: {
          attachment: { before: null, after: { id: row.id, filename: row.filename, sha256: row.sha256 } },
        },
      });
      const { kind: _kind, ...view } = row;
      return { ...view, uploadedAt: row.uploadedAt.toISOString() };
    });
  }

  async function deleteFile(scope: DataScope, actor: AuditActor, agreementId: string, attachmentId: string) {
    return db.transaction().execute(async (trx) => {
      await findAgreement(trx, scope, agreementId, true);
      const gone = await trx
        .deleteFrom('attachments')
        .where('id', '=', attachmentId)
        .where('ownerType', '=', 'agreement')
        .where('ownerId', '=', agreementId)
        .returning(['id', 'filename', 'sha256'])
        .executeTakeFirst();
      if (!gone) throw attachmentErrors.notFound();
      await audit.append(trx, actor, {
        action: 'agreements.file_delete',
        objectType: 'agreement',
        objectId: agreementId,
        result: 'success',
        changes: { attachment: { before: gone, after: null } },
      });
    });
  }

  return {
    listForProject,
    create,
    update,
    createMilestone,
    updateMilestone,
    setMilestoneStatus,
    overdue,
    uploadFile,
    deleteFile,
  };
}
export type AgreementsService = ReturnType<typeof createAgreementsService>;
