import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';

// Shared by the ops tests (not imported by the platform).

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface TableDump {
  table: string;
  rows: string[];
}

/** Every table of schema public, every row as JSON text, ordered by primary key (or by the whole row). */
export async function dumpPublicTables(db: Kysely<DB>): Promise<TableDump[]> {
  const tables = await sql<{ relname: string; pk: string[] | null }>`
    select c.relname,
           (select array_agg(a.attname::text order by array_position(i.indkey, a.attnum))
              from pg_index i
              join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
             where i.indrelid = c.oid and i.indisprimary) as pk
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname`.execute(db);
  const out: TableDump[] = [];
  for (const t of tables.rows) {
    const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
    const order = t.pk?.length ? t.pk.map(q).join(', ') : 'row_to_json(t)::text';
    const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.raw(
      `public.${q(t.relname)}`,
    )} t order by ${sql.raw(order)}`.execute(db);
    out.push({ table: t.relname, rows: rows.rows.map((r) => r.j) });
  }
  return out;
}

export async function sequenceValues(db: Kysely<DB>): Promise<Map<string, number>> {
  const r = await sql<{ name: string; v: string | null }>`
    select sequencename as name, last_value::text as v from pg_sequences where schemaname = 'public'`.execute(
    db,
  );
  return new Map(r.rows.map((x) => [x.name, Number(x.v ?? 0)]));
}

/** amcheck on every btree index of schema public, including "every heap tuple is indexed". */
export async function checkIndexes(db: Kysely<DB>): Promise<number> {
  await sql`create extension if not exists amcheck`.execute(db);
  const r = await sql<{ n: string }>`
    select count(bt_index_check(c.oid, true))::text as n
      from pg_index i
      join pg_class c on c.oid = i.indexrelid
      join pg_am am on am.oid = c.relam
      join pg_namespace ns on ns.oid = c.relnamespace
     where am.amname = 'btree' and ns.nspname = 'public'`.execute(db);
  return Number(r.rows[0]!.n);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a TypeScript entry point of this repository in a child Node (tsx loader) and collects its output. */
export function runTs(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** process.env without the settings a test must choose itself. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of [
    'DATABASE_URL',
    'DATA_DIR',
    'ALLOW_UNSAFE_DURABILITY',
    'BACKUP_KEY',
    'AUDIT_HMAC_KEY',
    'PORT',
    'WEB_DIST',
  ]) {
    delete env[k];
  }
  return { ...env, ...extra };
}
