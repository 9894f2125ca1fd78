import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { systemClock } from '../clock.js';
import { type Config, loadConfig, VERSION } from '../config.js';
import { loadAuditKey, type OpenedDatabase, openDatabase } from '../db/bootstrap.js';
import { ensureTraversable, postgresIds } from '../db/embedded-postgres.js';
import { call, loginAs, setupPlatform } from '../test/test-app.js';
import { SigningKey } from './archive.js';
import { backup } from './backup.js';
import { dumpPublicTables, freePort } from './ops-test-helpers.js';
import { RestoreTargetError, restore } from './restore.js';

// External mode (DATABASE_URL): pg_dump / pg_restore. Debian's client tools here are version 15, which
// refuse the embedded PostgreSQL 17, so the round trip runs against a throw-away PostgreSQL 15 server from
// the same Debian packages (skipped where it is not installed).

const PG15_BIN = '/usr/lib/postgresql/15/bin';
const havePg15 =
  fs.existsSync(path.join(PG15_BIN, 'postgres')) && fs.existsSync(path.join(PG15_BIN, 'initdb'));

const noop = () => {};
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-backup-ext-test-'));
const key = new SigningKey(crypto.randomBytes(32).toString('hex'));
let server: ChildProcess | null = null;
let baseUrl = '';

async function startPg15(): Promise<void> {
  const pgdata = path.join(root, 'pg15');
  const ids = postgresIds();
  ensureTraversable(root, noop);
  fs.mkdirSync(pgdata, { mode: 0o700 });
  const password = crypto.randomBytes(12).toString('hex');
  const pwfile = path.join(root, 'pw');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) {
    fs.chownSync(pgdata, ids.uid, ids.gid);
    fs.chownSync(pwfile, ids.uid, ids.gid);
  }
  execFileSync(
    path.join(PG15_BIN, 'initdb'),
    [`--pgdata=${pgdata}`, '--username=postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--no-sync'],
    { ...(ids ?? {}), stdio: 'ignore', env: { ...process.env, LC_ALL: 'C.UTF-8' } },
  );
  const port = await freePort();
  const child = spawn(
    path.join(PG15_BIN, 'postgres'),
    ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...(ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes('ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`postgres 15 exited (${code}): ${out}`)));
  });
  baseUrl = `postgres://postgres:${password}@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await admin.connect();
  await admin.query('create database zs_source');
  await admin.query('create database zs_target');
  await admin.end();
}

let sourceConfig: Config;
let source: OpenedDatabase | null = null;
let app: FastifyInstance | null = null;
const toClose: OpenedDatabase[] = [];

beforeAll(async () => {
  if (!havePg15) return;
  await startPg15();
  sourceConfig = loadConfig({
    DATABASE_URL: `${baseUrl}/zs_source`,
    DATA_DIR: path.join(root, 'data-source'),
  });
  source = await openDatabase(sourceConfig, noop);
  ({ app } = await buildApp({
    db: source.db,
    databaseKind: 'external',
    auditHmacKey: loadAuditKey(sourceConfig),
    clock: systemClock,
    version: VERSION,
  }));
  await setupPlatform(app);
  const s = await loginAs(app, 'sysadmin');
  const regions = (await call(app, s, 'GET', '/api/regions')).json() as { id: string; kind: string }[];
  const districtId = regions.find((r) => r.kind === 'district')!.id;
  for (let i = 0; i < 25; i++) {
    const r = await call(app, s, 'POST', '/api/units', { districtId, name: `外部单位${i}`, kind: 'park' });
    expect(r.statusCode).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  for (const o of toClose) await o.close().catch(noop);
  await app?.close().catch(noop);
  await source?.close().catch(noop);
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGINT');
    await exited;
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!havePg15)('backup and restore (external PostgreSQL, pg_dump)', () => {
  it('round-trips through pg_dump and pg_restore into an empty database', async () => {
    const file = path.join(root, 'external.zsb');
    const r = await backup({
      dataDir: sourceConfig.dataDir,
      databaseUrl: sourceConfig.databaseUrl,
      out: file,
      key,
      platformVersion: VERSION,
    });
    expect(r.source).toMatchObject({ kind: 'external', database: 'zs_source' });

    // Not empty: refused, nothing changed.
    await expect(
      restore({ file, databaseUrl: sourceConfig.databaseUrl, dataDir: path.join(root, 'x'), key }),
    ).rejects.toThrow(/is not empty/);
    // An external backup cannot go into an embedded DATA_DIR.
    await expect(restore({ file, dataDir: path.join(root, 'y'), key })).rejects.toBeInstanceOf(
      RestoreTargetError,
    );

    const targetConfig = loadConfig({
      DATABASE_URL: `${baseUrl}/zs_target`,
      DATA_DIR: path.join(root, 'data-target'),
    });
    const rr = await restore({
      file,
      databaseUrl: targetConfig.databaseUrl,
      dataDir: targetConfig.dataDir,
      key,
    });
    expect(rr.audit).toMatchObject({ ok: true });
    expect(fs.readFileSync(path.join(targetConfig.dataDir, 'audit-hmac.key'), 'utf8')).toBe(
      fs.readFileSync(path.join(sourceConfig.dataDir, 'audit-hmac.key'), 'utf8'),
    );
    const restored = await openDatabase(targetConfig, noop);
    toClose.push(restored);
    const [a, b] = [await dumpPublicTables(source!.db), await dumpPublicTables(restored.db)];
    expect(b).toEqual(a);
    const rows = a.reduce((n, t) => n + t.rows.length, 0);
    console.log(`external round trip (PostgreSQL 15): ${a.length} tables, ${rows} rows identical`);
  });
});

describe('external backup against a newer server than pg_dump', () => {
  it('fails with a clear message when pg_dump is older than the server', async () => {
    const admin = inject('pgAdmin');
    if ('connectionString' in admin) return; // the run uses an external server: nothing to learn here
    let dumpMajor = 0;
    try {
      dumpMajor = Number(
        /\(PostgreSQL\)\s+(\d+)/.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }))?.[1],
      );
    } catch {
      return; // no pg_dump at all
    }
    if (dumpMajor >= 17) return;
    const url = `postgres://${admin.user}:${encodeURIComponent(admin.password)}@${admin.host}:${admin.port}/${admin.database}`;
    const file = path.join(root, 'mismatch.zsb');
    const err = await backup({
      dataDir: path.join(root, 'm'),
      databaseUrl: url,
      out: file,
      key,
      platformVersion: VERSION,
    }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/older than the server .*PostgreSQL 1[7-9]/);
    console.log(`pg_dump ${dumpMajor} against the embedded server: ${(err as Error).message}`);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });
});
