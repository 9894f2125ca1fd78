import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { checkDurability, createDatabase, readServerFacts, type ServerFacts } from '../db/database.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { freePort } from './ops-test-helpers.js';
import { type ServerProcess, startServer, stopServer, waitHealthy, writeWebDist } from './server-process.js';

// PostgreSQL must keep fsync and synchronous_commit on: the server refuses to start otherwise, unless it
// is told it is a test (ALLOW_UNSAFE_DURABILITY).

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-durability-test-'));
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) await stopServer(s, path.join(root, 'data', 'pg'));
  fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

const safe: ServerFacts = {
  serverVersion: '17.10',
  serverVersionNum: 170010,
  fsync: 'on',
  synchronousCommit: 'on',
};

describe('checkDurability', () => {
  it('accepts fsync on with synchronous_commit on, local, remote_write or remote_apply', () => {
    for (const s of ['on', 'local', 'remote_write', 'remote_apply']) {
      expect(() => checkDurability({ ...safe, synchronousCommit: s }, false)).not.toThrow();
    }
  });

  it('refuses fsync=off or synchronous_commit=off unless allowUnsafe', () => {
    expect(() => checkDurability({ ...safe, fsync: 'off' }, false)).toThrow(/fsync=off.*could be lost/);
    expect(() => checkDurability({ ...safe, synchronousCommit: 'off' }, false)).toThrow(
      /synchronous_commit=off.*could be lost/,
    );
    expect(() => checkDurability({ ...safe, fsync: 'off', synchronousCommit: 'off' }, true)).not.toThrow();
  });

  it('refuses PostgreSQL older than 15 even in tests', () => {
    expect(() =>
      checkDurability({ ...safe, serverVersion: '14.12', serverVersionNum: 140012 }, true),
    ).toThrow(/too old/);
  });

  it('reads fsync=off from a real cluster started for tests, and refuses it', async () => {
    const admin = inject('pgAdmin');
    if ('connectionString' in admin) return; // an external server: its settings are not ours to know
    const db = createDatabase(admin, 1); // the shared test cluster runs with unsafeFast
    try {
      const facts = await readServerFacts(db);
      expect(facts).toMatchObject({ fsync: 'off', synchronousCommit: 'off' });
      expect(() => checkDurability(facts, false)).toThrow(/acknowledged writes could be lost/);
    } finally {
      await db.destroy();
    }
  });
});

describe('the server and an unsafe PostgreSQL', () => {
  it('refuses to start when its PostgreSQL has fsync off, and starts when told it is a test', async () => {
    const dataDir = path.join(root, 'data');
    const webDist = path.join(root, 'web');
    writeWebDist(webDist);
    const pgInit = await startEmbeddedPostgres({ dataDir, log: () => {} });
    await pgInit.stop();
    fs.appendFileSync(path.join(dataDir, 'pg', 'postgresql.conf'), '\nfsync = off\n');

    const refused = startServer({ dataDir, port: await freePort(), webDist });
    servers.push(refused);
    const exit = await refused.exited;
    expect(exit.code).toBe(1);
    expect(refused.output()).toMatch(/PostgreSQL runs with fsync=off, .*acknowledged writes could be lost/);
    // It stopped its PostgreSQL and released DATA_DIR on the way out.
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'server.lock'))).toBe(false);
    console.log(`fsync=off: exit code ${exit.code}: ${refused.output().trim().split('\n').at(-1)}`);

    const allowed = startServer({
      dataDir,
      port: await freePort(),
      webDist,
      env: { ALLOW_UNSAFE_DURABILITY: 'true' },
    });
    servers.push(allowed);
    await waitHealthy(allowed);
    allowed.child.kill('SIGTERM');
    expect((await allowed.exited).code).toBe(0);
  });
});
