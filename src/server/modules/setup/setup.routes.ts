import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setupInput } from '../../../domain/accounts/accounts.schemas.js';
import type { SetupService } from './setup.service.js';

export function registerSetupRoutes(app: FastifyInstance, service: SetupService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/setup/status',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['setup'],
        summary: 'Whether the first-run setup is still to be done',
        response: { 200: z.object({ needsSetup: z.boolean() }) },
      },
    },
    async () => ({ needsSetup: await service.needsSetup() }),
  );

  // Public only while the database has no account: the service refuses once setup is done.
  r.post(
    '/api/setup',
    {
      config: { access: { public: true }, action: 'setup.complete' },
      schema: {
        tags: ['setup'],
        summary: 'First run: district, administrators, optional demo district',
        body: setupInput,
        response: {
          201: z.object({
            securityAdminUsername: z.string(),
            auditorUsername: z.string(),
            demo: z
              .object({
                units: z.number().int(),
                users: z.number().int(),
                enterprises: z.number().int(),
                projects: z.number().int(),
              })
              .nullable(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.run(req.body, { ip: req.ip, requestId: req.id })),
  );
}
