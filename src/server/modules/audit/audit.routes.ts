import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntrySchema, auditQuery } from '../../../domain/audit/audit.schemas.js';
import type { AuditRepository } from './audit.repository.js';

// Read-only by design: the audit log has no update or delete route, and the database refuses both.
export function registerAuditRoutes(app: FastifyInstance, audit: AuditRepository): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log',
        querystring: auditQuery,
        response: { 200: z.object({ items: z.array(auditEntrySchema), total: z.number().int() }) },
      },
    },
    async (req) => audit.search(req.query),
  );

  r.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'Check the HMAC chain; reports the first broken row',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            firstBrokenId: z.string().nullable(),
            reason: z.string().nullable(),
          }),
        },
      },
    },
    async () => audit.verify(),
  );
}
