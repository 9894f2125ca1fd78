import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { createDatabase, type Database, type PgConnection } from './database.js';
import { type EmbeddedPostgres, runningCluster, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * For command-line tools: a connection to the platform's database whether or not the server is running.
 * External → DATABASE_URL. Embedded and running → the cluster the server runs. Embedded and stopped →
 * start it for the duration of `fn`.
 */
export async function withCliDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  let own: EmbeddedPostgres | null = null;
  let conn: PgConnection;
  if (config.databaseUrl) {
    conn = { connectionString: config.databaseUrl };
  } else {
    if (!fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
      throw new Error(
        `No database in ${config.dataDir}: start the platform once (npm start) or set DATA_DIR.`,
      );
    }
    const running = runningCluster(config.dataDir);
    if (running) {
      conn = running;
    } else {
      own = await startEmbeddedPostgres({ dataDir: config.dataDir, log: () => {} });
      conn = { host: own.host, port: own.port, user: own.user, password: own.password, database: 'postgres' };
    }
  }
  const db = createDatabase(conn, 2);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
    await own?.stop();
  }
}
