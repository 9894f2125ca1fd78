import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

// Expired sessions and old sign-in attempts are dead weight: the lock and throttle rules look back at most
// a day, and the audit log keeps every sign-in for good. Every app server may run this; it is idempotent.
const KEEP_ATTEMPTS_MS = 7 * 24 * 3600_000;

export async function purgeExpiredAuthRows(
  db: Kysely<DB>,
  now: Date,
): Promise<{ sessions: number; attempts: number }> {
  const s = await db.deleteFrom('sessions').where('expiresAt', '<', now).executeTakeFirst();
  const a = await db
    .deleteFrom('loginAttempts')
    .where('at', '<', new Date(now.getTime() - KEEP_ATTEMPTS_MS))
    .executeTakeFirst();
  return { sessions: Number(s.numDeletedRows), attempts: Number(a.numDeletedRows) };
}
