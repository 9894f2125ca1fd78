import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { hasPermission } from '../../../domain/access/permissions.js';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { daysOverdue, isOverdue, maturity } from '../../../domain/landing/clocks.js';
import {
  PROCEDURE_KIND_LABELS,
  PROCEDURE_KINDS,
  PROCEDURE_TEMPLATE_STEPS,
  type ProcedureKind,
  type ProcedureStatus,
  templateFor,
} from '../../../domain/landing/landing-codes.js';
import {
  type ApplyTemplateInput,
  type CreateProcedureInput,
  HANDLER_PROCEDURE_FIELDS,
  type ProcedureListQuery,
  type ProcedureView,
  type UpdateProcedureInput,
} from '../../../domain/procedures/procedures.schemas.js';
import type { DB, ProceduresTable } from '../../db/schema.js';
import { inScope, inScopeOrAssigned } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { procedureOverdue } from '../landing/overdue.js';
import type { ProjectsService } from '../projects/projects.service.js';
import { proceduresErrors } from './procedures.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
type Row = Selectable<ProceduresTable> & { departmentName: string | null };
const OPEN: ProcedureStatus[] = ['pending', 'in_progress'];
const AUDITED = ['name', 'status', 'plannedOn', 'doneOn', 'departmentUnitId', 'note'] as const;

function present(r: Row, today: string): ProcedureView {
  const open = OPEN.includes(r.status as ProcedureStatus);
  return {
    id: r.id,
    projectId: r.projectId,
    unitId: r.unitId,
    kind: r.kind,
    name: r.name,
    departmentUnitId: r.departmentUnitId,
    departmentName: r.departmentName,
    plannedOn: r.plannedOn,
    doneOn: r.doneOn,
    status: r.status as ProcedureStatus,
    note: r.note,
    sortOrder: r.sortOrder,
    overdue: isOverdue(r.plannedOn, open, today),
    daysOverdue: open ? daysOverdue(r.plannedOn, today) : 0,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

const pick = (r: Record<string, unknown>) => Object.fromEntries(AUDITED.map((k) => [k, r[k] ?? null]));

/** Template steps first in their natural order, then custom ones in the order they were added. */
const sortOf = (kind: ProcedureKind) => PROCEDURE_KINDS.indexOf(kind) * 10;

export function createProceduresService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  projects: ProjectsService;
  now: () => Date;
}) {
  const { db, audit, projects, now } = deps;
  const today = () => chinaToday(now());

  function rows(q: Q) {
    return q
      .selectFrom('procedures as pr')
      .leftJoin('units as d', 'd.id', 'pr.departmentUnitId')
      .selectAll('pr')
      .select('d.name as departmentName');
  }

  async function checklist(q: Q, project: { id: string; industrial: boolean; capitalIncrease: boolean }) {
    const items = await rows(q)
      .where('pr.projectId', '=', project.id)
      .orderBy('pr.sortOrder')
      .orderBy('pr.createdAt')
      .execute();
    const d = today();
    const views = items.map((r) => present(r, d));
    return {
      projectId: project.id,
      suggestedTemplate: templateFor(project),
      maturity: maturity(views),
      overdue: views.filter((v) => v.overdue).length,
      items: views,
    };
  }

  /** The department must be an active department unit of the project's district. */
  async function assertDepartment(q: Q, districtId: string, unitId: string | null | undefined) {
    if (!unitId) return;
    const ok = await q
      .selectFrom('units')
      .select('id')
      .where('id', '=', unitId)
      .where('districtId', '=', districtId)
      .where('kind', '=', 'department')
      .where('active', '=', true)
      .executeTakeFirst();
    if (!ok) throw proceduresErrors.departmentInvalid();
  }

  /** The district's active departments by the label's hint: the exact name first, else one that contains it. */
  async function departmentsByHint(q: Q, districtId: string) {
    const units = await q
      .selectFrom('units')
      .select(['id', 'name'])
      .where('districtId', '=', districtId)
      .where('kind', '=', 'department')
      .where('active', '=', true)
      .orderBy('sortOrder')
      .orderBy('name')
      .execute();
    return (hint: string | null): string | null => {
      if (!hint) return null;
      return (units.find((u) => u.name === hint) ?? units.find((u) => u.name.includes(hint)))?.id ?? null;
    };
  }

  async function listForProject(scope: DataScope, projectId: string) {
    const project = await projects.find(db, scope, projectId);
    return checklist(db, project);
  }

  /** Adds the template's kinds the project lacks; existing rows (and custom ones) are left as they are. */
  async function applyTemplate(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    input: ApplyTemplateInput,
  ) {
    return db.transaction().execute(async (trx) => {
      // The project's row lock makes two clicks add the template once.
      const project = await projects.find(trx, scope, projectId, true);
      const template = input.template ?? templateFor(project);
      const existing = new Set(
        (await trx.selectFrom('procedures').select('kind').where('projectId', '=', projectId).execute()).map(
          (r) => r.kind,
        ),
      );
      const missing = PROCEDURE_TEMPLATE_STEPS[template].filter((k) => !existing.has(k));
      if (missing.length > 0) {
        const departmentOf = await departmentsByHint(trx, project.districtId);
        const at = now();
        await trx
          .insertInto('procedures')
          .values(
            missing.map((kind) => ({
              districtId: project.districtId,
              unitId: project.unitId,
              projectId,
              kind,
              name: PROCEDURE_KIND_LABELS[kind].zh,
              departmentUnitId: departmentOf(PROCEDURE_KIND_LABELS[kind].department),
              plannedOn: input.plannedOn?.[kind] ?? null,
              sortOrder: sortOf(kind),
              updatedBy: u.id,
              createdAt: at,
              updatedAt: at,
            })),
          )
          .execute();
      }
      await audit.append(trx, actor, {
        action: 'procedures.apply_template',
        objectType: 'project',
        objectId: projectId,
        result: 'success',
        changes: {
          procedures: { before: [...existing], after: [...existing, ...missing] },
          template: { before: null, after: template },
        },
      });
      return { ...(await checklist(trx, project)), template, added: missing };
    });
  }

  async function create(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    input: CreateProcedureInput,
  ) {
    const name = input.name ?? (input.kind === 'custom' ? undefined : PROCEDURE_KIND_LABELS[input.kind].zh);
    if (!name) throw proceduresErrors.nameRequired();
    return db.transaction().execute(async (trx) => {
      const project = await projects.find(trx, scope, projectId, true);
      await assertDepartment(trx, project.districtId, input.departmentUnitId);
      const kinds = await trx
        .selectFrom('procedures')
        .select(['kind', 'sortOrder'])
        .where('projectId', '=', projectId)
        .execute();
      if (input.kind !== 'custom' && kinds.some((k) => k.kind === input.kind))
        throw proceduresErrors.duplicateKind();
      const sortOrder =
        input.kind === 'custom' ? Math.max(1000, ...kinds.map((k) => k.sortOrder + 1)) : sortOf(input.kind);
      const at = now();
      const row = await trx
        .insertInto('procedures')
        .values({
          districtId: project.districtId,
          unitId: project.unitId,
          projectId,
          kind: input.kind,
          name,
          departmentUnitId: input.departmentUnitId,
          plannedOn: input.plannedOn,
          note: input.note,
          sortOrder,
          updatedBy: u.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'procedures.create',
        objectType: 'procedure',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { projectId, kind: input.kind, ...pick({ ...input, name }) }),
      });
      return present(await rows(trx).where('pr.id', '=', row.id).executeTakeFirstOrThrow(), today());
    });
  }

  /**
   * Who may write a row: the project's unit and the center (landing.write, the row in their scope) anything;
   * the department it is assigned to (landing.handle) its progress only. Rows the caller cannot read are 404.
   */
  async function findForWrite(trx: Transaction<DB>, u: SessionUser, scope: DataScope, id: string) {
    const row = await rows(trx)
      .where('pr.id', '=', id)
      .where(
        inScopeOrAssigned(scope, {
          district: 'pr.district_id',
          unit: 'pr.unit_id',
          department: 'pr.department_unit_id',
        }),
      )
      .forUpdate('pr')
      .executeTakeFirst();
    if (!row) throw proceduresErrors.notFound();
    const own = await trx
      .selectFrom('procedures')
      .select('id')
      .where('id', '=', id)
      .where(inScope(scope, { district: 'district_id', unit: 'unit_id' }))
      .executeTakeFirst();
    if (own && hasPermission(u.roles, 'landing.write')) return { row, as: 'unit' as const };
    if (
      scope.kind === 'assigned' &&
      row.departmentUnitId === scope.unitId &&
      hasPermission(u.roles, 'landing.handle')
    ) {
      return { row, as: 'department' as const };
    }
    throw proceduresErrors.readOnly();
  }

  async function update(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    id: string,
    patch: UpdateProcedureInput,
  ) {
    return db.transaction().execute(async (trx) => {
      const { row: before, as } = await findForWrite(trx, u, scope, id);
      if (as === 'department') {
        const allowed: readonly string[] = [...HANDLER_PROCEDURE_FIELDS, 'version'];
        const extra = Object.keys(patch).filter(
          (k) => !allowed.includes(k) && patch[k as keyof typeof patch] !== undefined,
        );
        if (extra.length > 0) throw proceduresErrors.handlerFields(extra);
      }
      if (before.version !== patch.version) throw proceduresErrors.stale(before.version);
      if (patch.departmentUnitId !== undefined)
        await assertDepartment(trx, before.districtId, patch.departmentUnitId);
      const status = patch.status ?? (before.status as ProcedureStatus);
      // Done carries its day; any other status carries none (不需办理 keeps no date).
      let doneOn: string | null = null;
      if (status === 'done') {
        doneOn = patch.doneOn !== undefined ? patch.doneOn : before.doneOn;
        if (!doneOn) throw proceduresErrors.doneOnRequired();
        if (doneOn > today()) throw proceduresErrors.doneOnFuture();
      }
      const set: Record<string, unknown> = { status, doneOn };
      for (const k of ['name', 'plannedOn', 'departmentUnitId', 'note'] as const) {
        if (patch[k] !== undefined) set[k] = patch[k];
      }
      await trx
        .updateTable('procedures')
        .set({ ...set, version: sql`version + 1`, updatedBy: u.id, updatedAt: now() })
        .where('id', '=', id)
        .execute();
      const after = await rows(trx).where('pr.id', '=', id).executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'procedures.update',
        objectType: 'procedure',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before), pick(after)),
      });
      return present(after, today());
    });
  }

  /** Only a procedure not started yet goes; the rest stay on record (不需办理 says it was not needed). */
  async function remove(scope: DataScope, actor: AuditActor, id: string) {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('procedures')
        .selectAll()
        .where('id', '=', id)
        .where(inScope(scope, { district: 'district_id', unit: 'unit_id' }))
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw proceduresErrors.notFound();
      if (row.status !== 'pending') throw proceduresErrors.notPending();
      await trx.deleteFrom('procedures').where('id', '=', id).execute();
      await audit.append(trx, actor, {
        action: 'procedures.delete',
        objectType: 'procedure',
        objectId: id,
        result: 'success',
        changes: diffFields({ projectId: row.projectId, kind: row.kind, ...pick(row) }, null),
      });
    });
  }

  /** Across projects: what the caller's unit owns, or (a department) what is assigned to it. */
  async function list(scope: DataScope, f: ProcedureListQuery) {
    const d = today();
    let q = db
      .selectFrom('procedures as pr')
      .innerJoin('projects as p', 'p.id', 'pr.projectId')
      .innerJoin('units as un', 'un.id', 'pr.unitId')
      .leftJoin('units as d', 'd.id', 'pr.departmentUnitId')
      .where(
        inScopeOrAssigned(scope, {
          district: 'pr.district_id',
          unit: 'pr.unit_id',
          department: 'pr.department_unit_id',
        }),
      );
    if (f.status) q = q.where('pr.status', '=', f.status);
    if (f.kind) q = q.where('pr.kind', '=', f.kind);
    if (f.departmentUnitId) q = q.where('pr.departmentUnitId', '=', f.departmentUnitId);
    if (f.unitId) q = q.where('pr.unitId', '=', f.unitId);
    if (f.projectId) q = q.where('pr.projectId', '=', f.projectId);
    const overdueWhere = procedureOverdue('pr', d);
    if (f.overdue === 'true') q = q.where(overdueWhere);
    if (f.overdue === 'false') q = q.where(sql<boolean>`not ${overdueWhere}`);
    const [items, counts] = await Promise.all([
      q
        .selectAll('pr')
        .select(['d.name as departmentName', 'p.name as projectName', 'un.name as unitName'])
        .orderBy(sql`case when ${overdueWhere} then 0 else 1 end`)
        .orderBy(sql`pr.planned_on asc nulls last`)
        .orderBy('p.name')
        .orderBy('pr.sortOrder')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q
        .select([
          sql<number>`count(*)::int`.as('total'),
          sql<number>`(count(*) filter (where ${overdueWhere}))::int`.as('overdueTotal'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: items.map((r) => ({ ...present(r, d), projectName: r.projectName, unitName: r.unitName })),
      total: counts.total,
      overdueTotal: counts.overdueTotal,
    };
  }

  return { listForProject, applyTemplate, create, update, remove, list };
}
export type ProceduresService = ReturnType<typeof createProceduresService>;
