import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { EXAMPLE_SCHEMES } from '../src/domain/assessment/example-schemes.js';
import { loadConfig } from '../src/server/config.js';
import { withCliDatabase } from '../src/server/db/cli-database.js';
import type { Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { computeProgress } from '../src/server/modules/progress/progress.compute.js';
import { scoreProgress } from '../src/server/modules/progress/scoring.js';
import { assertBenchDataDir, BENCH_CITY_CODE, DEFAULT_BENCH_DATA_DIR } from './generate.js';

// npx tsx bench/bulletin.ts [--data-dir /tmp/bench-data] [--runs 7] [--cutoff 2026-10-31]
//
// Issue 4's speed goal: computing one district's monthly bulletin (60 units) on the city-scale data in ≤ 1 s.
// Works on the database `npm run bench:generate` made (its PostgreSQL is started if no server runs on it).
// Gives district 1 targets for every unit on the scheme's indicators (once), then times the computation
// in-process, without HTTP: the first run cold, then the median and the worst of --runs warm runs.

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env.BENCH_DATA_DIR ?? DEFAULT_BENCH_DATA_DIR },
    runs: { type: 'string', default: '7' },
    cutoff: { type: 'string', default: '2026-10-31' },
  },
});
const dataDir = assertBenchDataDir(values['data-dir']!);
const cutoff = values.cutoff!;
const year = Number(cutoff.slice(0, 4));

async function ensureTargets(db: Database, districtId: string) {
  const has = await db
    .selectFrom('targets')
    .select('id')
    .where('districtId', '=', districtId)
    .where('year', '=', year)
    .limit(1)
    .executeTakeFirst();
  if (has) return;
  // Targets sized from last year's figures, so completions spread around the time progress.
  await sql`
    insert into targets (district_id, year, unit_id, indicator_key, annual, updated_at)
    select u.district_id, ${year}, u.id, k.key, (50 + (abs(hashtext(u.id::text || k.key)) % 100))::numeric * k.scale, now()
    from units u
    cross join (values ('signed_count', 1), ('signed_amount', 20000000), ('started_count', 1),
                       ('funds_in_place', 10000000), ('completed_investment', 10000000),
                       ('foreign_capital_used', 100000)) as k(key, scale)
    where u.district_id = ${districtId} and u.kind <> 'center'`.execute(db);
}

async function main() {
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
    await ensureTargets(db, district.id);
    const scheme = EXAMPLE_SCHEMES[0]!.scheme;
    const once = async () => {
      const t0 = performance.now();
      const progress = await computeProgress(db, { districtId: district.id, year, cutoff });
      const t1 = performance.now();
      const scores = scoreProgress(progress, scheme);
      const t2 = performance.now();
      return { total: t2 - t0, progress: t1 - t0, scoring: t2 - t1, units: progress.units.length, scores };
    };
    const cold = await once();
    const warm = [];
    for (let i = 0; i < Number(values.runs); i++) warm.push(await once());
    const sorted = warm.map((w) => w.total).sort((a, b) => a - b);
    const ms = (x: number) => `${Math.round(x)} ms`;
    console.log(`District ${district.name}: ${cold.units} units, cut-off ${cutoff}`);
    console.log(`cold: ${ms(cold.total)} (progress ${ms(cold.progress)}, scoring ${ms(cold.scoring)})`);
    console.log(
      `warm ×${warm.length}: median ${ms(sorted[Math.floor(sorted.length / 2)]!)}, worst ${ms(sorted.at(-1)!)}` +
        ` (scoring median ${ms(warm.map((w) => w.scoring).sort((a, b) => a - b)[Math.floor(warm.length / 2)]!)})`,
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
