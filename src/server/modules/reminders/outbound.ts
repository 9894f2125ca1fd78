import type { Database } from '../../db/database.js';
import type { OutboundAdapter } from './webhook-adapter.js';

// Posts the outbox (outbound_messages) through the webhook adapter. Any number of app servers may run this at
// once: each claims a batch with `for update skip locked` and keeps the rows locked while it posts them, so a
// message is claimed by one server only; a failure is retried with a growing wait, then marked failed.

export const MAX_ATTEMPTS = 5;
const BATCH = 20;

/** 1, 2, 4, 8 … minutes after the n-th failed attempt, capped at a day. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 24 * 3600_000);
}

export interface DeliverResult {
  sent: number;
  retried: number;
  failed: number;
  /** True when no webhook URL is configured: nothing was attempted. */
  notConfigured: boolean;
}

let warnedNotConfigured = false;

export async function deliverOutbound(
  db: Database,
  now: Date,
  adapter: OutboundAdapter,
  opts: { maxAttempts?: number; log?: (msg: string) => void } = {},
): Promise<DeliverResult> {
  const result: DeliverResult = { sent: 0, retried: 0, failed: 0, notConfigured: false };
  if (!adapter.configured) {
    if (!warnedNotConfigured) {
      warnedNotConfigured = true;
      opts.log?.('OUTBOUND_WEBHOOK_URL is not set: outbound messages stay pending');
    }
    result.notConfigured = true;
    return result;
  }
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const batch = await trx
        .selectFrom('outboundMessages')
        .select(['id', 'channel', 'recipient', 'title', 'body', 'link', 'attempts'])
        .where('status', '=', 'pending')
        .where('nextAttemptAt', '<=', now)
        .orderBy('nextAttemptAt')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const m of batch) {
        const attempts = m.attempts + 1;
        try {
          await adapter.send(m);
          await trx
            .updateTable('outboundMessages')
            .set({ status: 'sent', attempts, sentAt: now, lastError: null })
            .where('id', '=', m.id)
            .execute();
          result.sent++;
        } catch (err) {
          const failed = attempts >= maxAttempts;
          await trx
            .updateTable('outboundMessages')
            .set({
              status: failed ? 'failed' : 'pending',
              attempts,
              lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
              nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
            })
            .where('id', '=', m.id)
            .execute();
          if (failed) result.failed++;
          else result.retried++;
        }
      }
      return batch.length < BATCH;
    });
    if (done) return result;
  }
}
