import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSourceInput,
  deactivateSourceInput,
  sourceDetailQuery,
  sourceDetailSchema,
  sourceListQuery,
  sourceListSchema,
  sourceSchema,
  updateSourceInput,
} from '../../../domain/network/sources.schemas.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { SourcesService } from './sources.service.js';

const sourceIdParams = z.object({ sourceId: z.string().uuid() });

export function registerNetworkSourcesRoutes(app: FastifyInstance, service: SourcesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/network-sources',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['network'],
        summary:
          "The district's chambers, associations, people outside, dealers, invested enterprises and offices outside",
        querystring: sourceListQuery,
        response: { 200: sourceListSchema },
      },
    },
    async (req) => service.list(scopeOf(req), req.query),
  );

  r.get(
    '/api/network-sources/:sourceId',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['network'],
        summary: 'A source, the leads and projects it referred (in the caller’s scope) and its outcome',
        params: sourceIdParams,
        querystring: sourceDetailQuery,
        response: { 200: sourceDetailSchema },
      },
    },
    async (req) => service.detail(scopeOf(req), req.params.sourceId, req.query),
  );

  r.post(
    '/api/network-sources',
    {
      config: { access: { permission: 'pipeline.write', action: 'network_sources.create' } },
      schema: {
        tags: ['network'],
        summary: 'Record a chamber, person outside, dealer, invested enterprise or office outside',
        body: createSourceInput,
        response: { 201: sourceSchema },
      },
    },
    async (req, reply) => {
      const source = await service.create(authOf(req).user, scopeOf(req), actorOf(req), req.body);
      return reply.code(201).send(source);
    },
  );

  r.patch(
    '/api/network-sources/:sourceId',
    {
      config: { access: { permission: 'pipeline.write', action: 'network_sources.update' } },
      schema: {
        tags: ['network'],
        summary: 'Change a source (optimistic: the version the editor loaded)',
        params: sourceIdParams,
        body: updateSourceInput,
        response: { 200: sourceSchema },
      },
    },
    async (req) => service.update(scopeOf(req), actorOf(req), req.params.sourceId, req.body),
  );

  r.post(
    '/api/network-sources/:sourceId/deactivate',
    {
      config: { access: { permission: 'pipeline.write', action: 'network_sources.deactivate' } },
      schema: {
        tags: ['network'],
        summary: 'Stop offering a source as a referrer (its credited leads and projects keep it)',
        params: sourceIdParams,
        body: deactivateSourceInput,
        response: { 200: sourceSchema },
      },
    },
    async (req) => service.deactivate(scopeOf(req), actorOf(req), req.params.sourceId, req.body.version),
  );
}
