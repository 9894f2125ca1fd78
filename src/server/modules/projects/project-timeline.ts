import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DataScope } from '../../../domain/access/scope.js';
import { chinaToday } from '../../../domain/dates.js';
import {
  sortTimeline,
  type TimelineEntry,
  timelineEntrySchema,
} from '../../../domain/projects/project-timeline.js';
import type { DB } from '../../db/schema.js';
import { scopeOf } from '../../http/request-context.js';
import type { ProjectsService } from './projects.service.js';

// The project's timeline reads the records other modules keep (stage history, the audit trail of its edits and
// uploads, capital reports, activities, the lead's events). Scope is decided once, by finding the project
// through the projects service; everything else is read by the project's id.

const LIMIT = 300;

export function createProjectTimeline(deps: { db: Kysely<DB>; projects: ProjectsService }) {
  const { db, projects } = deps;

  async function timeline(scope: DataScope, projectId: string): Promise<TimelineEntry[]> {
    const project = await projects.find(db, scope, projectId);
    const [stages, audits, capital, activities, leadEvents] = await Promise.all([
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
        .where('h.projectId', '=', projectId)
        .orderBy('h.id', 'desc')
        .limit(LIMIT)
        .execute(),
      // Edits and uploads as the audit trail recorded them: field names only, never values (the trail is the
      // auditors'; the timeline only says that something changed and who changed it).
      db
        .selectFrom('auditLog as a')
        .leftJoin('users as u', 'u.id', 'a.userId')
        .select(['a.action', 'a.at', 'a.username', 'u.displayName', sql<unknown>`a.changes`.as('changes')])
        .where('a.objectType', '=', 'project')
        .where('a.objectId', '=', projectId)
        .where('a.result', '=', 'success')
        .where('a.action', 'in', ['projects.update', 'attachments.upload'])
        .orderBy('a.id', 'desc')
        .limit(LIMIT)
        .execute(),
      db
        .selectFrom('capitalReports as c')
        .leftJoin('users as u', 'u.id', 'c.updatedBy')
        .select([
          'c.month',
          'c.updatedAt',
          'u.displayName',
          sql<string>`(c.funds_out_of_province_yuan + c.funds_in_province_yuan + c.funds_foreign_yuan + c.funds_local_yuan)::text`.as(
            'fundsInPlaceYuan',
          ),
          'c.completedInvestmentYuan',
          'c.foreignUsedUsdCents',
        ])
        .where('c.projectId', '=', projectId)
        .orderBy('c.month', 'desc')
        .limit(LIMIT)
        .execute(),
      db
        .selectFrom('activities as a')
        .leftJoin('users as u', 'u.id', 'a.createdBy')
        .select([
          'a.kind',
          'a.occurredOn',
          'a.summary',
          'a.place',
          'a.ledByLeader',
          'a.createdAt',
          'u.displayName',
        ])
        .where((eb) =>
          project.leadId
            ? eb.or([eb('a.projectId', '=', projectId), eb('a.leadId', '=', project.leadId)])
            : eb('a.projectId', '=', projectId),
        )
        .orderBy('a.occurredOn', 'desc')
        .limit(LIMIT)
        .execute(),
      project.leadId
        ? db
            .selectFrom('leadEvents as e')
            .leftJoin('users as u', 'u.id', 'e.userId')
            .select(['e.kind', 'e.onDate', 'e.note', 'e.at', 'e.username', 'u.displayName'])
            .where('e.leadId', '=', project.leadId)
            .orderBy('e.id', 'desc')
            .limit(LIMIT)
            .execute()
        : Promise.resolve([]),
    ]);

    const entries: TimelineEntry[] = [
      ...stages.map((h) => ({
        kind: 'stage' as const,
        date: h.effectiveDate,
        at: h.at.toISOString(),
        who: h.displayName ?? h.username,
        stage: { from: h.fromStage, to: h.toStage, note: h.note },
      })),
      ...audits.map((a) => {
        const changes = (a.changes ?? {}) as Record<string, { after?: { kind?: string; filename?: string } }>;
        const base = { date: chinaToday(a.at), at: a.at.toISOString(), who: a.displayName ?? a.username };
        if (a.action === 'attachments.upload') {
          const after = changes.attachment?.after;
          return {
            ...base,
            kind: 'attachment' as const,
            attachment: { kind: after?.kind ?? 'other', filename: after?.filename ?? '' },
          };
        }
        return { ...base, kind: 'edit' as const, edit: { fields: Object.keys(changes) } };
      }),
      ...capital.map((c) => ({
        kind: 'capital' as const,
        date: c.month,
        at: c.updatedAt.toISOString(),
        who: c.displayName,
        capital: {
          month: c.month.slice(0, 7),
          fundsInPlaceYuan: c.fundsInPlaceYuan,
          completedInvestmentYuan: c.completedInvestmentYuan,
          foreignUsedUsdCents: c.foreignUsedUsdCents,
        },
      })),
      ...activities.map((a) => ({
        kind: 'activity' as const,
        date: a.occurredOn,
        at: a.createdAt.toISOString(),
        who: a.displayName,
        activity: { kind: a.kind, summary: a.summary, place: a.place, ledByLeader: a.ledByLeader },
      })),
      ...leadEvents.map((e) => ({
        kind: 'lead' as const,
        date: e.onDate,
        at: e.at.toISOString(),
        who: e.displayName ?? e.username,
        lead: { kind: e.kind, note: e.note },
      })),
    ];
    return sortTimeline(entries).slice(0, LIMIT);
  }

  return { timeline };
}
export type ProjectTimeline = ReturnType<typeof createProjectTimeline>;

export function registerProjectTimelineRoutes(app: FastifyInstance, service: ProjectTimeline): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/projects/:projectId/timeline',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['projects'],
        summary:
          'The project’s timeline: stage changes, edits, uploads, capital reports, activities, its lead',
        params: z.object({ projectId: z.string().uuid() }),
        response: { 200: z.array(timelineEntrySchema) },
      },
    },
    async (req) => service.timeline(scopeOf(req), req.params.projectId),
  );
}
