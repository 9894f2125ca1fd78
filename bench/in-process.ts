import { loadConfig } from '../src/server/config.js';
import { withCliDatabase } from '../src/server/db/cli-database.js';
import type { Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { BENCH_CITY_CODE } from './generate.js';

// What the in-process benches (bulletin.ts, dashboard.ts) share: the bench city's database with its first
// district, and the timing helpers they report with.

export const ms = (x: number) => `${Math.round(x)} ms`;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

/**
 * Runs fn on the bench city's database (its PostgreSQL is started if no server runs on it) with district 1.
 * Migrates first: the generated database may predate later tables (the assessment ones).
 */
export async function withBenchDistrict(
  dataDir: string,
  fn: (db: Database, district: { id: string; name: string }) => Promise<void>,
): Promise<void> {
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir });
  await withCliDatabase(config, async (db) => {
    await migrateToLatest(db);
    const district = await db
      .selectFrom('regions as d')
      .innerJoin('regions as c', 'c.id', 'd.parentId')
      .select(['d.id', 'd.name'])
      .where('c.code', '=', BENCH_CITY_CODE)
      .where('d.sortOrder', '=', 1)
      .executeTakeFirstOrThrow();
    await fn(db, district);
  });
}
