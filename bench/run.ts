import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Options as CannonOptions } from 'autocannon';
import { sql } from 'kysely';
import { createDatabase, type Database, type PgConnection } from '../src/server/db/database.js';
import { runningCluster } from '../src/server/db/embedded-postgres.js';
import { cpuPercent, sampleCpu, waitForQuiet } from './cpu.js';
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

// npm run bench [-- --duration 15 --connections 50 --only login,me --data-dir bench/.data]
//
// Starts the real server (src/server/main.ts) on the bench city's own DATA_DIR, fills it with the generated
// city if it is empty, and drives it with autocannon: sign-in, and three authenticated reads. Prints
// req/s and p50/p95/p99 per scenario and writes the whole result to bench/results/<timestamp>.json.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIOS = ['login', 'me', 'units', 'users'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '3' },
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
}

interface ScenarioPlan {
  name: ScenarioName;
  title: string;
  /** Path and query, appended to the server's base URL (autocannon ignores a top-level `path`). */
  path: string;
  options: Omit<CannonOptions, 'url' | 'connections' | 'duration' | 'path'>;
  profile: ProfileRequest;
  check: string;
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
  if (warmup > 0) await autocannon({ ...opts, duration: warmup });
  const drainedMs = await waitForQuiet(serverPid);
  const loadAverage = os.loadavg().map((l) => round(l, 2));
  const writesBefore = await writeCounts(db);
  const cpuBefore = sampleCpu(serverPid);

  // Latencies of every measured response (autocannon's own histogram has no p95, and counts only 2xx).
  let latencies = new Float64Array(1 << 16);
  let n = 0;
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
    };

    const plans: ScenarioPlan[] = [];
    for (const name of selected) plans.push(await planScenario(name, fixtures));

    const auditHmacKey = fs.readFileSync(path.join(dataDir, 'audit-hmac.key'), 'utf8').trim();
    const profiles = await profileQueries({
      conn: embeddedConnection(),
      auditHmacKey,
      requests: plans.map((p) => p.profile),
    });
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
      results.push(r);
      console.log(
        `  ${r.reqPerSec} req/s · p50 ${r.latencyMs.p50} · p95 ${r.latencyMs.p95} · p99 ${r.latencyMs.p99} ms · ` +
          `${r.requests} requests, status ${JSON.stringify(r.statusCodes)}, errors ${r.errors}`,
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
      profiles,
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
