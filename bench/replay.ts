import pg from 'pg';
import type { PgConnection } from '../src/server/db/database.js';
import type { CapturedStatement } from './profile.js';

// "Its SQL run alone": the statements an endpoint sent (captured from the real app by profile.ts, same text, same
// parameters), replayed straight through pg with the endpoint's concurrency and the server's pool size, and
// timed the same way as the HTTP run. The endpoint's time over this time is what the app adds on top of its
// database work: sign-in checks, zod, JSON, the event loop.

export interface SqlAloneResult {
  workers: number;
  poolSize: number;
  durationS: number;
  iterations: number;
  perSec: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number };
}

/**
 * Statements in the order they started; those that overlapped in the app (Promise.all) form one step and run
 * in parallel here too.
 */
export function stepsOf(statements: CapturedStatement[]): CapturedStatement[][] {
  const sorted = [...statements].sort((a, b) => a.startMs - b.startMs);
  const steps: CapturedStatement[][] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const s of sorted) {
    if (steps.length === 0 || s.startMs >= end) {
      steps.push([s]);
      end = s.startMs + s.ms;
    } else {
      steps[steps.length - 1]!.push(s);
      end = Math.max(end, s.startMs + s.ms);
    }
  }
  return steps;
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
    : NaN;
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Each worker runs the next request's statements, step by step, until `durationS` has passed. */
export async function replayStatements(opts: {
  conn: PgConnection;
  requests: CapturedStatement[][][];
  workers: number;
  poolSize: number;
  durationS: number;
}): Promise<SqlAloneResult> {
  const pool = new pg.Pool({ ...opts.conn, max: opts.poolSize, application_name: 'zhaoshang-bench-replay' });
  const latencies: number[] = [];
  let next = 0;
  const run = async (steps: CapturedStatement[][]) => {
    for (const step of steps) {
      await Promise.all(step.map((s) => pool.query(s.sql, s.parameters as unknown[])));
    }
  };
  try {
    // Warm the pool's connections and their catalog caches, as the server's are.
    for (let i = 0; i < Math.min(opts.poolSize, opts.requests.length * 2); i++) {
      await run(opts.requests[i % opts.requests.length]!);
    }
    const started = performance.now();
    const deadline = started + opts.durationS * 1000;
    await Promise.all(
      Array.from({ length: opts.workers }, async () => {
        while (performance.now() < deadline) {
          const steps = opts.requests[next++ % opts.requests.length]!;
          const t = performance.now();
          await run(steps);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      workers: opts.workers,
      poolSize: opts.poolSize,
      durationS: r1(elapsed),
      iterations: latencies.length,
      perSec: r1(latencies.length / elapsed),
      latencyMs: {
        p50: r1(pct(latencies, 50)),
        p95: r1(pct(latencies, 95)),
        p99: r1(pct(latencies, 99)),
        mean: r1(latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1)),
      },
    };
  } finally {
    await pool.end();
  }
}
