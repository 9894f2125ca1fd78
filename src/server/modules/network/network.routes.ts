import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  networkOptionSchema,
  networkOptionsQuery,
  outcomeSchema,
  outcomesQuery,
} from '../../../domain/network/network.schemas.js';
import { scopeOf } from '../../http/request-context.js';
import type { NetworkService } from './network.service.js';

export function registerNetworkRoutes(app: FastifyInstance, service: NetworkService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/network/options',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['network'],
        summary:
          "Choices for linking a record to a referral source, an event or a chain link (the district's names)",
        querystring: networkOptionsQuery,
        response: { 200: z.array(networkOptionSchema) },
      },
    },
    async (req) => service.options(scopeOf(req), req.query),
  );

  r.get(
    '/api/network/outcomes',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['network'],
        summary:
          'Leads, conversions, signings and landings per channel, source, source kind or event in a period',
        querystring: outcomesQuery,
        response: { 200: z.array(outcomeSchema) },
      },
    },
    async (req) => service.outcomes(scopeOf(req), req.query),
  );
}
