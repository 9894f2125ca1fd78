import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf, scopeOf } from '../../http/request-context.js';
import type { SearchService } from './search.service.js';

export function registerSearchRoutes(app: FastifyInstance, service: SearchService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/search',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['search'],
        summary: 'Find enterprises, projects and leads by Chinese name, full pinyin, initials or credit code',
        querystring: z.object({ q: z.string().trim().min(1).max(100) }),
        response: {
          200: z.object({
            enterprises: z.array(
              z.object({ id: z.string().uuid(), name: z.string(), creditCode: z.string().nullable() }),
            ),
            projects: z.array(
              z.object({ id: z.string().uuid(), name: z.string(), stage: z.string(), unitName: z.string() }),
            ),
            leads: z.array(
              z.object({
                id: z.string().uuid(),
                title: z.string(),
                status: z.string(),
                unitName: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => service.search(scopeOf(req), authOf(req).user.districtId, req.query.q),
  );
}
