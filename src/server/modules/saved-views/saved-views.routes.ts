import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSavedViewInput,
  savedViewSchema,
  savedViewsQuery,
  updateSavedViewInput,
} from '../../../domain/saved-views/saved-views.schemas.js';
import { actorOf, authOf } from '../../http/request-context.js';
import type { SavedViewsService } from './saved-views.service.js';

const viewIdParams = z.object({ viewId: z.string().uuid() });

// The lists that can be saved are all pipeline lists, so reading them is the permission a view needs.
export function registerSavedViewsRoutes(app: FastifyInstance, views: SavedViewsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/saved-views',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['saved-views'],
        summary: 'My saved views of a list',
        querystring: savedViewsQuery,
        response: { 200: z.object({ items: z.array(savedViewSchema) }) },
      },
    },
    async (req) => ({ items: await views.list(authOf(req).user, req.query.list) }),
  );

  r.post(
    '/api/saved-views',
    {
      config: { access: { permission: 'pipeline.read' }, action: 'saved_views.create' },
      schema: {
        tags: ['saved-views'],
        summary: 'Save a list’s filters and columns under a name (checked against the list’s query schema)',
        body: createSavedViewInput,
        response: { 201: savedViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await views.create(authOf(req).user, actorOf(req), req.body)),
  );

  r.patch(
    '/api/saved-views/:viewId',
    {
      config: { access: { permission: 'pipeline.read' }, action: 'saved_views.update' },
      schema: {
        tags: ['saved-views'],
        summary: 'Rename a view of mine or replace its filters or columns',
        params: viewIdParams,
        body: updateSavedViewInput,
        response: { 200: savedViewSchema },
      },
    },
    async (req) => views.update(authOf(req).user, actorOf(req), req.params.viewId, req.body),
  );

  r.delete(
    '/api/saved-views/:viewId',
    {
      config: { access: { permission: 'pipeline.read' }, action: 'saved_views.delete' },
      schema: {
        tags: ['saved-views'],
        summary: 'Delete a view of mine',
        params: viewIdParams,
      },
    },
    async (req, reply) => {
      await views.remove(authOf(req).user, actorOf(req), req.params.viewId);
      return reply.code(204).send();
    },
  );
}
