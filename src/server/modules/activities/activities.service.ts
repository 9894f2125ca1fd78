import { type Kysely, sql } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import type { CreateActivityInput } from '../../../domain/activities/activities.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import { AppError } from '../../http/errors.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { ProjectsService } from '../projects/projects.service.js';

const futureDate = () =>
  new AppError(
    400,
    'activities.date_in_future',
    'An activity is recorded after it happened.',
    '活动日期不能晚于今天。',
    {
      occurredOn: { message: 'Not after today.', messageZh: '不能晚于今天。' },
    },
  );

export function createActivitiesService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  projects: ProjectsService;
  now: () => Date;
}) {
  const { db, audit, projects, now } = deps;

  function present(r: {
    id: string;
    unitId: string;
    projectId: string | null;
    kind: string;
    occurredOn: string;
    place: string | null;
    participants: string | null;
    ledByLeader: boolean;
    summary: string;
    createdAt: Date;
  }) {
    return { ...r, kind: r.kind as CreateActivityInput['kind'], createdAt: r.createdAt.toISOString() };
  }

  /** Logged against a project, credited to the project's responsible unit. */
  async function create(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    input: CreateActivityInput,
  ) {
    if (input.occurredOn > chinaToday(now())) throw futureDate();
    return db.transaction().execute(async (trx) => {
      const project = await projects.find(trx, scope, projectId);
      const row = await trx
        .insertInto('activities')
        .values({
          districtId: project.districtId,
          unitId: project.unitId,
          projectId,
          kind: input.kind,
          occurredOn: input.occurredOn,
          place: input.place ?? null,
          participants: input.participants ?? null,
          ledByLeader: input.ledByLeader,
          summary: input.summary,
          createdBy: u.id,
          createdAt: now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'activities.create',
        objectType: 'project',
        objectId: projectId,
        result: 'success',
        changes: {
          activity: { before: null, after: { id: row.id, kind: row.kind, occurredOn: row.occurredOn } },
        },
      });
      return present(row);
    });
  }

  async function listForProject(scope: DataScope, projectId: string) {
    await projects.find(db, scope, projectId);
    const rows = await db
      .selectFrom('activities')
      .selectAll()
      .where('projectId', '=', projectId)
      .orderBy('occurredOn', 'desc')
      .orderBy('createdAt', 'desc')
      .execute();
    return rows.map(present);
  }

  /** Per unit per month: how often each unit went out, received, phoned and met (DOMAIN §2: count visits). */
  async function countsByUnitMonth(scope: DataScope, from: string, to: string) {
    const rows = await db
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
    return rows;
  }

  return { create, listForProject, countsByUnitMonth };
}
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
