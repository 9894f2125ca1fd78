import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityCountsSchema,
  activityFilter,
  activitySchema,
  createActivityInput,
  listActivitiesQuery,
  updateActivityInput,
} from '../../../domain/activities/activities.schemas.js';
import { isIsoDate } from '../../../domain/dates.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import { activitiesWorkbook } from './activities.export.js';
import type { ActivitiesService } from './activities.service.js';

const projectIdParams = z.object({ projectId: z.string().uuid() });
const leadIdParams = z.object({ leadId: z.string().uuid() });
const activityIdParams = z.object({ activityId: z.string().uuid() });
const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');

export function registerActivitiesRoutes(app: FastifyInstance, service: ActivitiesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:projectId/activities',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['activities'],
        summary: 'Visits, calls and meetings of a project (and of the lead it came from)',
        params: projectIdParams,
        response: { 200: z.array(activitySchema) },
      },
    },
    async (req) => service.listForProject(scopeOf(req), req.params.projectId),
  );

  r.post(
    '/api/projects/:projectId/activities',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'activities.create' },
      schema: {
        tags: ['activities'],
        summary: 'Record a visit, call or meeting on a project',
        params: projectIdParams,
        body: createActivityInput,
        response: { 201: activitySchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.create(authOf(req).user, scopeOf(req), actorOf(req), req.params, req.body)),
  );

  r.get(
    '/api/leads/:leadId/activities',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['activities'],
        summary: 'Visits, calls and meetings of a lead',
        params: leadIdParams,
        response: { 200: z.array(activitySchema) },
      },
    },
    async (req) => service.listForLead(scopeOf(req), req.params.leadId),
  );

  r.post(
    '/api/leads/:leadId/activities',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'activities.create' },
      schema: {
        tags: ['activities'],
        summary: 'Record a visit, call or meeting on a lead',
        params: leadIdParams,
        body: createActivityInput,
        response: { 201: activitySchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.create(authOf(req).user, scopeOf(req), actorOf(req), req.params, req.body)),
  );

  r.get(
    '/api/activities',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['activities'],
        summary: 'The activity log in the caller’s scope: by unit, kind, date range, led by a leader',
        querystring: listActivitiesQuery,
        response: { 200: z.object({ items: z.array(activitySchema), total: z.number().int() }) },
      },
    },
    async (req) => service.list(scopeOf(req), req.query),
  );

  r.get(
    '/api/activities/export.xlsx',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['activities'],
        summary: 'The activity log as .xlsx, with the same filters and scope as the list',
        querystring: activityFilter,
      },
    },
    async (req, reply) => {
      const body = await activitiesWorkbook(await service.exportRows(scopeOf(req), req.query));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('走访记录.xlsx')}`)
        .send(body);
    },
  );

  r.get(
    '/api/activities/counts',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['activities'],
        summary: 'Activities per unit per month (visits out vs calls)',
        querystring: z.object({ from: day, to: day }),
        response: { 200: activityCountsSchema },
      },
    },
    async (req) => service.countsByUnitMonth(scopeOf(req), req.query.from, req.query.to),
  );

  r.patch(
    '/api/activities/:activityId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'activities.update' },
      schema: {
        tags: ['activities'],
        summary: 'Correct an activity you recorded in the last days',
        params: activityIdParams,
        body: updateActivityInput,
        response: { 200: activitySchema },
      },
    },
    async (req) =>
      service.update(authOf(req).user, scopeOf(req), actorOf(req), req.params.activityId, req.body),
  );

  r.delete(
    '/api/activities/:activityId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'activities.delete' },
      schema: {
        tags: ['activities'],
        summary: 'Remove an activity you recorded in the last days',
        params: activityIdParams,
      },
    },
    async (req, reply) => {
      await service.remove(authOf(req).user, scopeOf(req), actorOf(req), req.params.activityId);
      return reply.code(204).send();
    },
  );
}
