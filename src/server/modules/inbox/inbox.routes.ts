import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inboxSchema } from '../../../domain/inbox/inbox.schemas.js';
import { scopeOf } from '../../http/request-context.js';
import type { InboxService } from './inbox.service.js';

export function registerInboxRoutes(app: FastifyInstance, service: InboxService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/landing/inbox',
    {
      config: { access: { permission: 'landing.handle' } },
      schema: {
        tags: ['landing'],
        summary:
          '部门待办: everything assigned to the caller’s department still open (problems, procedures, pre-review opinions, commitments, supervision notices), overdue first',
        response: { 200: inboxSchema },
      },
    },
    async (req) => service.inbox(scopeOf(req)),
  );
}
