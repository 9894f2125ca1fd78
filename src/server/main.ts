import pino from 'pino';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { loadAuditKey, openDatabase } from './db/bootstrap.js';
import { loggerOptions } from './logger.js';
import { purgeExpiredAuthRows } from './modules/auth/auth-maintenance.js';
import { deliverOutbound } from './modules/reminders/outbound.js';
import { runReminders } from './modules/reminders/reminders.js';
import { createWebhookAdapter } from './modules/reminders/webhook-adapter.js';

async function main() {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const dbLog = (level: 'info' | 'warn' | 'debug', msg: string) => log[level]({ component: 'database' }, msg);

  const opened = await openDatabase(config, dbLog);
  const { app } = await buildApp({
    db: opened.db,
    databaseKind: opened.kind,
    auditHmacKey: loadAuditKey(config),
    clock: systemClock,
    version: config.version,
    trustProxy: config.trustProxy,
    logger: loggerOptions(config.logLevel),
    webDist: config.webDist,
  }).catch(async (err) => {
    await opened.close(); // never leave the embedded PostgreSQL running behind us
    throw err;
  });

  const purge = () =>
    purgeExpiredAuthRows(opened.db, new Date()).catch((err) =>
      log.warn({ err }, 'purge of expired sessions failed'),
    );
  const purgeTimer = setInterval(purge, 3600_000);
  purgeTimer.unref();
  void purge();

  // Every server runs the reminder job on its timer; the job's advisory lock lets one of them do it at a time
  // (the others skip), so starting more servers adds no duplicate notices.
  const outbound = createWebhookAdapter({
    url: config.outboundWebhookUrl,
    secret: config.outboundWebhookSecret,
  });
  const remind = async () => {
    try {
      const res = await runReminders(opened.db, new Date());
      if (!res.skipped && res.created > 0) log.info({ component: 'reminders', ...res }, 'reminders written');
      await deliverOutbound(opened.db, new Date(), outbound, {
        log: (msg) => log.warn({ component: 'outbound' }, msg),
      });
    } catch (err) {
      log.error({ err, component: 'reminders' }, 'reminder job failed');
    }
  };
  const reminderTimer =
    config.reminderIntervalMinutes > 0 ? setInterval(remind, config.reminderIntervalMinutes * 60_000) : null;
  reminderTimer?.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    clearInterval(purgeTimer);
    if (reminderTimer) clearInterval(reminderTimer);
    try {
      await app.close();
    } finally {
      await opened.close();
      log.info('stopped');
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    await opened.close();
    throw err;
  }
  log.info(
    {
      database: opened.kind,
      serverVersion: opened.serverVersion,
      dataDir: opened.embedded ? config.dataDir : undefined,
    },
    `招商调度 is running on http://localhost:${config.port}`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
