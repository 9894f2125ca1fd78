import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;

export interface PgConnection {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  connectionString?: string;
}

// A calendar date is a calendar date (China time, DOMAIN §4): keep PostgreSQL's YYYY-MM-DD text rather than
// letting node-pg turn it into a JS Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

// int8 (bigserial ids, counts, money in 元) come back as strings so no value is ever rounded by a JS number.
export function createDatabase(conn: PgConnection, poolSize = 10): Database {
  const pool = new pg.Pool({ ...conn, max: poolSize, application_name: 'zhaoshang' });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the pool
  // replaces it on next use.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

export interface ServerFacts {
  serverVersion: string;
  serverVersionNum: number;
  fsync: string;
  synchronousCommit: string;
}

export async function readServerFacts(db: Kysely<DB>): Promise<ServerFacts> {
  const r = await sql<{ v: string; n: string; f: string; s: string }>`
    select current_setting('server_version') as v, current_setting('server_version_num') as n,
           current_setting('fsync') as f, current_setting('synchronous_commit') as s`.execute(db);
  const row = r.rows[0]!;
  return { serverVersion: row.v, serverVersionNum: Number(row.n), fsync: row.f, synchronousCommit: row.s };
}

/** An acknowledged write must survive a crash: refuse a server that could lose it, unless this is a test. */
export function checkDurability(facts: ServerFacts, allowUnsafe: boolean): void {
  if (facts.serverVersionNum < 150000) {
    throw new Error(
      `PostgreSQL ${facts.serverVersion} is too old: Zhaoshang Dispatch needs PostgreSQL 15 or newer.`,
    );
  }
  if (allowUnsafe) return;
  if (facts.fsync !== 'on' || facts.synchronousCommit === 'off') {
    throw new Error(
      `PostgreSQL runs with fsync=${facts.fsync}, synchronous_commit=${facts.synchronousCommit}: acknowledged ` +
        'writes could be lost in a crash. Turn both on (ALLOW_UNSAFE_DURABILITY=true is for tests only).',
    );
  }
}
