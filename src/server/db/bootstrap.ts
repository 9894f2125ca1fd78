import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { checkDurability, createDatabase, type Database, readServerFacts } from './database.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';
import { migrateToLatest } from './migrate.js';

export interface OpenedDatabase {
  db: Database;
  kind: 'embedded' | 'external';
  serverVersion: string;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

type Log = (level: 'info' | 'warn' | 'debug', msg: string) => void;

/** DATABASE_URL → that server; otherwise the embedded PostgreSQL in DATA_DIR. Then checks and migrates. */
export async function openDatabase(config: Config, log: Log): Promise<OpenedDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let db: Database;
  if (config.databaseUrl) {
    db = createDatabase({ connectionString: config.databaseUrl }, config.poolSize);
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      log,
      unsafeFast: config.allowUnsafeDurability,
    });
    db = createDatabase(
      {
        host: embedded.host,
        port: embedded.port,
        user: embedded.user,
        password: embedded.password,
        database: 'postgres',
      },
      config.poolSize,
    );
  }
  const close = async () => {
    await db.destroy();
    await embedded?.stop();
  };
  try {
    const facts = await readServerFacts(db);
    checkDurability(facts, config.allowUnsafeDurability);
    const applied = await migrateToLatest(db);
    if (applied.length > 0) log('info', `Applied migrations: ${applied.join(', ')}`);
    return {
      db,
      kind: embedded ? 'embedded' : 'external',
      serverVersion: facts.serverVersion,
      embedded,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The audit chain's HMAC key: AUDIT_HMAC_KEY (required when several app servers share a database), else a
 * key generated once into DATA_DIR. It lives outside the database so that someone who can write the tables
 * cannot re-sign a tampered chain.
 */
export function loadAuditKey(config: Config): string {
  if (config.auditHmacKey) return config.auditHmacKey;
  const file = path.join(config.dataDir, 'audit-hmac.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
