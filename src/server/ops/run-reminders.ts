import { loadConfig } from '../config.js';
import { withCliDatabase } from '../db/cli-database.js';
import { deliverOutbound } from '../modules/reminders/outbound.js';
import { runReminders } from '../modules/reminders/reminders.js';
import { createWebhookAdapter } from '../modules/reminders/webhook-adapter.js';

// `npm run reminders`: one run of the reminder job and one pass of the outbox, for cron when the servers run
// with REMINDER_INTERVAL_MINUTES=0. Safe next to running servers: the job's advisory lock makes a concurrent
// run skip, and the outbox claims rows with skip locked. Exit 0 done or skipped, 1 failed.
const config = loadConfig();
withCliDatabase(config, async (db) => {
  const res = await runReminders(db, new Date());
  if (res.skipped) {
    process.stdout.write('reminders: skipped (another server is running the job)\n');
  } else {
    process.stdout.write(
      `reminders: ${res.created} notices, ${res.outbound} outbound ${JSON.stringify(res.counts)}\n`,
    );
  }
  const sent = await deliverOutbound(
    db,
    new Date(),
    createWebhookAdapter({ url: config.outboundWebhookUrl, secret: config.outboundWebhookSecret }),
    { log: (msg) => process.stderr.write(`${msg}\n`) },
  );
  process.stdout.write(`outbound: ${sent.sent} sent, ${sent.retried} to retry, ${sent.failed} failed\n`);
  return 0;
})
  .then((code) => process.exit(code))
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  });
