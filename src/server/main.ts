import pino from 'pino';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { loadAuditKey, openDatabase } from './db/bootstrap.js';
import { loggerOptions } from './logger.js';
import { purgeExpiredAuthRows } from './modules/auth/auth-maintenance.js';

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

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    clearInterval(purgeTimer);
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
