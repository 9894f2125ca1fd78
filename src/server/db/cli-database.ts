import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { createDatabase, type Database } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * For command-line tools: a connection to the platform's database whether or not the server is running.
 * External → DATABASE_URL. Embedded and running → the port PostgreSQL wrote into postmaster.pid. Embedded
 * and stopped → start it for the duration of `fn`.
 */
export async function withCliDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  if (config.databaseUrl) {
    const db = createDatabase({ connectionString: config.databaseUrl }, 2);
    try {
      return await fn(db);
    } finally {
      await db.destroy();
    }
  }
  const pidFile = path.join(config.dataDir, 'pg', 'postmaster.pid');
  const secret = path.join(config.dataDir, 'pg-superuser.secret');
  if (!fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    throw new Error(`No database in ${config.dataDir}: start the platform once (npm start) or set DATA_DIR.`);
  }
  if (fs.existsSync(pidFile) && fs.existsSync(path.join(config.dataDir, 'server.lock'))) {
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    const port = Number(lines[3]);
    const db = createDatabase(
      {
        host: '127.0.0.1',
        port,
        user: 'postgres',
        password: fs.readFileSync(secret, 'utf8').trim(),
        database: 'postgres',
      },
      2,
    );
    try {
      return await fn(db);
    } finally {
      await db.destroy();
    }
  }
  const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, log: () => {} });
  const db = createDatabase(
    { host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres' },
    2,
  );
  try {
    return await fn(db);
  } finally {
    await db.destroy();
    await pg.stop();
  }
}
