import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  DataDirInUseError,
  type EmbeddedPostgres,
  runningPostmaster,
  startEmbeddedPostgres,
} from '../db/embedded-postgres.js';
import { ArchiveWriter, type BackupSource, readFileChunks, SigningKey } from './archive.js';

// `npm run backup`: one consistent, online, signed file holding everything a district's platform needs.
//
// Embedded PostgreSQL (no DATABASE_URL): a non-exclusive low-level base backup of DATA_DIR/pg
// (pg_backup_start → copy the files → pg_backup_stop), the WAL from the start to the stop point, and the
// key files next to it. A temporary replication slot, created first on the same connection, keeps every WAL
// segment from the start on until the copy is done, however long the backup takes.
// External PostgreSQL (DATABASE_URL): pg_dump --format=custom, which takes its own consistent snapshot.

export type Progress = (message: string) => void;

export interface BackupHooks {
  /** Just before pg_backup_start (embedded) or pg_dump (external) is issued. */
  beforeBackupStart?: () => void | Promise<void>;
  /** Just after pg_backup_stop returned (embedded) or pg_dump finished (external). */
  afterBackupStop?: () => void | Promise<void>;
}

export interface BackupOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** The output file; default `zhaoshang-backup-<YYYYMMDD-HHmmss>.zsb` in the current directory. */
  out?: string | undefined;
  key: SigningKey;
  platformVersion: string;
  progress?: Progress;
  hooks?: BackupHooks;
  /** pg_dump to use in external mode (default: PG_DUMP, else `pg_dump` on the PATH). */
  pgDump?: string | undefined;
  /** Stops the backup cleanly (no partial file, backup mode ended, own PostgreSQL stopped). */
  signal?: AbortSignal | undefined;
}

export interface BackupResult {
  file: string;
  size: number;
  sha256: string;
  keyId: string;
  entries: number;
  dataBytes: number;
  source: BackupSource;
  durationMs: number;
}

/** Key files of DATA_DIR that travel with the backup. backup.key never does. */
export const DATA_DIR_KEY_FILES = ['audit-hmac.key', 'pg-superuser.secret'] as const;

export function defaultBackupName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-` +
    `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `zhaoshang-backup-${stamp}.zsb`;
}

/**
 * The signing key for a new backup: BACKUP_KEY, else DATA_DIR/backup.key, generated (0600) at the first
 * backup. `created` tells the caller to remind the operator to keep a copy apart from the backups.
 */
export function loadBackupSigningKey(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): { key: SigningKey; origin: string; created: boolean } {
  if (env.BACKUP_KEY) return { key: new SigningKey(env.BACKUP_KEY), origin: 'BACKUP_KEY', created: false };
  const file = path.join(dataDir, 'backup.key');
  if (fs.existsSync(file)) {
    return { key: new SigningKey(fs.readFileSync(file, 'utf8')), origin: file, created: false };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${secret}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { key: new SigningKey(secret), origin: file, created: true };
}

export async function backup(opts: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const progress = opts.progress ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const out = path.resolve(opts.out ?? defaultBackupName());
  const startedAt = new Date().toISOString();
  const writer = await ArchiveWriter.create(out, opts.key, opts.signal);
  try {
    const source = opts.databaseUrl
      ? await backupExternal(opts.databaseUrl, dataDir, writer, opts, progress)
      : await backupEmbedded(dataDir, writer, opts, progress);
    progress('Writing the manifest and signature');
    const written = await writer.finish({
      platformVersion: opts.platformVersion,
      startedAt,
      finishedAt: new Date().toISOString(),
      source,
    });
    return {
      file: written.path,
      size: written.size,
      sha256: written.sha256,
      keyId: written.keyId,
      entries: writer.entries.length,
      dataBytes: writer.entries.reduce((n, e) => n + e.size, 0),
      source,
      durationMs: Date.now() - started,
    };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

// ------------------------------------------------------------------------------------------- embedded

// What a base backup leaves out (PostgreSQL docs, "Making a Base Backup Using the Low Level API", and
// pg_basebackup's own list): the contents of these folders are recreated or useless on restore.
const EXCLUDE_DIR_CONTENTS = new Set([
  'pg_wal',
  'pg_stat_tmp',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_subtrans',
]);
const EXCLUDE_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'tablespace_map',
  'backup_manifest',
  'postgresql.auto.conf.tmp',
  'current_logfiles.tmp',
]);

function excludedName(name: string, relDir: string): boolean {
  if (name.startsWith('pg_internal.init') || name.startsWith('pgsql_tmp')) return true;
  // Temporary relations (t<backend>_<relfilenode>) are removed at startup anyway.
  if (relDir.startsWith('base/') && /^t\d+_\d+/.test(name)) return true;
  return relDir === '' && EXCLUDE_FILES.has(name);
}

/** WAL segment file names from `first` to `last` inclusive (same timeline). */
export function walSegmentRange(first: string, last: string, segmentSize: number): string[] {
  const perId = 0x1_0000_0000 / segmentSize;
  const segno = (name: string) =>
    Number.parseInt(name.slice(8, 16), 16) * perId + Number.parseInt(name.slice(16, 24), 16);
  const tli = first.slice(0, 8);
  if (last.slice(0, 8) !== tli) throw new Error(`The backup spans two timelines (${first} … ${last}).`);
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
  const names: string[] = [];
  for (let s = segno(first); s <= segno(last); s++)
    names.push(`${tli}${hex(Math.floor(s / perId))}${hex(s % perId)}`);
  return names;
}

async function backupEmbedded(
  dataDir: string,
  writer: ArchiveWriter,
  opts: BackupOptions,
  progress: Progress,
): Promise<BackupSource> {
  const pgdata = path.join(dataDir, 'pg');
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    throw new Error(
      `${dataDir} holds no platform database (${pgdata}/PG_VERSION is missing). Set DATA_DIR to the ` +
        "platform's data folder, or DATABASE_URL for an external PostgreSQL.",
    );
  }
  const secretFile = path.join(dataDir, 'pg-superuser.secret');
  const password = fs.readFileSync(secretFile, 'utf8').trim();

  let own: EmbeddedPostgres | null = null;
  let conn: { host: string; port: number };
  const running = runningPostmaster(pgdata);
  if (running) {
    progress(
      `The platform's PostgreSQL is running (pid ${running.pid}, port ${running.port}): online backup`,
    );
    conn = running;
  } else {
    progress('The platform is not running: starting its PostgreSQL for the backup');
    try {
      own = await startEmbeddedPostgres({
        dataDir,
        log: (level, msg) => {
          if (level === 'warn') progress(msg);
        },
      });
    } catch (err) {
      if (err instanceof DataDirInUseError) {
        throw new Error(
          `A Zhaoshang server holds ${dataDir} but its PostgreSQL is not accepting connections yet ` +
            '(starting or stopping?). Retry in a moment.',
        );
      }
      throw err;
    }
    conn = own;
  }

  const client = new pg.Client({
    host: conn.host,
    port: conn.port,
    user: 'postgres',
    password,
    database: 'postgres',
    application_name: 'zhaoshang-backup',
  });
  try {
    await client.connect();
    const facts = (
      await client.query<{ v: string; n: string; seg: string }>(
        `select current_setting('server_version') as v, current_setting('server_version_num') as n,
                pg_size_bytes(current_setting('wal_segment_size')) as seg`,
      )
    ).rows[0]!;
    if (Number(facts.n) < 150000) throw new Error(`PostgreSQL ${facts.v} is too old for pg_backup_start.`);
    const segmentSize = Number(facts.seg);

    // Keeps all WAL from here on until this session ends, even across checkpoints during a long copy.
    const slot = `zhaoshang_backup_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    await client.query('select pg_create_physical_replication_slot($1, true, true)', [slot]);

    const label = `zhaoshang ${new Date().toISOString()}`;
    await opts.hooks?.beforeBackupStart?.();
    const startLsn = (await client.query<{ lsn: string }>('select pg_backup_start($1, true) as lsn', [label]))
      .rows[0]!.lsn;
    progress(`Base backup started at WAL ${startLsn}`);

    const copied = await copyClusterFiles(pgdata, writer, progress);
    progress(`Copied ${copied.files} files (${formatBytes(copied.bytes)}) of ${pgdata}`);

    // wait_for_archive = false: WAL archiving is not used; the WAL is copied below.
    const stop = (
      await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
        'select lsn::text, labelfile, spcmapfile from pg_backup_stop(false)',
      )
    ).rows[0]!;
    await opts.hooks?.afterBackupStop?.();
    progress(`Base backup stopped at WAL ${stop.lsn}`);
    if (stop.spcmapfile && stop.spcmapfile.trim() !== '') {
      throw new Error('The cluster uses tablespaces, which Zhaoshang backups do not support.');
    }
    await writer.addBuffer('pg/backup_label', Buffer.from(stop.labelfile, 'utf8'), 0o600);

    const startMatch = /^START WAL LOCATION: (\S+) \(file ([0-9A-F]{24})\)$/m.exec(stop.labelfile);
    const tliMatch = /^START TIMELINE: (\d+)$/m.exec(stop.labelfile);
    if (!startMatch || !tliMatch) throw new Error(`Unexpected backup_label:\n${stop.labelfile}`);
    const firstWal = startMatch[2]!;
    // pg_walfile_name of an end position names the segment holding its last byte: the last one needed.
    const lastWal = (await client.query<{ f: string }>('select pg_walfile_name($1) as f', [stop.lsn]))
      .rows[0]!.f;
    const walFiles = walSegmentRange(firstWal, lastWal, segmentSize);
    const walDir = path.join(pgdata, 'pg_wal');
    for (const name of walFiles) {
      const file = path.join(walDir, name);
      const fh = await openIfExists(file);
      if (!fh) throw new Error(`WAL segment ${name}, needed by this backup, is missing from ${walDir}.`);
      const st = await fh.stat();
      await writer.addFile(`pg/pg_wal/${name}`, readFileChunks(fh, st.size), st.mode & 0o777);
    }
    for (const name of (await fsp.readdir(walDir)).filter((n) => /^[0-9A-F]{8}\.history$/.test(n)).sort()) {
      const fh = await openIfExists(path.join(walDir, name));
      if (fh) await writer.addFile(`pg/pg_wal/${name}`, readFileChunks(fh), 0o600);
    }
    progress(`Added ${walFiles.length} WAL segment(s) ${firstWal} … ${lastWal}`);
    await client.query('select pg_drop_replication_slot($1)', [slot]);

    await copyDataDirFiles(dataDir, writer, progress);
    return {
      kind: 'embedded',
      serverVersion: facts.v,
      label,
      startLsn,
      stopLsn: stop.lsn,
      timeline: Number(tliMatch[1]),
      walFiles,
    };
  } finally {
    // Ending the session also aborts an unfinished backup and drops the temporary slot.
    await client.end().catch(() => {});
    await own?.stop();
  }
}

async function openIfExists(file: string): Promise<fsp.FileHandle | null> {
  try {
    return await fsp.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Every file of the cluster except the excluded ones; global/pg_control last, as pg_basebackup does. */
async function copyClusterFiles(
  pgdata: string,
  writer: ArchiveWriter,
  progress: Progress,
): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  let lastReport = Date.now();
  await writer.addDirectory('pg', (await fsp.stat(pgdata)).mode & 0o777);

  const walk = async (relDir: string): Promise<void> => {
    const abs = path.join(pgdata, relDir);
    let names: string[];
    try {
      names = (await fsp.readdir(abs)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // dropped while we copied
      throw err;
    }
    for (const name of names) {
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      if (excludedName(name, relDir)) continue;
      if (rel === 'global/pg_control') continue;
      let st: fs.Stats;
      try {
        st = await fsp.lstat(path.join(pgdata, rel));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      if (st.isSymbolicLink()) {
        throw new Error(
          `${path.join(pgdata, rel)} is a symbolic link (a tablespace, or a moved pg_wal): Zhaoshang backups ` +
            'support only a self-contained DATA_DIR/pg.',
        );
      }
      if (st.isDirectory()) {
        await writer.addDirectory(`pg/${rel}`, st.mode & 0o777);
        if (relDir === '' && EXCLUDE_DIR_CONTENTS.has(name)) {
          // Keep the folder; of pg_wal also its subfolders (archive_status, summaries), empty.
          if (name === 'pg_wal') {
            for (const sub of (await fsp.readdir(path.join(pgdata, rel))).sort()) {
              const sst = await fsp.lstat(path.join(pgdata, rel, sub)).catch(() => null);
              if (sst?.isDirectory()) await writer.addDirectory(`pg/${rel}/${sub}`, sst.mode & 0o777);
            }
          }
          continue;
        }
        await walk(rel);
      } else if (st.isFile()) {
        const fh = await openIfExists(path.join(pgdata, rel));
        if (!fh) continue; // removed since readdir (a dropped relation): WAL replay agrees
        const size = (await fh.stat()).size;
        const e = await writer.addFile(`pg/${rel}`, readFileChunks(fh, size), st.mode & 0o777);
        files++;
        bytes += e.size;
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now();
          progress(`  … ${files} files, ${formatBytes(bytes)}`);
        }
      }
    }
  };
  await walk('');

  // pg_control is 8 kB rewritten in place: read it until two reads agree, so no torn copy is taken.
  const control = path.join(pgdata, 'global', 'pg_control');
  let prev = await fsp.readFile(control);
  for (let i = 0; i < 10; i++) {
    const again = await fsp.readFile(control);
    if (again.equals(prev)) break;
    prev = again;
  }
  await writer.addBuffer('pg/global/pg_control', prev, (await fsp.stat(control)).mode & 0o777);
  return { files: files + 1, bytes: bytes + prev.length };
}

function skipDataDirEntry(name: string): boolean {
  return (
    name === 'pg' ||
    name === 'server.lock' ||
    name === 'backup.key' ||
    name.startsWith('.pwfile-') ||
    name.endsWith('.zsb') ||
    name.endsWith('.zsb.partial')
  );
}

/** The key files, then anything else in DATA_DIR (attachments, …) except the lock, backup.key and backups. */
async function copyDataDirFiles(dataDir: string, writer: ArchiveWriter, progress: Progress): Promise<void> {
  for (const name of DATA_DIR_KEY_FILES) {
    const fh = await openIfExists(path.join(dataDir, name));
    if (fh) await writer.addFile(name, readFileChunks(fh), 0o600);
  }
  const walk = async (relDir: string): Promise<void> => {
    for (const name of (await fsp.readdir(path.join(dataDir, relDir))).sort()) {
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      if (
        relDir === '' &&
        (skipDataDirEntry(name) || (DATA_DIR_KEY_FILES as readonly string[]).includes(name))
      ) {
        continue;
      }
      if (name.endsWith('.zsb') || name.endsWith('.zsb.partial')) continue;
      const st = await fsp.lstat(path.join(dataDir, rel)).catch(() => null);
      if (!st) continue;
      if (st.isDirectory()) {
        await writer.addDirectory(rel, st.mode & 0o777);
        await walk(rel);
      } else if (st.isFile()) {
        const fh = await openIfExists(path.join(dataDir, rel));
        if (fh) await writer.addFile(rel, readFileChunks(fh), st.mode & 0o777);
      } else {
        progress(`Skipping ${path.join(dataDir, rel)}: not a regular file or folder`);
      }
    }
  };
  await walk('');
}

// ------------------------------------------------------------------------------------------- external

export interface PgConnectionParts {
  /** A libpq connection URI without the password (safe on a command line). */
  uri: string;
  password: string | undefined;
}

/** Splits DATABASE_URL so the password travels to pg_dump/pg_restore in PGPASSWORD, not in argv. */
export function splitDatabaseUrl(databaseUrl: string): PgConnectionParts {
  const u = new URL(databaseUrl);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { uri: u.toString(), password };
}

export function runTool(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, maxBuffer: 64 * 1024 * 1024, signal }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { code?: string | number };
        if (e.code === 'ENOENT') {
          reject(new Error(`${cmd} was not found. Install the PostgreSQL client tools or set its path.`));
          return;
        }
        reject(
          Object.assign(new Error(`${path.basename(cmd)} failed: ${stderr.trim() || e.message}`), { stderr }),
        );
        return;
      }
      resolve({ stdout, stderr });
    });
  });
}

export async function toolMajorVersion(cmd: string): Promise<{ version: string; major: number }> {
  const { stdout } = await runTool(cmd, ['--version'], process.env);
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
  if (!m) throw new Error(`Cannot read the version of ${cmd}: ${stdout.trim()}`);
  return { version: m[2] ? `${m[1]}.${m[2]}` : m[1]!, major: Number(m[1]) };
}

async function backupExternal(
  databaseUrl: string,
  dataDir: string,
  writer: ArchiveWriter,
  opts: BackupOptions,
  progress: Progress,
): Promise<BackupSource> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'zhaoshang-backup' });
  let facts: { v: string; n: string; db: string };
  try {
    await client.connect();
    facts = (
      await client.query<{ v: string; n: string; db: string }>(
        `select current_setting('server_version') as v, current_setting('server_version_num') as n,
                current_database() as db`,
      )
    ).rows[0]!;
  } finally {
    await client.end().catch(() => {});
  }
  const serverMajor = Math.floor(Number(facts.n) / 10000);
  const pgDump = opts.pgDump ?? process.env.PG_DUMP ?? 'pg_dump';
  const tool = await toolMajorVersion(pgDump);
  const tooOld = () =>
    new Error(
      `${pgDump} is version ${tool.version}, older than the server (PostgreSQL ${facts.v}), and pg_dump refuses ` +
        `servers newer than itself. Install the PostgreSQL ${serverMajor} client tools (for example ` +
        `apt install postgresql-client-${serverMajor}) and set PG_DUMP=/usr/lib/postgresql/${serverMajor}/bin/pg_dump.`,
    );
  if (tool.major < serverMajor) throw tooOld();
  progress(`External PostgreSQL ${facts.v}, database ${facts.db}: pg_dump ${tool.version} --format=custom`);

  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'zsb-dump-'));
  try {
    const dumpFile = path.join(tmp, 'database.pgdump');
    const conn = splitDatabaseUrl(databaseUrl);
    await opts.hooks?.beforeBackupStart?.();
    try {
      await runTool(
        pgDump,
        ['--format=custom', '--compress=0', `--file=${dumpFile}`, `--dbname=${conn.uri}`],
        pgEnv(conn),
        opts.signal,
      );
    } catch (err) {
      if (/server version mismatch/i.test(String((err as { stderr?: string }).stderr ?? ''))) throw tooOld();
      throw err;
    }
    await opts.hooks?.afterBackupStop?.();
    const fh = await fsp.open(dumpFile, 'r');
    const e = await writer.addFile('database.pgdump', readFileChunks(fh), 0o600);
    progress(`pg_dump wrote ${formatBytes(e.size)}`);
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
  // The audit chain key, if the platform keeps it in DATA_DIR (no AUDIT_HMAC_KEY).
  const auditKey = await openIfExists(path.join(dataDir, 'audit-hmac.key'));
  if (auditKey) await writer.addFile('audit-hmac.key', readFileChunks(auditKey), 0o600);
  return { kind: 'external', serverVersion: facts.v, database: facts.db, pgDumpVersion: tool.version };
}

export function pgEnv(conn: PgConnectionParts): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'zhaoshang-backup', LC_MESSAGES: 'C' };
  if (conn.password !== undefined) env.PGPASSWORD = conn.password;
  return env;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
