import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, REPO_ROOT } from './ops-test-helpers.js';

// The real server (`src/server/main.ts`) as a child process, for the crash and durability tests.

export const ADMIN = { username: 'sysadmin', password: 'Fastener#Park2026' };

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export function startServer(opts: {
  dataDir: string;
  port: number;
  webDist: string;
  env?: Record<string, string>;
}): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO_ROOT,
    env: cleanEnv({
      DATA_DIR: opts.dataDir,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      WEB_DIST: opts.webDist,
      LOG_LEVEL: 'warn',
      ...opts.env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, port: opts.port, base: `http://127.0.0.1:${opts.port}`, exited, output: () => out };
}

export async function waitHealthy(srv: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (srv.child.exitCode !== null || srv.child.signalCode !== null) {
      throw new Error(`The server exited (${srv.child.exitCode ?? srv.child.signalCode}):\n${srv.output()}`);
    }
    try {
      const r = await fetch(`${srv.base}/api/health`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server did not become healthy in ${timeoutMs} ms:\n${srv.output()}`);
}

export function writeWebDist(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>招商调度</title>');
}

export interface HttpSession {
  base: string;
  cookie: string;
  csrf: string;
}

export async function setupAndLogin(base: string): Promise<HttpSession> {
  const setup = await fetch(`${base}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cityName: '滏川市',
      districtName: '洺水区',
      admin: { username: ADMIN.username, displayName: '系统管理员', password: ADMIN.password },
      loadDemo: false,
    }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  return login(base);
}

export async function login(base: string): Promise<HttpSession> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('zs_session='));
  if (!cookie) throw new Error('no zs_session cookie');
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { base, cookie: cookie.split(';')[0]!, csrf: csrfToken };
}

export function api(s: HttpSession, method: string, url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { cookie: s.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${s.base}${url}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

/** Processes (not zombies) whose working directory is the cluster: the postmaster and all its children. */
export function postgresProcesses(pgdata: string): number[] {
  const pids: number[] = [];
  const real = fs.realpathSync(pgdata);
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readlinkSync(`/proc/${name}/cwd`) === real && isRunning(Number(name))) pids.push(Number(name));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

export function postmasterPid(pgdata: string): number | null {
  try {
    const pid = Number.parseInt(
      fs.readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]!,
      10,
    );
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Stops a server gracefully if it still runs, else makes sure nothing of it (or its PostgreSQL) survives. */
export async function stopServer(srv: ServerProcess | null, pgdata: string): Promise<void> {
  if (srv && srv.child.exitCode === null && srv.child.signalCode === null) {
    srv.child.kill('SIGTERM');
    const timer = setTimeout(() => srv.child.kill('SIGKILL'), 20_000);
    await srv.exited;
    clearTimeout(timer);
  }
  for (const pid of fs.existsSync('/proc') && fs.existsSync(pgdata) ? postgresProcesses(pgdata) : []) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
