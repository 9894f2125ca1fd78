import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Database } from '../db/database.js';
import { postgresIds, startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { createAuditRepository } from '../modules/audit/audit.repository.js';
import {
  type ArchiveRecord,
  type Manifest,
  readArchive,
  SigningKey,
  verifyArchive,
  verifySignature,
} from './archive.js';
import { type Progress, pgEnv, runTool, splitDatabaseUrl, toolMajorVersion } from './backup.js';

// `npm run restore -- FILE`: verifies the whole file (checksum, signature, every entry against the manifest)
// before writing anything, then restores into an empty DATA_DIR (embedded) or an empty database (external).

/** Wrong usage (no key given): the CLI exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where the restore would write is not acceptable (not empty, wrong kind of backup for the target). */
export class RestoreTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreTargetError';
  }
}

export interface RestoreOptions {
  file: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  key: SigningKey;
  /** The key came from --key-file: it is copied to DATA_DIR/backup.key so later backups use the same key. */
  keyFile?: string | undefined;
  /** AUDIT_HMAC_KEY, if the platform uses it instead of DATA_DIR/audit-hmac.key. */
  auditHmacKey?: string | undefined;
  progress?: Progress;
  /** pg_restore to use in external mode (default: PG_RESTORE, else `pg_restore` on the PATH). */
  pgRestore?: string | undefined;
  /** Stops the restore while files are written (they are removed again). */
  signal?: AbortSignal | undefined;
}

export interface RestoreResult {
  manifest: Manifest;
  sha256: string;
  target: string;
  files: number;
  bytes: number;
  /** The audit chain verified on the restored data; null if there was no key or no audit log. */
  audit: { ok: boolean; checked: number; firstBrokenId: string | null; reason: string | null } | null;
  notes: string[];
  durationMs: number;
}

/** The restore key: BACKUP_KEY, else --key-file, else DATA_DIR/backup.key if there is one. */
export function loadRestoreSigningKey(opts: {
  env?: NodeJS.ProcessEnv;
  keyFile?: string | undefined;
  dataDir: string;
}): { key: SigningKey; origin: string } {
  const env = opts.env ?? process.env;
  if (env.BACKUP_KEY) return { key: new SigningKey(env.BACKUP_KEY), origin: 'BACKUP_KEY' };
  const file = opts.keyFile ?? path.join(opts.dataDir, 'backup.key');
  if (opts.keyFile || fs.existsSync(file)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`Cannot read the backup key ${file}: ${(err as Error).message}`);
    }
    return { key: new SigningKey(text), origin: file };
  }
  throw new UsageError(
    'The backup key is needed to check the backup: set BACKUP_KEY, or pass --key-file PATH (the backup.key ' +
      'of the DATA_DIR where the backup was taken).',
  );
}

/** Checks the file without restoring: signature and every entry. */
export async function checkBackup(file: string, key: SigningKey) {
  return verifyArchive(file, key);
}

function assertEmptyDataDir(dataDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new RestoreTargetError(`DATA_DIR ${dataDir} is a file, not a folder.`);
    throw err;
  }
  if (names.length > 0) {
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    throw new RestoreTargetError(
      `DATA_DIR ${dataDir} is not empty (${shown}). A restore never overwrites anything: point DATA_DIR at a ` +
        'new or empty folder.',
    );
  }
}

export async function restore(opts: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const progress = opts.progress ?? (() => {});
  const file = path.resolve(opts.file);
  const dataDir = path.resolve(opts.dataDir);
  if (!opts.databaseUrl) assertEmptyDataDir(dataDir);

  progress(`Checking ${file}`);
  const sig = await verifySignature(file, opts.key);
  progress(`Checksum and signature OK (key id ${opts.key.id}); checking every entry`);
  const manifest = await readArchive(file, async () => {}, sig.sha256);
  progress(
    `All ${manifest.entries.length} entries match the manifest (backup of ${manifest.startedAt}, ` +
      `platform ${manifest.platformVersion}, ${manifest.source.kind} PostgreSQL ${manifest.source.serverVersion})`,
  );

  const result = opts.databaseUrl
    ? await restoreExternal(file, sig.sha256, manifest, opts.databaseUrl, dataDir, opts, progress)
    : await restoreEmbedded(file, sig.sha256, manifest, dataDir, opts, progress);
  return { manifest, sha256: sig.sha256, ...result, durationMs: Date.now() - started };
}

async function writeEntry(dest: string, r: ArchiveRecord, owner: { uid: number; gid: number } | null) {
  if (r.type === 'dir') {
    await fsp.mkdir(dest, { recursive: true, mode: r.mode });
    await fsp.chmod(dest, r.mode);
    if (owner) await fsp.chown(dest, owner.uid, owner.gid);
    return 0;
  }
  await fsp.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
  const fh = await fsp.open(dest, 'wx', r.mode);
  let bytes = 0;
  try {
    for await (const chunk of r.content) {
      await fh.write(chunk);
      bytes += chunk.length;
    }
    await fh.chmod(r.mode);
    if (owner) await fh.chown(owner.uid, owner.gid);
  } finally {
    await fh.close();
  }
  return bytes;
}

function destination(root: string, entryPath: string): string {
  const dest = path.join(root, ...entryPath.split('/'));
  if (!dest.startsWith(root + path.sep)) throw new Error(`Unsafe archive path ${entryPath}`);
  return dest;
}

async function restoreEmbedded(
  file: string,
  sha256: string,
  manifest: Manifest,
  dataDir: string,
  opts: RestoreOptions,
  progress: Progress,
) {
  if (manifest.source.kind !== 'embedded') {
    throw new RestoreTargetError(
      'This backup is a pg_dump of an external PostgreSQL: restore it with DATABASE_URL set to an empty database.',
    );
  }
  if (!manifest.entries.some((e) => e.path === 'pg/backup_label')) {
    throw new RestoreTargetError('This backup has no backup_label: it cannot be restored as a cluster.');
  }
  assertEmptyDataDir(dataDir); // again: time has passed since the first look
  const created = !fs.existsSync(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as `postgres` and must own its cluster (0700).
  const owner = postgresIds();

  let files = 0;
  let bytes = 0;
  progress(`Writing ${manifest.entries.length} entries into ${dataDir}`);
  try {
    await readArchive(
      file,
      async (r) => {
        opts.signal?.throwIfAborted();
        const underPg = r.path === 'pg' || r.path.startsWith('pg/');
        bytes += await writeEntry(destination(dataDir, r.path), r, underPg ? owner : null);
        if (r.type === 'file') files++;
      },
      sha256,
    );
  } catch (err) {
    // Leave DATA_DIR as it was: empty (or absent).
    for (const name of fs.readdirSync(dataDir))
      fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
    if (created) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  syncFile(path.join(dataDir, 'audit-hmac.key'));
  syncFile(path.join(dataDir, 'pg-superuser.secret'));

  // One start: crash recovery from backup_label replays the WAL to the end of the backup, i.e. to a
  // consistent point; PostgreSQL refuses to open if the WAL does not reach it. Then a clean stop.
  progress('Starting PostgreSQL once to replay the WAL to a consistent point');
  const recoveryLine = /redo (starts|done)|consistent recovery state|backup recovery/;
  const embedded = await startEmbeddedPostgres({
    dataDir,
    log: (level, msg) => {
      if (level === 'warn' || recoveryLine.test(msg)) progress(`  ${msg}`);
    },
  });
  const notes: string[] = [];
  let audit: RestoreResult['audit'] = null;
  try {
    const db = createDatabase(
      {
        host: embedded.host,
        port: embedded.port,
        user: embedded.user,
        password: embedded.password,
        database: 'postgres',
      },
      2,
    );
    try {
      const r = await sql<{ rec: boolean }>`select pg_is_in_recovery() as rec`.execute(db);
      if (r.rows[0]?.rec) throw new Error('The restored PostgreSQL is still in recovery.');
      audit = await verifyAuditChain(db, dataDir, opts.auditHmacKey, notes);
    } finally {
      await db.destroy();
    }
  } finally {
    await embedded.stop();
  }
  progress('PostgreSQL recovered and stopped cleanly');
  copyRestoreKey(dataDir, opts, notes);
  return { target: dataDir, files, bytes, audit, notes };
}

function syncFile(file: string): void {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* absent */
  }
}

function copyRestoreKey(dataDir: string, opts: RestoreOptions, notes: string[]): void {
  if (!opts.keyFile) return;
  const dest = path.join(dataDir, 'backup.key');
  if (fs.existsSync(dest)) return;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(dest, fs.readFileSync(opts.keyFile), { mode: 0o600, flag: 'wx' });
  notes.push(
    `Copied ${opts.keyFile} to ${dest}: later backups of this DATA_DIR are signed with the same key.`,
  );
}

async function verifyAuditChain(
  db: Database,
  dataDir: string,
  auditHmacKey: string | undefined,
  notes: string[],
): Promise<RestoreResult['audit']> {
  const hasTable = await sql<{ t: string | null }>`select to_regclass('public.audit_log')::text as t`.execute(
    db,
  );
  if (!hasTable.rows[0]?.t) {
    notes.push('The restored database has no audit log yet.');
    return null;
  }
  const keyFile = path.join(dataDir, 'audit-hmac.key');
  const key = auditHmacKey ?? (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8').trim() : null);
  if (!key) {
    notes.push(
      'The audit chain was not verified: the backup holds no audit-hmac.key (the platform used ' +
        'AUDIT_HMAC_KEY) and AUDIT_HMAC_KEY is not set. Keep using the same AUDIT_HMAC_KEY.',
    );
    return null;
  }
  const result = await createAuditRepository({ db, hmacKey: key, now: () => new Date() }).verify();
  if (!result.ok) {
    notes.push(
      `WARNING: the audit chain does not verify (first broken entry ${result.firstBrokenId}: ${result.reason}).`,
    );
  }
  return result;
}

// ------------------------------------------------------------------------------------------- external

async function restoreExternal(
  file: string,
  sha256: string,
  manifest: Manifest,
  databaseUrl: string,
  dataDir: string,
  opts: RestoreOptions,
  progress: Progress,
) {
  const source = manifest.source;
  if (source.kind !== 'external') {
    throw new RestoreTargetError(
      'This backup holds the embedded PostgreSQL data folder: restore it without DATABASE_URL, into an ' +
        'empty DATA_DIR.',
    );
  }
  const pgRestore = opts.pgRestore ?? process.env.PG_RESTORE ?? 'pg_restore';
  const tool = await toolMajorVersion(pgRestore);
  const dumpMajor = Number.parseInt(source.pgDumpVersion, 10);
  if (tool.major < dumpMajor) {
    throw new RestoreTargetError(
      `${pgRestore} is version ${tool.version} but the backup was written by pg_dump ${source.pgDumpVersion}: ` +
        `use pg_restore ${dumpMajor} or newer (set PG_RESTORE).`,
    );
  }

  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'zhaoshang-restore' });
  let target: string;
  try {
    await client.connect();
    const r = await client.query<{ db: string; n: string }>(
      `select current_database() as db, count(*)::text as n
         from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
          and ns.nspname not in ('pg_catalog', 'information_schema') and ns.nspname not like 'pg\\_toast%'
          and ns.nspname not like 'pg\\_temp%'`,
    );
    target = r.rows[0]!.db;
    if (Number(r.rows[0]!.n) > 0) {
      throw new RestoreTargetError(
        `The target database ${target} is not empty (${r.rows[0]!.n} tables, views or sequences). A restore ` +
          'never overwrites anything: create an empty database and point DATABASE_URL at it.',
      );
    }
  } finally {
    await client.end().catch(() => {});
  }

  const auditKeyDest = path.join(dataDir, 'audit-hmac.key');
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'zsb-restore-'));
  const notes: string[] = [];
  try {
    const dumpFile = path.join(tmp, 'database.pgdump');
    let auditKey: Buffer | null = null;
    let bytes = 0;
    await readArchive(
      file,
      async (r) => {
        if (r.path === 'database.pgdump') {
          bytes += await writeEntry(dumpFile, r, null);
        } else if (r.path === 'audit-hmac.key') {
          const parts: Buffer[] = [];
          for await (const c of r.content) parts.push(c);
          auditKey = Buffer.concat(parts);
        }
      },
      sha256,
    );
    const restoredKey = auditKey as Buffer | null;
    if (restoredKey && !opts.auditHmacKey && fs.existsSync(auditKeyDest)) {
      if (fs.readFileSync(auditKeyDest, 'utf8').trim() !== restoredKey.toString('utf8').trim()) {
        throw new RestoreTargetError(
          `${auditKeyDest} exists and differs from the audit key in the backup: the restored audit chain ` +
            'would not verify with it. Move it away (or use another DATA_DIR) and retry.',
        );
      }
    }
    progress(`pg_restore ${tool.version} into database ${target} (one transaction)`);
    const conn = splitDatabaseUrl(databaseUrl);
    await runTool(
      pgRestore,
      ['--no-owner', '--no-acl', '--single-transaction', '--exit-on-error', `--dbname=${conn.uri}`, dumpFile],
      pgEnv(conn),
    );
    if (restoredKey && !fs.existsSync(auditKeyDest)) {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(auditKeyDest, restoredKey, { mode: 0o600, flag: 'wx' });
      syncFile(auditKeyDest);
      notes.push(`Restored the audit chain key to ${auditKeyDest}.`);
    }
    const db = createDatabase({ connectionString: databaseUrl }, 2);
    let audit: RestoreResult['audit'];
    try {
      audit = await verifyAuditChain(db, dataDir, opts.auditHmacKey, notes);
    } finally {
      await db.destroy();
    }
    copyRestoreKey(dataDir, opts, notes);
    return { target: `database ${target}`, files: 1, bytes, audit, notes };
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}
