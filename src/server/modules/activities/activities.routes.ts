import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityCountsSchema,
  activitySchema,
  createActivityInput,
} from '../../../domain/activities/activities.schemas.js';
import { isIsoDate } from '../../../domain/dates.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { ActivitiesService } from './activities.service.js';

const projectIdParams = z.object({ projectId: z.string().uuid() });
const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');

export function registerActivitiesRoutes(app: FastifyInstance, service: ActivitiesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:projectId/activities',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['activities'],
        summary: 'Visits, calls and meetings of a project',
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
        summary: 'Record a visit, call or meeting',
        params: projectIdParams,
        body: createActivityInput,
        response: { 201: activitySchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.create(authOf(req).user, scopeOf(req), actorOf(req), req.params.projectId, req.body),
        ),
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
}
