import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createEnterpriseInput, enterpriseSchema } from '../../../domain/enterprises/enterprises.schemas.js';
import { actorOf, authOf } from '../../http/request-context.js';
import type { EnterprisesService } from './enterprises.service.js';

export function registerEnterprisesRoutes(app: FastifyInstance, service: EnterprisesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprises',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['enterprises'],
        summary: 'The district’s enterprises, by name or credit code',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(enterpriseSchema), total: z.number().int() }) },
      },
    },
    async (req) => service.list(authOf(req).user, req.query),
  );

  r.get(
    '/api/enterprises/:enterpriseId',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['enterprises'],
        summary: 'One enterprise',
        params: z.object({ enterpriseId: z.string().uuid() }),
        response: { 200: enterpriseSchema },
      },
    },
    async (req) => service.get(authOf(req).user, req.params.enterpriseId),
  );

  r.post(
    '/api/enterprises',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'enterprises.create' },
      schema: {
        tags: ['enterprises'],
        summary:
          'Enter an enterprise; an existing one (same code or normalised name) is returned instead (200)',
        body: createEnterpriseInput,
        response: {
          200: z.object({ enterprise: enterpriseSchema, created: z.literal(false) }),
          201: z.object({ enterprise: enterpriseSchema, created: z.literal(true) }),
        },
      },
    },
    async (req, reply) => {
      const r = await service.create(authOf(req).user, actorOf(req), req.body);
      return r.created
        ? reply.code(201).send({ enterprise: r.enterprise, created: true as const })
        : { enterprise: r.enterprise, created: false as const };
    },
  );
}
