import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import {
  type CapitalIncreaseFacts,
  checkCapitalIncrease,
} from '../../../domain/projects/capital-increase.js';
import type {
  ProjectExportQuery,
  ProjectListFilter,
  ProjectListQuery,
  StageCounts,
} from '../../../domain/projects/project-list.js';
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
  STAGES,
  type Stage,
} from '../../../domain/projects/stages.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB, ProjectsTable } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import { httpErrors } from '../../http/errors.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { assertProjectChangeOpen } from '../bulletins/period-lock.js';
import { assertRecordLinks, recordLinkLabels } from '../network-sources/record-links.js';
import { activeUnitInScope } from '../organization/unit-in-scope.js';
import { markTargetConverted } from '../target-enterprises/target-conversion.js';
import { projectsErrors } from './projects.errors.js';
import { listOrder, listWhere } from './projects.list.js';

type Row = Selectable<ProjectsTable> & {
  unitName: string;
  enterpriseName: string | null;
  referralSourceName: string | null;
  eventName: string | null;
  chainLinkLabel: string | null;
};
type Q = Kysely<DB> | Transaction<DB>;
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
  'channel',
  'sourceArea',
  'chainRole',
  'highTech',
  'expectedOutputYuan',
  'expectedTaxYuan',
  'expectedJobs',
  'landAreaMu',
  'energyTce',
  'pollutionClass',
  'cooperatingUnitIds',
  'liaisonLeader',
  'greenChannel',
  'cityProjectCode',
  'capitalIncrease',
  'incrementYuan',
  'referralSourceId',
  'eventId',
  'chainLinkId',
] as const;
type Editable = (typeof EDITABLE)[number];

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
    leadId: r.leadId,
    channel: r.channel as ProjectView['channel'],
    sourceArea: r.sourceArea as ProjectView['sourceArea'],
    chainRole: r.chainRole as ProjectView['chainRole'],
    highTech: r.highTech,
    expectedOutputYuan: r.expectedOutputYuan,
    expectedTaxYuan: r.expectedTaxYuan,
    expectedJobs: r.expectedJobs,
    landAreaMu: r.landAreaMu,
    energyTce: r.energyTce,
    pollutionClass: r.pollutionClass as ProjectView['pollutionClass'],
    cooperatingUnitIds: r.cooperatingUnitIds,
    liaisonLeader: r.liaisonLeader,
    greenChannel: r.greenChannel,
    cityProjectCode: r.cityProjectCode,
    capitalIncrease: r.capitalIncrease,
    incrementYuan: r.incrementYuan,
    referralSourceId: r.referralSourceId,
    referralSourceName: r.referralSourceName,
    eventId: r.eventId,
    eventName: r.eventName,
    chainLinkId: r.chainLinkId,
    chainLinkLabel: r.chainLinkLabel,
  };
}

/** A capital increase carries its increment, within the project's amounts (checked on the saved result). */
function assertCapitalIncrease(f: CapitalIncreaseFacts) {
  const fields = checkCapitalIncrease(f);
  if (Object.keys(fields).length > 0) throw httpErrors.validation(fields);
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
    const links = recordLinkLabels('p');
    return q
      .selectFrom('projects as p')
      .innerJoin('units as un', 'un.id', 'p.unitId')
      .leftJoin('enterprises as e', 'e.id', 'p.enterpriseId')
      .selectAll('p')
      .select([
        'un.name as unitName',
        'e.name as enterpriseName',
        links.referralSourceName.as('referralSourceName'),
        links.eventName.as('eventName'),
        links.chainLinkLabel.as('chainLinkLabel'),
      ])
      .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }));
  }

  async function find(q: Q, scope: DataScope, id: string, lock = false) {
    let query = base(q, scope).where('p.id', '=', id);
    if (lock) query = query.forUpdate('p');
    const row = await query.executeTakeFirst();
    if (!row) throw projectsErrors.notFound();
    return row as Row;
  }

  /** The list's filters (projects.list.ts), shared by the list, the stage counts and the export. */
  function filtered(scope: DataScope, f: ProjectListFilter) {
    return base(db, scope).where(listWhere(f, scope));
  }

  /**
   * The same rows for counting, without the joins that only feed the displayed columns: every project has its
   * unit, and PostgreSQL drops the investor join unless a filter reads it. A district's count is then an
   * index-only scan instead of a join of every row with units.
   */
  function counted(scope: DataScope, f: ProjectListFilter) {
    return db
      .selectFrom('projects as p')
      .leftJoin('enterprises as e', 'e.id', 'p.enterpriseId')
      .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
      .where(listWhere(f, scope));
  }

  async function list(scope: DataScope, f: ProjectListQuery) {
    const query = filtered(scope, f);
    const [rows, total] = await Promise.all([
      query
        .orderBy(listOrder(f.sort, f.order))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      counted(scope, f)
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
    const unit = await activeUnitInScope(q, scope, unitId);
    if (!unit) throw projectsErrors.unitNotWritable();
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
      await assertRecordLinks(trx, 'projects', unit.districtId, input);
      assertCapitalIncrease(input);
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
      if (fields.enterpriseId) {
        await markTargetConverted(trx, audit, actor, {
          districtId: unit.districtId,
          enterpriseId: fields.enterpriseId,
          what: `项目「${fields.name}」`,
          user: u,
          at,
        });
      }
      const created = await find(trx, scope, row.id);
      await assertProjectChangeOpen(trx, null, created);
      return present(created);
    });
  }

  /**
   * After an edit or a removed file, the project must still meet what its stage stands on; refused with the
   * same words as a refused move. Returns the project as it now is.
   */
  async function assertStageFactsHold(trx: Q, scope: DataScope, id: string) {
    const after = await find(trx, scope, id);
    const problems = checkStageFacts(factsOf(after, await evidenceOf(trx, id)), chinaToday(now()));
    if (problems.length > 0) throw projectsErrors.moveRefused(problems);
    return after;
  }

  /** Cooperating units are other active units of the project's own district. */
  async function assertCooperatingUnits(q: Q, districtId: string, unitId: string, ids: string[] | undefined) {
    if (!ids || ids.length === 0) return;
    if (ids.includes(unitId) || new Set(ids).size !== ids.length)
      throw projectsErrors.cooperatingUnitsInvalid();
    const found = await q
      .selectFrom('units')
      .select('id')
      .where('id', 'in', ids)
      .where('districtId', '=', districtId)
      .execute();
    if (found.length !== ids.length) throw projectsErrors.cooperatingUnitsInvalid();
  }

  /** Writes an edit's fields (version checked by the caller); the stage check comes after, on the result. */
  async function writeEdits(
    trx: Q,
    before: Row,
    patch: Partial<Pick<UpdateProjectInput, Editable>>,
    bumpVersion = true,
  ) {
    await assertEnterprise(trx, before.districtId, patch.enterpriseId);
    await assertRecordLinks(trx, 'projects', before.districtId, patch);
    await assertCooperatingUnits(trx, before.districtId, before.unitId, patch.cooperatingUnitIds);
    const set = Object.fromEntries(EDITABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
    await trx
      .updateTable('projects')
      .set({
        ...set,
        ...(patch.name ? { searchText: searchTextOf(patch.name) } : {}),
        ...(bumpVersion ? { version: sql<number>`version + 1` } : {}),
        updatedAt: now(),
      })
      .where('id', '=', before.id)
      .execute();
  }

  const pick = (r: Row) => Object.fromEntries(EDITABLE.map((k) => [k, r[k]]));

  async function update(scope: DataScope, actor: AuditActor, id: string, patch: UpdateProjectInput) {
    return db.transaction().execute(async (trx) => {
      const before = await find(trx, scope, id, true);
      if (before.version !== patch.version) throw projectsErrors.stale(before.version);
      await writeEdits(trx, before, patch);
      // An edit may not undo what the project's stage stands on (clearing the signing date of a landed one).
      await assertProjectChangeOpen(trx, before, await find(trx, scope, id));
      const after = await assertStageFactsHold(trx, scope, id);
      assertCapitalIncrease(after);
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
      const before = await find(trx, scope, id, true);
      if (before.version !== input.version) throw projectsErrors.stale(before.version);
      // Facts typed into the move dialog are saved with the move, in this transaction: all or nothing.
      const edited = input.fields && Object.keys(input.fields).length > 0;
      // The move below bumps the version once for the whole request.
      if (edited) await writeEdits(trx, before, input.fields ?? {}, false);
      const row = edited ? await find(trx, scope, id) : before;
      if (edited) assertCapitalIncrease(row);
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
      await assertProjectChangeOpen(trx, before, await find(trx, scope, id));
      await audit.append(trx, actor, {
        action: 'projects.move',
        objectType: 'project',
        objectId: id,
        result: 'success',
        changes: {
          ...(edited ? diffFields(pick(before), pick(row)) : {}),
          stage: { before: row.stage, after: next.stage },
        },
        detail: input.reason ?? null,
      });
      return present(await find(trx, scope, id));
    });
  }

  /** How many projects of each stage the filter finds, in one grouped query (the kanban's column heads). */
  async function stageCounts(scope: DataScope, f: ProjectListFilter): Promise<StageCounts> {
    const rows = await counted(scope, f)
      .select(['p.stage', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('p.stage')
      .execute();
    const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
    for (const r of rows) counts[r.stage as Stage] = Number(r.n);
    return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  }

  async function exportRows(scope: DataScope, f: ProjectExportQuery) {
    let query = filtered(scope, f);
    query = f.sort
      ? query.orderBy(listOrder(f.sort, f.order))
      : query.orderBy('un.sortOrder').orderBy('p.name');
    const rows = await query.limit(EXPORT_LIMIT).execute();
    return (rows as Row[]).map(present);
  }

  return { list, stageCounts, exportRows, detail, create, update, move, find, assertStageFactsHold };
}
export type ProjectsService = ReturnType<typeof createProjectsService>;
