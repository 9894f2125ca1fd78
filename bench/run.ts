import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Options as CannonOptions } from 'autocannon';
import { sql } from 'kysely';
import { chinaToday } from '../src/domain/dates.js';
import { createDatabase, type Database, type PgConnection } from '../src/server/db/database.js';
import { runningCluster } from '../src/server/db/embedded-postgres.js';
import { cpuPercent, sampleCpu, sampleRss, waitForQuiet } from './cpu.js';
import {
  assertBenchDataDir,
  BENCH_CITY_CODE,
  BENCH_PASSWORD,
  DEFAULT_BENCH_DATA_DIR,
  datasetCounts,
  districtPrefix,
  type GenerateReport,
  generateDataset,
} from './generate.js';
import { type ProfileRequest, profileQueries, type QueryProfile } from './profile.js';
import { replayStatements, type SqlAloneResult, stepsOf } from './replay.js';

// npm run bench [-- --duration 15 --connections 50 --only login,me --data-dir bench/.data]
//
// Starts the real server (src/server/main.ts) on the bench city's own DATA_DIR, fills it with the generated
// city if it is empty, and drives it with autocannon: sign-in, and three authenticated reads. Prints
// req/s and p50/p95/p99 per scenario and writes the whole result to bench/results/<timestamp>.json.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIOS = [
  'login',
  'me',
  'units',
  'users',
  'list',
  'list-unit',
  'detail',
  'kanban',
  'move',
  'leads',
] as const;
/** Scenarios whose SQL is also replayed alone, straight through pg, to compare with the endpoint. */
const REPLAYED: readonly ScenarioName[] = ['list', 'list-unit', 'detail', 'kanban', 'leads'];
type ScenarioName = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '3' },
    'sql-duration': { type: 'string', default: '8' },
    only: { type: 'string' },
    'data-dir': {
      type: 'string',
      default: process.env.BENCH_DATA_DIR ?? path.join(ROOT, DEFAULT_BENCH_DATA_DIR),
    },
    help: { type: 'boolean', short: 'h' },
  },
});

if (args.help) {
  console.log(`npm run bench -- [options]
  --duration <s>      seconds measured per scenario (default 15)
  --connections <n>   concurrent connections (default 50)
  --warmup <s>        unmeasured warm-up per scenario (default 3; 0 = none)
  --only <a,b>        scenarios to run: ${SCENARIOS.join(', ')}
  --sql-duration <s>  seconds of each SQL-alone replay (default 8; 0 = no replay)
  --data-dir <dir>    the bench's own DATA_DIR (default ${DEFAULT_BENCH_DATA_DIR}, or BENCH_DATA_DIR)`);
  process.exit(0);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function positive(name: string, v: string | undefined, allowZero = false): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) fail(`--${name} must be a number`);
  return n;
}
const duration = positive('duration', args.duration);
const connections = Math.floor(positive('connections', args.connections));
const warmup = positive('warmup', args.warmup, true);
const sqlDuration = positive('sql-duration', args['sql-duration'], true);
const only = args.only?.split(',').map((s) => s.trim()) ?? [...SCENARIOS];
for (const s of only) {
  if (!(SCENARIOS as readonly string[]).includes(s))
    fail(`Unknown scenario "${s}"; choose from ${SCENARIOS.join(', ')}`);
}
const selected = SCENARIOS.filter((s) => only.includes(s));
const dataDir = (() => {
  try {
    return assertBenchDataDir(args['data-dir']);
  } catch (err) {
    return fail((err as Error).message);
  }
})();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

// ---------------------------------------------------------------------------------------------- server

interface Server {
  child: ChildProcess;
  base: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: string[];
}

function startServer(port: number, webDist: string): Server {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The bench city lives in its own embedded PostgreSQL: never the caller's database or audit key.
  delete env.DATABASE_URL;
  delete env.AUDIT_HMAC_KEY;
  delete env.ALLOW_UNSAFE_DURABILITY;
  Object.assign(env, {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WEB_DIST: webDist,
  });
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const relay = (d: Buffer) => {
    for (const line of d.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      console.error(`  [server] ${line.length > 400 ? `${line.slice(0, 400)}…` : line}`);
    }
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, base: `http://127.0.0.1:${port}`, exited, output };
}

async function waitHealthy(server: Server, timeoutMs = 180_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void server.exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline) {
    if (gone) throw new Error('The server exited during start-up (see its output above).');
    try {
      const res = await fetch(`${server.base}/api/health`);
      if (res.ok) return res.json();
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`The server did not answer /api/health within ${timeoutMs / 1000} s.`);
}

async function stopServer(server: Server): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    console.error('  The server did not stop within 60 s; sending SIGKILL.');
    server.child.kill('SIGKILL');
  }, 60_000);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}

/** The embedded cluster the server started: port from postmaster.pid (line 4), superuser secret from DATA_DIR. */
function embeddedConnection(): PgConnection {
  const running = runningCluster(dataDir);
  if (!running) throw new Error(`The server's PostgreSQL is not running in ${dataDir}`);
  return running;
}

// ---------------------------------------------------------------------------------------------- client

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`Login as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('zs_session='));
  if (!cookie) throw new Error('The login response set no zs_session cookie');
  return cookie;
}

/** Signs in and returns the cookie with the CSRF token that writes need. */
async function session(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`Login as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('zs_session='))!;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

async function getJson(base: string, url: string, cookie: string): Promise<unknown> {
  const res = await fetch(`${base}${url}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${await res.text()}`);
  return res.json();
}

// ---------------------------------------------------------------------------------------------- scenarios

interface Fixtures {
  base: string;
  usernames: string[];
  districtId: string;
  reporter: string;
  centerAdmin: string;
  db: Database;
  today: string;
}

/** Filters of the project list as the web app sends them, searched in Chinese, full pinyin and initials. */
const LIST_QUERIES = [
  'stage=signed,landed&amountTier=1yi&q=紧固件',
  'stage=negotiating&q=jingujian',
  'stage=started,producing&amountTier=5yi&q=zhineng',
  'q=京华',
  'stage=signed&amountTier=1yi',
  'q=jgj&amountTier=1yi',
  'stage=negotiating,signed,landed,started,producing',
  '',
];
const enc = (qs: string) =>
  qs
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const [k, v = ''] = kv.split('=');
      return `${k}=${encodeURIComponent(v)}`;
    })
    .join('&');

/** Round-robin over URLs: every request of every connection takes the next one. */
function rotating(urls: string[], headers: Record<string, string>): CannonOptions['requests'] {
  let next = 0;
  return [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: urls[next++ % urls.length]! }) }];
}

interface ScenarioPlan {
  name: ScenarioName;
  title: string;
  /** Path and query, appended to the server's base URL (autocannon ignores a top-level `path`). */
  path: string;
  options: Omit<CannonOptions, 'url' | 'connections' | 'duration' | 'path'>;
  profile: ProfileRequest;
  check: string;
  /** Called before the warm-up and before the measured run (the move scenario re-reads its projects). */
  beforeRun?: () => Promise<void>;
  /** GET URLs the scenario rotates over, with the cookie: captured and replayed as SQL alone. */
  variants?: { urls: string[]; cookie: string };
}

async function planScenario(name: ScenarioName, f: Fixtures): Promise<ScenarioPlan> {
  switch (name) {
    case 'login': {
      // Every request signs in as the next of the ~1,200 bench accounts: all succeed, so no lockout, and no
      // account is hammered. Each success writes a session, a login attempt and an audit row.
      let next = 0;
      const bodyFor = (u: string) => JSON.stringify({ username: u, password: BENCH_PASSWORD });
      return {
        name,
        title: 'POST /api/auth/login (rotating accounts)',
        path: '/api/auth/login',
        options: {
          requests: [
            {
              method: 'POST',
              path: '/api/auth/login',
              headers: { 'content-type': 'application/json' },
              setupRequest: (req) => ({ ...req, body: bodyFor(f.usernames[next++ % f.usernames.length]!) }),
            },
          ],
        },
        profile: {
          scenario: name,
          method: 'POST',
          url: '/api/auth/login',
          body: { username: f.usernames[0], password: BENCH_PASSWORD },
        },
        check: `${f.usernames.length} accounts in rotation`,
      };
    }
    case 'me': {
      const cookie = await login(f.base, f.reporter);
      const me = (await getJson(f.base, '/api/auth/me', cookie)) as { user: { username: string } };
      return {
        name,
        title: 'GET /api/auth/me',
        path: '/api/auth/me',
        options: { method: 'GET', headers: { cookie } },
        profile: { scenario: name, method: 'GET', url: '/api/auth/me', cookie },
        check: `as ${me.user.username}`,
      };
    }
    case 'units': {
      const cookie = await login(f.base, f.reporter);
      const url = `/api/units?districtId=${f.districtId}`;
      const units = (await getJson(f.base, url, cookie)) as unknown[];
      return {
        name,
        title: 'GET /api/units?districtId=…',
        path: url,
        options: { method: 'GET', headers: { cookie } },
        profile: { scenario: name, method: 'GET', url, cookie },
        check: `${units.length} units, as ${f.reporter}`,
      };
    }
    case 'users': {
      const cookie = await login(f.base, f.centerAdmin);
      const url = '/api/users?page=1&pageSize=50';
      const page = (await getJson(f.base, url, cookie)) as { items: unknown[]; total: number };
      return {
        name,
        title: 'GET /api/users?page=1&pageSize=50',
        path: url,
        options: { method: 'GET', headers: { cookie } },
        profile: { scenario: name, method: 'GET', url, cookie },
        check: `${page.items.length} of ${page.total} accounts, as ${f.centerAdmin}`,
      };
    }
    case 'list':
    case 'list-unit': {
      // The center sees the district's 10,000 projects; a town reporter the few hundred of the own unit.
      const who = name === 'list' ? f.centerAdmin : f.reporter;
      const { cookie } = await session(f.base, who);
      const urls = LIST_QUERIES.flatMap((qs) =>
        [1, 2].map((page) => `/api/projects?${enc(qs)}${qs ? '&' : ''}page=${page}&pageSize=50`),
      );
      const first = (await getJson(f.base, urls[0]!, cookie)) as { total: number };
      const all = (await getJson(f.base, urls[urls.length - 1]!, cookie)) as { total: number };
      return {
        name,
        title: 'GET /api/projects?stage=…&amountTier=…&q=…&page=…',
        path: urls[0]!,
        options: { requests: rotating(urls, { cookie }) },
        profile: { scenario: name, method: 'GET', url: urls[0]!, cookie },
        check: `${urls.length} filter/page variants (${first.total} … ${all.total} rows), as ${who}`,
        variants: { urls, cookie },
      };
    }
    case 'kanban': {
      const { cookie } = await session(f.base, f.centerAdmin);
      const probe = await fetch(`${f.base}/api/projects/stage-counts`, { headers: { cookie } });
      // Until the stage counts exist, the board is seven list requests (one per column, a page of 20 each).
      const urls =
        probe.status === 200
          ? LIST_QUERIES.map((qs) => `/api/projects/stage-counts${qs ? `?${enc(qs)}` : ''}`)
          : ['negotiating', 'signed', 'landed', 'started', 'producing', 'paused', 'withdrawn'].map(
              (st) => `/api/projects?stage=${st}&page=1&pageSize=20`,
            );
      return {
        name,
        title: probe.status === 200 ? 'GET /api/projects/stage-counts?…' : 'GET /api/projects?stage=<each>',
        path: urls[0]!,
        options: { requests: rotating(urls, { cookie }) },
        profile: { scenario: name, method: 'GET', url: urls[0]!, cookie },
        check: `${urls.length} variants, as ${f.centerAdmin}`,
        variants: { urls, cookie },
      };
    }
    case 'detail': {
      const { cookie } = await session(f.base, f.centerAdmin);
      const ids = await f.db
        .selectFrom('projects')
        .select('id')
        .where('districtId', '=', f.districtId)
        .orderBy(sql`md5(id::text)`)
        .limit(200)
        .execute();
      const urls = ids.map((r) => `/api/projects/${r.id}`);
      return {
        name,
        title: 'GET /api/projects/:id',
        path: urls[0]!,
        options: { requests: rotating(urls, { cookie }) },
        profile: { scenario: name, method: 'GET', url: urls[0]!, cookie },
        check: `${urls.length} projects of the district in rotation, as ${f.centerAdmin}`,
        variants: { urls: urls.slice(0, 40), cookie },
      };
    }
    case 'leads': {
      const { cookie } = await session(f.base, f.centerAdmin);
      const urls = ['', 'status=following', 'q=jinghua', 'q=紧固件'].flatMap((qs) =>
        [1, 2].map((page) => `/api/leads?${enc(qs)}${qs ? '&' : ''}page=${page}&pageSize=50`),
      );
      const probe = await fetch(`${f.base}${urls[0]}`, { headers: { cookie } });
      if (probe.status !== 200) throw new Error(`GET ${urls[0]} → ${probe.status}: no leads list to bench`);
      return {
        name,
        title: 'GET /api/leads?…&page=…',
        path: urls[0]!,
        options: { requests: rotating(urls, { cookie }) },
        profile: { scenario: name, method: 'GET', url: urls[0]!, cookie },
        check: `${urls.length} variants, as ${f.centerAdmin}`,
        variants: { urls, cookie },
      };
    }
    case 'move': {
      // Each connection owns one signed project and moves it to 暂缓 and back (the stage machine's checks, the
      // evidence lookup, a history row and an audit row per move), so no two connections fight over a version.
      const { cookie, csrf } = await session(f.base, f.centerAdmin);
      const pool = await f.db
        .selectFrom('projects')
        .select('id')
        .where('districtId', '=', f.districtId)
        .where((eb) => eb.or([eb('stage', '=', 'signed'), eb('stageBeforeHold', '=', 'signed')]))
        .orderBy('id')
        .limit(Math.max(connections, 50))
        .execute();
      const state = new Map<string, { version: number; stage: string; back: string }>();
      const load = async (id: string) => {
        const p = (await getJson(f.base, `/api/projects/${id}`, cookie)) as {
          project: { version: number; stage: string; stageBeforeHold: string | null };
        };
        state.set(id, {
          version: p.project.version,
          stage: p.project.stage,
          back: p.project.stageBeforeHold ?? p.project.stage,
        });
      };
      for (const { id } of pool) await load(id);
      let claimed = 0;
      const bodyOf = (id: string) => {
        const s = state.get(id)!;
        return s.stage === 'paused'
          ? { to: s.back, effectiveDate: f.today, version: s.version, note: '恢复推进（压测）' }
          : { to: 'paused', effectiveDate: f.today, version: s.version, reason: '企业资金安排调整（压测）' };
      };
      const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
      return {
        name,
        title: 'POST /api/projects/:id/moves (signed ⇄ paused)',
        path: `/api/projects/${pool[0]!.id}/moves`,
        options: {
          requests: [
            {
              method: 'POST',
              headers,
              setupRequest: (req, ctx) => {
                ctx.id ??= pool[claimed++ % pool.length]!.id;
                const id = ctx.id as string;
                return { ...req, path: `/api/projects/${id}/moves`, body: JSON.stringify(bodyOf(id)) };
              },
              onResponse: (status, body, ctx) => {
                // A response lost when the previous run stopped leaves a stale version: read the project again.
                if (status !== 200) {
                  const now = /now version (\d+)/.exec(body);
                  if (now) state.get(ctx.id as string)!.version = Number(now[1]);
                  return void load(ctx.id as string).catch(() => {});
                }
                const p = JSON.parse(body) as {
                  version: number;
                  stage: string;
                  stageBeforeHold: string | null;
                };
                const s = state.get(ctx.id as string)!;
                s.version = p.version;
                s.stage = p.stage;
                if (p.stageBeforeHold) s.back = p.stageBeforeHold;
              },
            },
          ],
        },
        profile: { scenario: name, method: 'GET', url: `/api/projects/${pool[0]!.id}`, cookie },
        check: `${pool.length} signed projects, one per connection, as ${f.centerAdmin}`,
        beforeRun: async () => {
          for (const { id } of pool) await load(id);
        },
      };
    }
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

interface WriteCounts {
  sessions: number;
  loginAttempts: number;
  auditLog: number;
}

async function writeCounts(db: Database): Promise<WriteCounts> {
  const r = await sql<WriteCounts>`
    select (select count(*) from sessions)::int as "sessions",
           (select count(*) from login_attempts)::int as "loginAttempts",
           (select count(*) from audit_log)::int as "auditLog"`.execute(db);
  return r.rows[0]!;
}

async function runScenario(plan: ScenarioPlan, base: string, db: Database, serverPid: number | undefined) {
  const opts: CannonOptions = {
    url: `${base}${plan.path}`,
    connections,
    duration,
    timeout: 30,
    ...plan.options,
  };
  // The warm-up is a run of its own so that CPU and row counts can be sampled between it and the measure.
  await plan.beforeRun?.();
  if (warmup > 0) await autocannon({ ...opts, duration: warmup });
  const drainedMs = await waitForQuiet(serverPid);
  await plan.beforeRun?.();
  const loadAverage = os.loadavg().map((l) => round(l, 2));
  const writesBefore = await writeCounts(db);
  const cpuBefore = sampleCpu(serverPid);

  // Latencies of every measured response (autocannon's own histogram has no p95, and counts only 2xx).
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  // The server's resident memory, sampled every 200 ms while under load: its peak is the figure that matters.
  const rssPeak = { server: 0, node: 0, postgres: 0 };
  const rssTimer = setInterval(() => {
    const r = sampleRss(serverPid);
    if (!r) return;
    rssPeak.server = Math.max(rssPeak.server, r.server);
    rssPeak.node = Math.max(rssPeak.node, r.node);
    rssPeak.postgres = Math.max(rssPeak.postgres, r.postgres);
  }, 200);
  const instance = autocannon(opts);
  instance.on('response', (_client, _status, _bytes, ms) => {
    if (n === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[n++] = ms;
  });
  const result = await instance;
  clearInterval(rssTimer);
  const cpu = cpuPercent(cpuBefore, sampleCpu(serverPid));
  const tailMs = await waitForQuiet(serverPid);
  const writesAfter = await writeCounts(db);
  const sorted = latencies.slice(0, n).sort();
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
  );
  return {
    name: plan.name,
    title: plan.title,
    check: plan.check,
    connections,
    durationS: result.duration,
    requests: n,
    reqPerSec: round(n / result.duration),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[n - 1] ?? Number.NaN),
      mean: round(n ? sorted.reduce((s, v) => s + v, 0) / n : Number.NaN),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    /** CPU during the measured run, % of one core, by process group (Linux only). */
    cpuPercent: cpu,
    /** Peak resident memory during the measured run, MiB: the server process, all Node, all PostgreSQL. */
    rssPeakMiB: rssPeak,
    /** The same statements replayed through pg alone (bench/replay.ts); filled in for list endpoints. */
    sqlAlone: null as null | {
      concurrent: SqlAloneResult;
      single: SqlAloneResult;
      ratioP50: number;
      ratioP95: number;
    },
    /** 1/5/15-minute load average just before the measured run. */
    loadAverage,
    /** How long the server took to go idle after the warm-up, and after the measured run. */
    drainMs: { afterWarmup: drainedMs, afterRun: tailMs },
    /** Rows added during the measured run: a login adds one of each, a read none. */
    rowsWritten: {
      sessions: writesAfter.sessions - writesBefore.sessions,
      loginAttempts: writesAfter.loginAttempts - writesBefore.loginAttempts,
      auditLog: writesAfter.auditLog - writesBefore.auditLog,
    },
    autocannon: { latency: result.latency, requests: result.requests },
  };
}
type ScenarioResult = Awaited<ReturnType<typeof runScenario>>;

function printTable(results: ScenarioResult[], profiles: QueryProfile[]) {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'requests',
    'non-2xx',
    'errors',
    'SQL/req',
    'CPU% node/pg/bench/other',
    'RSS MiB',
    'SQL alone p50 (1 / N)',
    'ratio p50',
  ];
  const rows = results.map((r) => [
    r.name,
    r.reqPerSec.toFixed(1),
    r.latencyMs.p50.toFixed(1),
    r.latencyMs.p95.toFixed(1),
    r.latencyMs.p99.toFixed(1),
    String(r.requests),
    String(r.non2xx),
    String(r.errors + r.timeouts),
    String(profiles.find((p) => p.scenario === r.name)?.statements ?? '–'),
    r.cpuPercent
      ? `${r.cpuPercent.node}/${r.cpuPercent.postgres}/${r.cpuPercent.bench}/${r.cpuPercent.other}`
      : '–',
    String(r.rssPeakMiB.server || '–'),
    r.sqlAlone ? `${r.sqlAlone.single.latencyMs.p50} / ${r.sqlAlone.concurrent.latencyMs.p50}` : '–',
    r.sqlAlone ? `${r.sqlAlone.ratioP50}×` : '–',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}`);
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  const startedAt = new Date();
  console.log(
    `Bench: ${selected.join(', ')} · ${connections} connections · ${duration} s each (+${warmup} s warm-up)`,
  );
  console.log(`DATA_DIR ${dataDir}`);
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-web-'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>bench</title>\n');

  const loadAverageAtStart = os.loadavg().map((l) => round(l, 2));
  const port = await freePort();
  const bootStart = performance.now();
  const server = startServer(port, webDist);
  // Ctrl-C: the server (same process group) shuts down on its own SIGINT; wait for it so that its
  // PostgreSQL is stopped before we exit.
  process.once('SIGINT', () => {
    console.error('\nInterrupted: stopping the server…');
    void stopServer(server).finally(() => {
      fs.rmSync(webDist, { recursive: true, force: true });
      process.exit(130);
    });
  });
  let db: Database | null = null;
  let failure: unknown = null;
  try {
    const health = await waitHealthy(server);
    console.log(`Server up on ${server.base} in ${Math.round(performance.now() - bootStart)} ms`, health);

    db = createDatabase(embeddedConnection(), 4);
    const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const genStart = performance.now();
    // An empty database gets the city; an existing bench city is topped up (a no-op when complete). A
    // database holding anything else is refused by generateDataset.
    const generated: GenerateReport = await generateDataset(db, { log: (m) => console.log(m) });
    const genMs = Math.round(performance.now() - genStart);
    if (!anyUser)
      console.log(`Generated the bench city in ${genMs} ms (password hash ${generated.hashMs} ms)`);
    const dataset = await datasetCounts(db);
    if (!dataset) throw new Error('No bench city in the database');
    console.log('Dataset:', dataset);

    const d1 = await db
      .selectFrom('regions as d')
      .innerJoin('regions as c', 'c.id', 'd.parentId')
      .select('d.id')
      .where('c.code', '=', BENCH_CITY_CODE)
      .where('d.sortOrder', '=', 1)
      .executeTakeFirstOrThrow();
    const usernames = (
      await db
        .selectFrom('users')
        .select('username')
        .where('districtId', 'in', (eb) =>
          eb.selectFrom('regions').select('id').where('parentId', '=', dataset.cityId),
        )
        .where('status', '=', 'active')
        .where('mustChangePassword', '=', false)
        .orderBy('username')
        .execute()
    ).map((r) => r.username);
    const pgVersion = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]!.v;
    const fixtures: Fixtures = {
      base: server.base,
      usernames,
      districtId: d1.id,
      reporter: `${districtPrefix(1)}.town01.reporter`,
      centerAdmin: `${districtPrefix(1)}.center.admin`,
      db,
      today: chinaToday(new Date()),
    };

    const plans: ScenarioPlan[] = [];
    for (const name of selected) plans.push(await planScenario(name, fixtures));

    const auditHmacKey = fs.readFileSync(path.join(dataDir, 'audit-hmac.key'), 'utf8').trim();
    const meCookie = (await session(server.base, fixtures.reporter)).cookie;
    const profiles = await profileQueries({
      conn: embeddedConnection(),
      auditHmacKey,
      requests: plans.map((p) => p.profile),
    });
    // The statements of each variant a list scenario rotates over, less the three every signed-in request
    // makes (session, policy, user; taken from /api/auth/me): what "its SQL alone" replays.
    const [meProfile] = await profileQueries({
      conn: embeddedConnection(),
      auditHmacKey,
      requests: [{ scenario: 'me', method: 'GET', url: '/api/auth/me', cookie: meCookie }],
    });
    const authSql = new Set(meProfile!.captured.map((c) => c.sql));
    const captured = new Map<ScenarioName, ReturnType<typeof stepsOf>[]>();
    for (const plan of plans) {
      if (!plan.variants || !REPLAYED.includes(plan.name) || sqlDuration === 0) continue;
      const vp = await profileQueries({
        conn: embeddedConnection(),
        auditHmacKey,
        requests: plan.variants.urls.map((url) => ({
          scenario: plan.name,
          method: 'GET' as const,
          url,
          cookie: plan.variants!.cookie,
        })),
      });
      captured.set(
        plan.name,
        vp.map((v) => stepsOf(v.captured.filter((c) => !authSql.has(c.sql)))),
      );
    }
    for (const p of profiles) {
      const top = p.top
        .slice(0, 3)
        .map((t) => `${t.count}× ${t.sql.slice(0, 70)}`)
        .join(' | ');
      console.log(`  ${p.scenario}: ${p.statements} SQL statements, ${p.dbMs} ms in the database — ${top}`);
    }

    const results: ScenarioResult[] = [];
    for (const plan of plans) {
      console.log(`\n▶ ${plan.name}: ${plan.title} (${plan.check})`);
      const r = await runScenario(plan, server.base, db, server.child.pid);
      const requests = captured.get(plan.name);
      if (requests) {
        const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
        const replay = (workers: number) =>
          replayStatements({
            conn: embeddedConnection(),
            requests,
            workers,
            poolSize,
            durationS: sqlDuration,
          });
        const concurrent = await replay(connections);
        const single = await replay(1);
        r.sqlAlone = {
          concurrent,
          single,
          ratioP50: round(r.latencyMs.p50 / concurrent.latencyMs.p50, 2),
          ratioP95: round(r.latencyMs.p95 / concurrent.latencyMs.p95, 2),
        };
        console.log(
          `  SQL alone: ${connections} workers p50 ${concurrent.latencyMs.p50} · p95 ${concurrent.latencyMs.p95} ms ` +
            `(${concurrent.perSec}/s); 1 worker p50 ${single.latencyMs.p50} ms → endpoint/SQL p50 ${r.sqlAlone.ratioP50}×, ` +
            `p95 ${r.sqlAlone.ratioP95}×`,
        );
      }
      results.push(r);
      console.log(
        `  ${r.reqPerSec} req/s · p50 ${r.latencyMs.p50} · p95 ${r.latencyMs.p95} · p99 ${r.latencyMs.p99} ms · ` +
          `${r.requests} requests, status ${JSON.stringify(r.statusCodes)}, errors ${r.errors} · ` +
          `peak RSS server ${r.rssPeakMiB.server} MiB (PostgreSQL ${r.rssPeakMiB.postgres} MiB)`,
      );
    }
    printTable(results, profiles);

    const after = await datasetCounts(db);
    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: round(os.totalmem() / 2 ** 30),
        platform: `${os.platform()} ${os.release()} ${os.arch()}`,
        node: process.version,
        postgres: pgVersion,
        uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE ?? '4 (default)',
        loadAverageAtStart,
      },
      options: { duration, connections, warmup, scenarios: selected, dataDir },
      dataset: {
        before: dataset,
        after,
        generation: { onEmptyDatabase: !anyUser, wallMs: genMs, ...generated },
      },
      profiles: profiles.map(({ captured: _, ...p }) => p),
      scenarios: results,
      /** The server's own warn/error output during the run. */
      serverLog: server.output,
    };
    const resultsDir = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nResults written to ${path.relative(process.cwd(), file)}`);
  } catch (err) {
    failure = err;
  } finally {
    await db?.destroy();
    const stopStart = performance.now();
    const exit = await stopServer(server);
    const clean = exit.code === 0 && !fs.existsSync(path.join(dataDir, 'server.lock'));
    console.log(
      `Server stopped in ${Math.round(performance.now() - stopStart)} ms (exit ${exit.code ?? exit.signal})` +
        (clean ? '' : ' — NOT cleanly: check for a PostgreSQL left running on the bench DATA_DIR'),
    );
    fs.rmSync(webDist, { recursive: true, force: true });
    if (!clean && !failure) failure = new Error('The server did not shut down cleanly');
  }
  if (failure) throw failure;
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
