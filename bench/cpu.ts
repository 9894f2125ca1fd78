import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

// CPU time of the server's process tree (the tsx wrapper and Node, and the embedded PostgreSQL it started),
// read from /proc: on a 2-core machine the question is always who used the cores. Linux only; elsewhere
// the figures are null.

let ticksPerSecond: number | null = null;
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime + cutime + cstime: its own time and that of children it has reaped. */
  ticks: number;
}

function readProcs(): Proc[] {
  const out: Proc[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    // f[0] is field 3 (state): ppid = field 4, utime..cstime = fields 14..17.
    out.push({
      pid: Number(name),
      ppid: Number(f[1]),
      comm,
      ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]),
    });
  }
  return out;
}

/** Busy seconds of the whole machine (all cores), from /proc/stat. */
function machineBusySeconds(): number {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
  const busy = (f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0);
  return busy / clockTicks();
}

export interface CpuSample {
  /** Seconds of CPU used so far by the server's Node processes. */
  node: number;
  /** … and by its PostgreSQL processes. */
  postgres: number;
  /** … and by this bench process (autocannon runs here). */
  bench: number;
  /** … and by the whole machine: what is not ours is someone else's load. */
  machine: number;
  at: number;
}

export function sampleCpu(rootPid: number | undefined): CpuSample | null {
  if (process.platform !== 'linux' || rootPid === undefined) return null;
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const root = procs.find((p) => p.pid === rootPid);
  if (!root) return null;
  let node = 0;
  let postgres = 0;
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    if (p.comm === 'postgres') postgres += p.ticks;
    else node += p.ticks;
    stack.push(...(children.get(p.pid) ?? []));
  }
  const self = process.cpuUsage();
  const hz = clockTicks();
  return {
    node: node / hz,
    postgres: postgres / hz,
    bench: (self.user + self.system) / 1e6,
    machine: machineBusySeconds(),
    at: performance.now(),
  };
}

/** CPU used between two samples, as a percentage of one core (200 % = both cores of a 2-core machine). */
export function cpuPercent(a: CpuSample | null, b: CpuSample | null) {
  if (!a || !b) return null;
  const wall = (b.at - a.at) / 1000;
  const pct = (x: number) => Math.max(0, Math.round((x / wall) * 100));
  const ours = b.node - a.node + (b.postgres - a.postgres) + (b.bench - a.bench);
  return {
    node: pct(b.node - a.node),
    postgres: pct(b.postgres - a.postgres),
    bench: pct(b.bench - a.bench),
    /** Other processes on the machine during the run (noise). */
    other: pct(b.machine - a.machine - ours),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * When autocannon stops, the server still works off the requests it had accepted (50 argon2 hashes, or 50
 * list queries of 155 statements each). Waits until the server's tree is idle, so one run's tail does not
 * land in the next one's figures. Returns the milliseconds waited.
 */
export async function waitForQuiet(rootPid: number | undefined, maxMs = 60_000): Promise<number> {
  const start = performance.now();
  if (process.platform !== 'linux' || rootPid === undefined) {
    await sleep(2000);
    return Math.round(performance.now() - start);
  }
  let calm = 0;
  while (performance.now() - start < maxMs && calm < 2) {
    const a = sampleCpu(rootPid);
    await sleep(250);
    const c = cpuPercent(a, sampleCpu(rootPid));
    calm = c && c.node + c.postgres < 15 ? calm + 1 : 0;
  }
  return Math.round(performance.now() - start);
}

/**
 * Resident memory (MiB) of the server's tree: its Node processes (the largest one is the server itself, the
 * other the tsx launcher) and its PostgreSQL processes (their shared buffers are counted once per process that
 * touched them, so that sum overstates).
 */
export function sampleRss(
  rootPid: number | undefined,
): { server: number; node: number; postgres: number } | null {
  if (process.platform !== 'linux' || rootPid === undefined) return null;
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const root = procs.find((p) => p.pid === rootPid);
  if (!root) return null;
  let server = 0;
  let node = 0;
  let postgres = 0;
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    let kb = 0;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p.pid}/status`, 'utf8'));
      kb = m ? Number(m[1]) : 0;
    } catch {
      /* exited meanwhile */
    }
    if (p.comm === 'postgres') postgres += kb;
    else {
      node += kb;
      server = Math.max(server, kb);
    }
    stack.push(...(children.get(p.pid) ?? []));
  }
  const mib = (kb: number) => Math.round(kb / 1024);
  return { server: mib(server), node: mib(node), postgres: mib(postgres) };
}
