import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { fixedWindow, overLimit, purgeBefore, type RateRule } from '../../../domain/portal/rate-window.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { portalErrors } from './portal.errors.js';

type Q = Database | Transaction<DB>;

/**
 * Counts one hit of `key` in the rule's current window and refuses it (429, Retry-After) beyond the limit. One
 * upsert: atomic on any number of app servers, and inside a caller's transaction it is undone with it.
 */
export async function hitRateLimit(q: Q, key: string, rule: RateRule, at: Date): Promise<void> {
  const w = fixedWindow(at, rule.windowSeconds);
  const { hits } = await q
    .insertInto('portalRateHits')
    .values({ key, windowStart: w.start, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'windowStart']).doUpdateSet({ hits: sql<number>`portal_rate_hits.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (overLimit(hits, rule)) throw portalErrors.rateLimited(w.retryAfterSeconds);
}

/** Drops windows no rule reads any more; called from the portal's write path, so the table stays small. */
export async function purgeRateWindows(q: Q, at: Date): Promise<void> {
  await q.deleteFrom('portalRateHits').where('windowStart', '<', purgeBefore(at)).execute();
}
