import { CamelCasePlugin, Kysely, type LogEvent, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { systemClock } from '../src/server/clock.js';
import type { PgConnection } from '../src/server/db/database.js';
import type { DB } from '../src/server/db/schema.js';

// How many SQL statements one request costs, and which. The real app (buildApp) runs in this process on a
// Kysely whose log hook counts every statement; each request is sent once to warm up, then once measured.
// A load test says how fast; this says why.

export interface ProfileRequest {
  scenario: string;
  method: 'GET' | 'POST';
  url: string;
  cookie?: string;
  body?: unknown;
}

export interface QueryProfile {
  scenario: string;
  status: number;
  statements: number;
  dbMs: number;
  /** Statements grouped by their SQL text, most frequent first. */
  top: { count: number; ms: number; sql: string }[];
  /** Every statement of the measured request, in order, exactly as sent (text and parameters). */
  captured: CapturedStatement[];
}

export interface CapturedStatement {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
  /** When it started, ms after the request was sent: statements that overlap ran in parallel. */
  startMs: number;
}

export async function profileQueries(opts: {
  conn: PgConnection;
  auditHmacKey: string;
  requests: ProfileRequest[];
}): Promise<QueryProfile[]> {
  let events: { sql: string; ms: number; raw: string; parameters: readonly unknown[]; end: number }[] = [];
  const pool = new pg.Pool({ ...opts.conn, max: 4, application_name: 'zhaoshang-bench-profile' });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (e: LogEvent) => {
      events.push({
        sql: e.query.sql.replace(/\s+/g, ' ').trim(),
        ms: e.queryDurationMillis,
        raw: e.query.sql,
        parameters: e.query.parameters,
        end: performance.now(),
      });
    },
  });
  const { app } = await buildApp({
    db,
    databaseKind: 'embedded',
    auditHmacKey: opts.auditHmacKey,
    clock: systemClock,
    version: 'bench',
  });
  await app.ready();
  const out: QueryProfile[] = [];
  try {
    for (const r of opts.requests) {
      const send = () =>
        app.inject({
          method: r.method,
          url: r.url,
          remoteAddress: '127.0.0.1',
          headers: r.cookie ? { cookie: r.cookie } : {},
          ...(r.body === undefined ? {} : { payload: r.body as object }),
        });
      await send();
      events = [];
      const sentAt = performance.now();
      const res = await send();
      const groups = new Map<string, { count: number; ms: number }>();
      for (const e of events) {
        const g = groups.get(e.sql) ?? { count: 0, ms: 0 };
        g.count++;
        g.ms += e.ms;
        groups.set(e.sql, g);
      }
      out.push({
        scenario: r.scenario,
        status: res.statusCode,
        statements: events.length,
        dbMs: Math.round(events.reduce((s, e) => s + e.ms, 0) * 10) / 10,
        top: [...groups]
          .map(([sql, g]) => ({ count: g.count, ms: Math.round(g.ms * 10) / 10, sql: sql.slice(0, 160) }))
          .sort((a, b) => b.count - a.count || b.ms - a.ms),
        captured: events.map((e) => ({
          sql: e.raw,
          parameters: e.parameters,
          ms: Math.round(e.ms * 10) / 10,
          startMs: Math.round((e.end - e.ms - sentAt) * 10) / 10,
        })),
      });
    }
  } finally {
    await app.close();
    await db.destroy();
  }
  return out;
}
