import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../db/embedded-postgres.js';
import { freePort } from './ops-test-helpers.js';
import {
  api,
  type HttpSession,
  login,
  postgresProcesses,
  postmasterPid,
  type ServerProcess,
  setupAndLogin,
  startServer,
  stopServer,
  waitHealthy,
  writeWebDist,
} from './server-process.js';

// The real server in a child process, real fsync (no ALLOW_UNSAFE_DURABILITY): a stream of acknowledged
// writes, then SIGKILL; the restarted server on the same DATA_DIR must hold every acknowledged write.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-crash-test-'));
const dataDir = path.join(root, 'data');
const pgdata = path.join(dataDir, 'pg');
const webDist = path.join(root, 'web');
let port = 0;
let server: ServerProcess | null = null;
let session: HttpSession;
let districtId = '';
let counter = 0;
const everAcked: string[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(): Promise<ServerProcess> {
  const srv = startServer({ dataDir, port, webDist });
  server = srv;
  await waitHealthy(srv);
  return srv;
}

/** Concurrent POST /api/units until `crash` runs; returns the names whose 201 arrived. */
async function writeUntilCrash(crash: () => Promise<void>, durationMs: number) {
  const acked: string[] = [];
  let attempted = 0;
  let stopped = false;
  const errors = new Map<string, number>();
  const worker = async () => {
    while (!stopped) {
      const name = `单位${counter++}`;
      attempted++;
      try {
        const r = await api(session, 'POST', '/api/units', { districtId, name, kind: 'town' });
        if (r.status === 201) acked.push(name);
        else errors.set(`HTTP ${r.status}`, (errors.get(`HTTP ${r.status}`) ?? 0) + 1);
      } catch {
        errors.set('connection', (errors.get('connection') ?? 0) + 1);
        if (stopped) break;
        await sleep(50);
      }
    }
  };
  const workers = Array.from({ length: 8 }, worker);
  await sleep(durationMs);
  await crash();
  stopped = true;
  await Promise.all(workers);
  everAcked.push(...acked);
  return { acked, attempted, errors };
}

async function unitNames(s: HttpSession): Promise<Set<string>> {
  const r = await api(s, 'GET', `/api/units?districtId=${districtId}&includeInactive=true`);
  expect(r.status).toBe(200);
  return new Set(((await r.json()) as { name: string }[]).map((u) => u.name));
}

beforeAll(async () => {
  writeWebDist(webDist);
  port = await freePort();
  await start();
  session = await setupAndLogin(server!.base);
  const regions = (await (await api(session, 'GET', '/api/regions')).json()) as {
    id: string;
    kind: string;
  }[];
  districtId = regions.find((r) => r.kind === 'district')!.id;
}, 120_000);

afterAll(async () => {
  await stopServer(server, pgdata);
  fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('crash safety of acknowledged writes (real server, fsync on)', () => {
  it('round 1: SIGKILL of the server (its PostgreSQL survives as an orphan) loses no acknowledged write', async () => {
    const srv = server!;
    const pm = postmasterPid(pgdata)!;
    const w = await writeUntilCrash(async () => {
      srv.child.kill('SIGKILL');
    }, 1500);
    const exit = await srv.exited;
    expect(exit.signal).toBe('SIGKILL');
    const orphanAlive = isAlive(pm);
    expect(w.acked.length).toBeGreaterThan(5);

    const t = Date.now();
    const restarted = await start();
    const restartMs = Date.now() - t;
    session = await login(restarted.base);
    const names = await unitNames(session);
    const found = w.acked.filter((n) => names.has(n));
    const unacked = [...names].filter((n) => !everAcked.includes(n)).length;
    console.log(
      `round 1 (server SIGKILLed, orphaned postmaster ${orphanAlive ? 'still running' : 'gone'}): ` +
        `${w.attempted} writes attempted, ${w.acked.length} acknowledged, ${found.length}/${w.acked.length} ` +
        `found after restart (+${unacked} committed but never acknowledged); failures ${JSON.stringify(
          Object.fromEntries(w.errors),
        )}; restart took ${restartMs} ms`,
    );
    expect(orphanAlive).toBe(true);
    expect(found.length).toBe(w.acked.length);
  });

  it('round 2: SIGKILL of PostgreSQL and the server together (power loss) loses no acknowledged write', async () => {
    const srv = server!;
    const pm = postmasterPid(pgdata)!;
    let killed = 0;
    let serverOutlivedPostgres = false;
    const w = await writeUntilCrash(async () => {
      // Every PostgreSQL process at once, then the server. The postmaster must have been reaped first (by
      // the server, or by init if the server died on its own): a zombie still named in postmaster.pid would
      // make PostgreSQL refuse to start, which real power loss, leaving no processes at all, never does.
      const pids = [pm, ...postgresProcesses(pgdata).filter((p) => p !== pm)];
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
          killed++;
        } catch {
          /* already gone */
        }
      }
      const deadline = Date.now() + 20_000;
      while (fs.existsSync(`/proc/${pm}`) && Date.now() < deadline) await sleep(5);
      serverOutlivedPostgres = srv.child.exitCode === null && srv.child.signalCode === null;
      srv.child.kill('SIGKILL');
    }, 1500);
    const exit = await srv.exited;
    expect(postgresProcesses(pgdata)).toEqual([]);
    expect(fs.existsSync(path.join(pgdata, 'postmaster.pid'))).toBe(true); // stale: nobody cleaned up
    expect(w.acked.length).toBeGreaterThan(5);

    const t = Date.now();
    const restarted = await start();
    const restartMs = Date.now() - t;
    session = await login(restarted.base);
    const names = await unitNames(session);
    const found = w.acked.filter((n) => names.has(n));
    const allFound = everAcked.filter((n) => names.has(n));
    console.log(
      `round 2 (${killed} PostgreSQL processes SIGKILLed, then the server ${
        serverOutlivedPostgres ? 'SIGKILLed' : `(it had exited on its own: ${JSON.stringify(exit)})`
      }): ${w.attempted} writes attempted, ` +
        `${w.acked.length} acknowledged, ${found.length}/${w.acked.length} found after restart; ` +
        `both rounds ${allFound.length}/${everAcked.length}; failures ${JSON.stringify(
          Object.fromEntries(w.errors),
        )}; restart (crash recovery) took ${restartMs} ms`,
    );
    expect(found.length).toBe(w.acked.length);
    expect(allFound.length).toBe(everAcked.length);
  });

  it('a second server on the same DATA_DIR exits with DataDirInUseError and the first keeps working', async () => {
    const first = server!;
    const second = startServer({ dataDir, port: await freePort(), webDist });
    const exit = await second.exited;
    expect(exit.code).not.toBe(0);
    expect(second.output()).toMatch(/DATA_DIR .* is already in use by another Zhaoshang server \(pid \d+\)/);
    expect(first.child.exitCode).toBeNull();
    expect((await fetch(`${first.base}/api/health`)).status).toBe(200);
    const r = await api(session, 'POST', '/api/units', {
      districtId,
      name: '第二台服务器之后',
      kind: 'park',
    });
    expect(r.status).toBe(201);
    console.log(`second server: exit code ${exit.code}: ${second.output().trim().split('\n').at(-1)}`);
  });
});
