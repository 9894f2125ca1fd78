import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createEnterpriseInput,
  enterpriseDetailSchema,
  enterpriseSchema,
  listEnterprisesQuery,
  updateEnterpriseInput,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { EnterprisesService } from './enterprises.service.js';

const enterpriseIdParams = z.object({ enterpriseId: z.string().uuid() });

export function registerEnterprisesRoutes(app: FastifyInstance, service: EnterprisesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprises',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['enterprises'],
        summary:
          'The district’s enterprises: by name, pinyin or credit code, kinds, origin province, industry',
        querystring: listEnterprisesQuery,
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
        summary: 'One enterprise, with its projects and leads in the caller’s scope',
        params: enterpriseIdParams,
        response: { 200: enterpriseDetailSchema },
      },
    },
    async (req) => service.detail(authOf(req).user, scopeOf(req), req.params.enterpriseId),
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

  r.patch(
    '/api/enterprises/:enterpriseId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'enterprises.update' },
      schema: {
        tags: ['enterprises'],
        summary: 'Edit an enterprise (center or a unit working with it), with the updatedAt you loaded',
        params: enterpriseIdParams,
        body: updateEnterpriseInput,
        response: { 200: enterpriseSchema },
      },
    },
    async (req) => service.update(authOf(req).user, actorOf(req), req.params.enterpriseId, req.body),
  );
}
