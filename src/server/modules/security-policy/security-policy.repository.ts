import type { Kysely, Transaction } from 'kysely';
import {
  DEFAULT_SECURITY_POLICY,
  type SecurityPolicy,
  securityPolicySchema,
} from '../../../domain/accounts/password-policy.js';
import type { DB } from '../../db/schema.js';

// One policy for the whole deployment (it governs accounts, not business data). Read from the database on
// every use so that every app server applies a change at once.
export function createSecurityPolicyRepository({ db }: { db: Kysely<DB> }) {
  async function get(trx: Kysely<DB> | Transaction<DB> = db): Promise<SecurityPolicy> {
    const row = await trx
      .selectFrom('securityPolicy')
      .select('policy')
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!row) return DEFAULT_SECURITY_POLICY;
    const parsed = securityPolicySchema.safeParse({ ...DEFAULT_SECURITY_POLICY, ...(row.policy as object) });
    return parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY;
  }

  async function save(trx: Transaction<DB>, policy: SecurityPolicy, at: Date): Promise<void> {
    await trx
      .insertInto('securityPolicy')
      .values({ id: 1, policy: JSON.stringify(policy), updatedAt: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ policy: JSON.stringify(policy), updatedAt: at }))
      .execute();
  }

  return { get, save };
}
export type SecurityPolicyRepository = ReturnType<typeof createSecurityPolicyRepository>;
