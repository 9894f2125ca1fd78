import { type Kysely, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import {
  type ActivityFilter,
  type ActivityView,
  type CreateActivityInput,
  canAmendActivity,
  type ListActivitiesQuery,
  type UpdateActivityInput,
} from '../../../domain/activities/activities.schemas.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import { activitiesErrors } from './activities.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
const EXPORT_LIMIT = 100_000;
const FIELDS = ['kind', 'occurredOn', 'place', 'participants', 'ledByLeader', 'summary'] as const;

/** An activity belongs to a project or to a lead (before it became a project), and counts for its unit. */
export type ActivityTarget = { projectId: string } | { leadId: string };

export function createActivitiesService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  projects: ProjectsService;
  now: () => Date;
}) {
  const { db, audit, projects, now } = deps;

  function base(q: Q, scope: DataScope) {
    return q
      .selectFrom('activities as a')
      .innerJoin('units as un', 'un.id', 'a.unitId')
      .leftJoin('projects as p', 'p.id', 'a.projectId')
      .leftJoin('leads as l', 'l.id', 'a.leadId')
      .leftJoin('users as us', 'us.id', 'a.createdBy')
      .select([
        'a.id',
        'a.unitId',
        'un.name as unitName',
        'a.projectId',
        'p.name as projectName',
        'a.leadId',
        'l.title as leadTitle',
        'a.kind',
        'a.occurredOn',
        'a.place',
        'a.participants',
        'a.ledByLeader',
        'a.summary',
        'a.createdBy',
        'us.displayName as createdByName',
        'a.createdAt',
      ])
      .where(inScope(scope, { district: 'a.district_id', unit: 'a.unit_id' }));
  }

  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;
  const present = (r: Row): ActivityView => ({ ...r, createdAt: r.createdAt.toISOString() });

  async function findOne(q: Q, scope: DataScope, id: string) {
    const row = await base(q, scope).where('a.id', '=', id).executeTakeFirst();
    if (!row) throw activitiesErrors.notFound();
    return row;
  }

  /** The lead in the caller's scope, read straight from the leads table through the one scope filter. */
  async function findLead(q: Q, scope: DataScope, leadId: string) {
    const lead = await q
      .selectFrom('leads')
      .select(['id', 'districtId', 'unitId', 'projectId'])
      .where('id', '=', leadId)
      .where(inScope(scope, { district: 'district_id', unit: 'unit_id' }))
      .executeTakeFirst();
    if (!lead) throw activitiesErrors.leadNotFound();
    return lead;
  }

  /** Logged against a project or lead, credited to its responsible unit. */
  async function create(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    target: ActivityTarget,
    input: CreateActivityInput,
  ) {
    if (input.occurredOn > chinaToday(now())) throw activitiesErrors.futureDate();
    return db.transaction().execute(async (trx) => {
      const owner =
        'projectId' in target
          ? await projects.find(trx, scope, target.projectId)
          : await findLead(trx, scope, target.leadId);
      const row = await trx
        .insertInto('activities')
        .values({
          districtId: owner.districtId,
          unitId: owner.unitId,
          projectId: 'projectId' in target ? target.projectId : null,
          leadId: 'leadId' in target ? target.leadId : null,
          kind: input.kind,
          occurredOn: input.occurredOn,
          place: input.place ?? null,
          participants: input.participants ?? null,
          ledByLeader: input.ledByLeader,
          summary: input.summary,
          createdBy: u.id,
          createdAt: now(),
        })
        .returning(['id', 'kind', 'occurredOn'])
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'activities.create',
        objectType: 'projectId' in target ? 'project' : 'lead',
        objectId: 'projectId' in target ? target.projectId : target.leadId,
        result: 'success',
        changes: {
          activity: { before: null, after: { id: row.id, kind: row.kind, occurredOn: row.occurredOn } },
        },
      });
      return present(await findOne(trx, scope, row.id));
    });
  }

  /** A project's activities, with those logged on its lead before it became the project. */
  async function listForProject(scope: DataScope, projectId: string) {
    const project = await projects.find(db, scope, projectId);
    const rows = await base(db, scope)
      .where((eb) =>
        project.leadId
          ? eb.or([eb('a.projectId', '=', projectId), eb('a.leadId', '=', project.leadId)])
          : eb('a.projectId', '=', projectId),
      )
      .orderBy('a.occurredOn', 'desc')
      .orderBy('a.createdAt', 'desc')
      .execute();
    return rows.map(present);
  }

  async function listForLead(scope: DataScope, leadId: string) {
    await findLead(db, scope, leadId);
    const rows = await base(db, scope)
      .where('a.leadId', '=', leadId)
      .orderBy('a.occurredOn', 'desc')
      .orderBy('a.createdAt', 'desc')
      .execute();
    return rows.map(present);
  }

  function filtered(scope: DataScope, f: ActivityFilter) {
    let query = base(db, scope);
    if (f.unitId) query = query.where('a.unitId', '=', f.unitId);
    if (f.kind) query = query.where('a.kind', '=', f.kind);
    if (f.from) query = query.where('a.occurredOn', '>=', f.from);
    if (f.to) query = query.where('a.occurredOn', '<=', f.to);
    if (f.ledByLeader !== undefined) query = query.where('a.ledByLeader', '=', f.ledByLeader);
    return query;
  }

  /** The district's (or the unit's) activity log, newest first. */
  async function list(scope: DataScope, f: ListActivitiesQuery) {
    const query = filtered(scope, f);
    const [rows, total] = await Promise.all([
      query
        .orderBy('a.occurredOn', 'desc')
        .orderBy('a.createdAt', 'desc')
        .orderBy('a.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(present), total: Number(total.n) };
  }

  async function exportRows(scope: DataScope, f: ActivityFilter) {
    const rows = await filtered(scope, f)
      .orderBy('a.occurredOn', 'desc')
      .orderBy('un.sortOrder')
      .limit(EXPORT_LIMIT)
      .execute();
    return rows.map(present);
  }

  /** Only its recorder, within the amend window, corrects a record; it stays with its project or lead. */
  async function update(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    id: string,
    patch: UpdateActivityInput,
  ) {
    if (patch.occurredOn && patch.occurredOn > chinaToday(now())) throw activitiesErrors.futureDate();
    return db.transaction().execute(async (trx) => {
      const before = await findOne(trx, scope, id);
      if (!canAmendActivity(before, u.id, now())) throw activitiesErrors.notAmendable();
      const set = Object.fromEntries(FIELDS.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
      if (Object.keys(set).length > 0)
        await trx.updateTable('activities').set(set).where('id', '=', id).execute();
      const after = await findOne(trx, scope, id);
      const pick = (r: Row) => Object.fromEntries(FIELDS.map((k) => [k, r[k]]));
      await audit.append(trx, actor, {
        action: 'activities.update',
        objectType: 'activity',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before), pick(after)),
      });
      return present(after);
    });
  }

  async function remove(u: SessionUser, scope: DataScope, actor: AuditActor, id: string) {
    await db.transaction().execute(async (trx) => {
      const before = await findOne(trx, scope, id);
      if (!canAmendActivity(before, u.id, now())) throw activitiesErrors.notAmendable();
      await trx.deleteFrom('activities').where('id', '=', id).execute();
      await audit.append(trx, actor, {
        action: 'activities.delete',
        objectType: 'activity',
        objectId: id,
        result: 'success',
        changes: diffFields(
          {
            kind: before.kind,
            occurredOn: before.occurredOn,
            projectId: before.projectId,
            leadId: before.leadId,
          },
          null,
        ),
      });
    });
  }

  /** Per unit per month: how often each unit went out, received, phoned and met (DOMAIN §2: count visits). */
  async function countsByUnitMonth(scope: DataScope, from: string, to: string) {
    return db
      .selectFrom('activities as a')
      .innerJoin('units as un', 'un.id', 'a.unitId')
      .select([
        'a.unitId',
        'un.name as unitName',
        sql<string>`to_char(a.occurred_on, 'YYYY-MM')`.as('month'),
        sql<number>`count(*) filter (where a.kind = 'visit_out')::int`.as('visitOut'),
        sql<number>`count(*) filter (where a.kind = 'visit_in')::int`.as('visitIn'),
        sql<number>`count(*) filter (where a.kind = 'call')::int`.as('call'),
        sql<number>`count(*) filter (where a.kind = 'meeting')::int`.as('meeting'),
        sql<number>`count(*) filter (where a.led_by_leader)::int`.as('ledByLeader'),
      ])
      .where(inScope(scope, { district: 'a.district_id', unit: 'a.unit_id' }))
      .where('a.occurredOn', '>=', from)
      .where('a.occurredOn', '<=', to)
      .groupBy(['a.unitId', 'un.name', 'un.sortOrder', sql`to_char(a.occurred_on, 'YYYY-MM')`])
      .orderBy(sql`to_char(a.occurred_on, 'YYYY-MM')`)
      .orderBy('un.sortOrder')
      .execute();
  }

  return { create, listForProject, listForLead, list, exportRows, update, remove, countsByUnitMonth };
}
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
