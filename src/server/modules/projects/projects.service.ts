import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import type {
  CreateProjectInput,
  MoveProjectInput,
  ProjectView,
  UpdateProjectInput,
} from '../../../domain/projects/projects.schemas.js';
import {
  applyMove,
  checkMove,
  checkStageFacts,
  type EvidenceKind,
  type ProjectFacts,
  type Stage,
} from '../../../domain/projects/stages.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB, ProjectsTable } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import { matchesSearch } from '../../db/search-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { projectsErrors } from './projects.errors.js';

type Row = Selectable<ProjectsTable> & { unitName: string; enterpriseName: string | null };
type Q = Kysely<DB> | Transaction<DB>;
export interface ProjectFilter {
  stage?: Stage;
  unitId?: string;
  q?: string;
}
const EXPORT_LIMIT = 100_000;

const EDITABLE = [
  'name',
  'enterpriseId',
  'industryDivision',
  'chain',
  'industrial',
  'plannedTotalYuan',
  'fixedAssetYuan',
  'signedAmountYuan',
  'foreignFunded',
  'contractedForeignUsdCents',
  'signingDate',
  'agreementType',
  'landedDate',
  'startDate',
  'productionDate',
] as const;

function present(r: Row): ProjectView {
  return {
    id: r.id,
    districtId: r.districtId,
    unitId: r.unitId,
    unitName: r.unitName,
    enterpriseName: r.enterpriseName,
    stage: r.stage as Stage,
    stageBeforeHold: r.stageBeforeHold,
    holdReason: r.holdReason,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    name: r.name,
    enterpriseId: r.enterpriseId,
    industryDivision: r.industryDivision,
    chain: r.chain,
    industrial: r.industrial,
    plannedTotalYuan: r.plannedTotalYuan,
    fixedAssetYuan: r.fixedAssetYuan,
    signedAmountYuan: r.signedAmountYuan,
    foreignFunded: r.foreignFunded,
    contractedForeignUsdCents: r.contractedForeignUsdCents,
    signingDate: r.signingDate,
    agreementType: r.agreementType as ProjectView['agreementType'],
    landedDate: r.landedDate,
    startDate: r.startDate,
    productionDate: r.productionDate,
  };
}

function factsOf(row: Selectable<ProjectsTable>, evidence: EvidenceKind[]): ProjectFacts {
  return {
    stage: row.stage as Stage,
    stageBeforeHold: row.stageBeforeHold as Stage | null,
    signingDate: row.signingDate,
    agreementType: row.agreementType as ProjectFacts['agreementType'],
    signedAmountYuan: row.signedAmountYuan === null ? null : BigInt(row.signedAmountYuan),
    landedDate: row.landedDate,
    startDate: row.startDate,
    productionDate: row.productionDate,
    evidence,
  };
}

async function evidenceOf(q: Q, projectId: string): Promise<EvidenceKind[]> {
  const rows = await q
    .selectFrom('attachments')
    .select('kind')
    .distinct()
    .where('ownerType', '=', 'project')
    .where('ownerId', '=', projectId)
    .execute();
  return rows.map((r) => r.kind as EvidenceKind);
}

export function createProjectsService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  function base(q: Q, scope: DataScope) {
    return q
      .selectFrom('projects as p')
      .innerJoin('units as un', 'un.id', 'p.unitId')
      .leftJoin('enterprises as e', 'e.id', 'p.enterpriseId')
      .selectAll('p')
      .select(['un.name as unitName', 'e.name as enterpriseName'])
      .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }));
  }

  async function find(q: Q, scope: DataScope, id: string, lock = false) {
    let query = base(q, scope).where('p.id', '=', id);
    if (lock) query = query.forUpdate('p');
    const row = await query.executeTakeFirst();
    if (!row) throw projectsErrors.notFound();
    return row as Row;
  }

  /** The list's filters, shared by the paged list and the export so both show the same rows. */
  function filtered(scope: DataScope, f: ProjectFilter) {
    let query = base(db, scope);
    if (f.stage) query = query.where('p.stage', '=', f.stage);
    if (f.unitId) query = query.where('p.unitId', '=', f.unitId);
    if (f.q) {
      const q = f.q;
      // A project is found by its own name or its investor's (name, pinyin, initials, credit code).
      query = query.where((eb) =>
        eb.or([
          matchesSearch('p.search_text', q),
          eb.and([eb('e.id', 'is not', null), matchesSearch('e.search_text', q)]),
        ]),
      );
    }
    return query;
  }

  async function list(scope: DataScope, f: ProjectFilter & { page: number; pageSize: number }) {
    const query = filtered(scope, f);
    const [rows, total] = await Promise.all([
      query
        .orderBy('p.updatedAt', 'desc')
        .orderBy('p.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: (rows as Row[]).map(present), total: Number(total.n) };
  }

  async function detail(scope: DataScope, id: string) {
    const row = await find(db, scope, id);
    const [history, attachments] = await Promise.all([
      db
        .selectFrom('projectStageHistory as h')
        .leftJoin('users as u', 'u.id', 'h.userId')
        .select([
          'h.fromStage',
          'h.toStage',
          'h.effectiveDate',
          'h.note',
          'h.username',
          'u.displayName',
          'h.at',
        ])
        .where('h.projectId', '=', id)
        .orderBy('h.id')
        .execute(),
      db
        .selectFrom('attachments')
        .select(['id', 'kind', 'filename', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'])
        .where('ownerType', '=', 'project')
        .where('ownerId', '=', id)
        .orderBy('uploadedAt')
        .execute(),
    ]);
    return {
      project: present(row),
      history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
      attachments: attachments.map((a) => ({
        ...a,
        kind: a.kind as EvidenceKind | 'other',
        uploadedAt: a.uploadedAt.toISOString(),
      })),
    };
  }

  async function assertUnitWritable(q: Q, scope: DataScope, unitId: string) {
    const unit = await q
      .selectFrom('units')
      .select(['id', 'districtId', 'active'])
      .where('id', '=', unitId)
      .where(inScope(scope, { district: 'district_id', unit: 'id' }))
      .executeTakeFirst();
    if (!unit?.active) throw projectsErrors.unitNotWritable();
    return unit;
  }

  async function assertEnterprise(q: Q, districtId: string, enterpriseId: string | null | undefined) {
    if (!enterpriseId) return;
    const e = await q
      .selectFrom('enterprises')
      .select('id')
      .where('id', '=', enterpriseId)
      .where('districtId', '=', districtId)
      .executeTakeFirst();
    if (!e) throw projectsErrors.enterpriseNotFound();
  }

  async function create(u: SessionUser, scope: DataScope, actor: AuditActor, input: CreateProjectInput) {
    return db.transaction().execute(async (trx) => {
      const unit = await assertUnitWritable(trx, scope, input.unitId);
      await assertEnterprise(trx, unit.districtId, input.enterpriseId);
      const at = now();
      const { unitId, ...fields } = input;
      const row = await trx
        .insertInto('projects')
        .values({
          ...fields,
          unitId,
          districtId: unit.districtId,
          stage: 'negotiating',
          searchText: searchTextOf(fields.name),
          createdBy: u.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('projectStageHistory')
        .values({
          districtId: unit.districtId,
          projectId: row.id,
          fromStage: null,
          toStage: 'negotiating',
          effectiveDate: chinaToday(at),
          note: null,
          userId: u.id,
          username: u.username,
          at,
        })
        .execute();
      await audit.append(trx, actor, {
        action: 'projects.create',
        objectType: 'project',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { ...fields, unitId }),
      });
      return present(await find(trx, scope, row.id));
    });
  }

  async function update(scope: DataScope, actor: AuditActor, id: string, patch: UpdateProjectInput) {
    return db.transaction().execute(async (trx) => {
      const before = await find(trx, scope, id, true);
      if (before.version !== patch.version) throw projectsErrors.stale(before.version);
      await assertEnterprise(trx, before.districtId, patch.enterpriseId);
      const set = Object.fromEntries(
        EDITABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]),
      );
      await trx
        .updateTable('projects')
        .set({
          ...set,
          ...(patch.name ? { searchText: searchTextOf(patch.name) } : {}),
          version: sql`version + 1`,
          updatedAt: now(),
        })
        .where('id', '=', id)
        .execute();
      const after = await find(trx, scope, id);
      // An edit may not undo what the project's stage stands on (clearing the signing date of a landed one).
      const problems = checkStageFacts(factsOf(after, await evidenceOf(trx, id)), chinaToday(now()));
      if (problems.length > 0) throw projectsErrors.moveRefused(problems);
      const pick = (r: Row) => Object.fromEntries(EDITABLE.map((k) => [k, r[k]]));
      await audit.append(trx, actor, {
        action: 'projects.update',
        objectType: 'project',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before), pick(after)),
      });
      return present(after);
    });
  }

  /** Every stage change goes through the domain's checkMove: the legal moves, required fields and evidence. */
  async function move(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    id: string,
    input: MoveProjectInput,
  ) {
    return db.transaction().execute(async (trx) => {
      const row = await find(trx, scope, id, true);
      if (row.version !== input.version) throw projectsErrors.stale(row.version);
      const facts = factsOf(row, await evidenceOf(trx, id));
      const request = { to: input.to, effectiveDate: input.effectiveDate, reason: input.reason };
      const check = checkMove(facts, request, chinaToday(now()));
      if (!check.ok) throw projectsErrors.moveRefused(check.problems);
      const next = applyMove(facts, request, check);
      const at = now();
      const holding = next.stage === 'paused' || next.stage === 'withdrawn';
      await trx
        .updateTable('projects')
        .set({
          stage: next.stage,
          stageBeforeHold: next.stageBeforeHold,
          holdReason: holding ? (input.reason ?? null) : null,
          version: sql`version + 1`,
          updatedAt: at,
        })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('projectStageHistory')
        .values({
          districtId: row.districtId,
          projectId: id,
          fromStage: row.stage,
          toStage: next.stage,
          effectiveDate: check.effectiveDate,
          note: input.note ?? input.reason ?? null,
          userId: u.id,
          username: u.username,
          at,
        })
        .execute();
      await audit.append(trx, actor, {
        action: 'projects.move',
        objectType: 'project',
        objectId: id,
        result: 'success',
        changes: { stage: { before: row.stage, after: next.stage } },
        detail: input.reason ?? null,
      });
      return present(await find(trx, scope, id));
    });
  }

  async function exportRows(scope: DataScope, f: ProjectFilter) {
    const rows = await filtered(scope, f)
      .orderBy('un.sortOrder')
      .orderBy('p.name')
      .limit(EXPORT_LIMIT)
      .execute();
    return (rows as Row[]).map(present);
  }

  return { list, exportRows, detail, create, update, move, find };
}
export type ProjectsService = ReturnType<typeof createProjectsService>;
