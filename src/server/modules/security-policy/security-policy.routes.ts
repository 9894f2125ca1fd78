import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { securityPolicySchema } from '../../../domain/accounts/password-policy.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/request-context.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { SecurityPolicyRepository } from './security-policy.repository.js';

export function registerSecurityPolicyRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; policies: SecurityPolicyRepository; audit: AuditRepository; now: () => Date },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/security-policy',
    {
      config: { access: { permission: 'security_policy.read' } },
      schema: {
        tags: ['security'],
        summary: 'Password, lockout and session policy',
        response: { 200: securityPolicySchema },
      },
    },
    async () => deps.policies.get(),
  );

  r.put(
    '/api/security-policy',
    {
      config: { access: { permission: 'security_policy.manage' }, action: 'security_policy.update' },
      schema: {
        tags: ['security'],
        summary: 'Change the policy',
        body: securityPolicySchema,
        response: { 200: securityPolicySchema },
      },
    },
    async (req) => {
      await deps.db.transaction().execute(async (trx) => {
        const before = await deps.policies.get(trx);
        await deps.policies.save(trx, req.body, deps.now());
        await deps.audit.append(trx, actorOf(req), {
          action: 'security_policy.update',
          objectType: 'security_policy',
          objectId: '1',
          result: 'success',
          changes: diffFields(before, req.body),
        });
      });
      return deps.policies.get();
    },
  );
}
