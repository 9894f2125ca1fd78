import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { remindInTransaction } from '../reminders/reminders.js';

/**
 * The demo's notification centres come from the real reminder job, run once over everything the other demo
 * loaders wrote (it takes well under a second on the demo), so each demo account opens the platform to the
 * due and overdue items of its own work, exactly as the scheduled job would tell it.
 */
export async function loadDemoNotifications(trx: Transaction<DB>, o: { districtId: string; now: Date }) {
  const res = await remindInTransaction(trx, o.now, { districtId: o.districtId });
  return res.skipped ? 0 : res.created;
}
