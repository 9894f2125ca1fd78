import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runningCluster } from '../src/server/db/embedded-postgres.js';
import { assertBenchDataDir, BENCH_PASSWORD, DEFAULT_BENCH_DATA_DIR } from './generate.js';
import { profileQueries } from './profile.js';

// npx tsx bench/explain.ts --base http://127.0.0.1:3104 --as d01.center.admin '/api/projects?q=紧固件' …
//
// Prints every SQL statement a request sends after sign-in checks, with EXPLAIN (ANALYZE, BUFFERS), on a bench
// city that a server is running (npm run bench leaves none running; start one on the bench DATA_DIR by hand).
// The statements are captured from the real app (buildApp, as in profile.ts), so they are exactly what runs.

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      base: { type: 'string', default: 'http://127.0.0.1:3104' },
      as: { type: 'string', default: 'd01.center.admin' },
      'data-dir': { type: 'string', default: process.env.BENCH_DATA_DIR ?? DEFAULT_BENCH_DATA_DIR },
      'no-analyze': { type: 'boolean', default: false },
    },
  });
  const dataDir = assertBenchDataDir(values['data-dir']);
  const conn = runningCluster(dataDir);
  if (!conn) throw new Error(`No PostgreSQL running in ${dataDir}`);
  const res = await fetch(`${values.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: values.as, password: BENCH_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('zs_session='));
  if (!cookie) throw new Error(`Login as ${values.as} failed: ${res.status}`);
  const profiles = await profileQueries({
    conn,
    auditHmacKey: fs.readFileSync(path.join(dataDir, 'audit-hmac.key'), 'utf8').trim(),
    requests: [
      { scenario: 'me', method: 'GET', url: '/api/auth/me', cookie },
      ...positionals.map((url) => ({ scenario: url, method: 'GET' as const, url, cookie })),
    ],
  });
  // The statements every authenticated request makes (session, policy, user) are left out.
  const auth = new Set(profiles[0]!.captured.map((s) => s.sql));
  const client = new pg.Client({ ...conn });
  await client.connect();
  try {
    for (const p of profiles.slice(1)) {
      console.log(
        `\n=== ${p.scenario} → ${p.status}, ${p.statements} statements, ${p.dbMs} ms in the database`,
      );
      for (const s of p.captured.filter((x) => !auth.has(x.sql))) {
        console.log(
          `--- ${s.ms} ms (started at +${s.startMs} ms)\n${s.sql}\n    ${JSON.stringify(s.parameters)}`,
        );
        const analyze = values['no-analyze'] ? '' : 'analyze, buffers, ';
        const r = await client.query(`explain (${analyze}costs off) ${s.sql}`, s.parameters as unknown[]);
        console.log(r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n'));
      }
    }
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
