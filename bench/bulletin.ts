import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { EXAMPLE_SCHEMES } from '../src/domain/assessment/example-schemes.js';
import type { Database } from '../src/server/db/database.js';
import { composeSnapshot } from '../src/server/modules/bulletins/bulletins.compose.js';
import { renderBulletinDocx } from '../src/server/modules/bulletins/render/docx.js';
import { renderBulletinXlsx } from '../src/server/modules/bulletins/render/xlsx.js';
import { computeProgress } from '../src/server/modules/progress/progress.compute.js';
import { scoreProgress } from '../src/server/modules/progress/scoring.js';
import { assertBenchDataDir, BENCH_CITY_CODE, DEFAULT_BENCH_DATA_DIR } from './generate.js';
import { median, ms, timed, withBenchDistrict } from './in-process.js';

// npx tsx bench/bulletin.ts [--data-dir /tmp/bench-data] [--runs 5] [--cutoff 2026-10-31]
//
// Issue 4's speed goal: computing one district's monthly bulletin (60 units) on the city-scale data in ≤ 1 s.
// Works on the database `npm run bench:generate` made (its PostgreSQL is started if no server runs on it).
// Gives district 1 targets and a published scheme (once), removes this month's bulletins, then times in
// process, without HTTP: progress, scoring, the whole bulletin (composeSnapshot) with the other nine districts
// computed live, its .docx/.xlsx; then publishes the nine others' bulletins and times ours again, now reading
// their frozen figures (the steady state of a city whose districts all publish here).
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env.BENCH_DATA_DIR ?? DEFAULT_BENCH_DATA_DIR },
    runs: { type: 'string', default: '5' },
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

/** The year's first example scheme, published, so the bulletin has its score table. */
async function ensureScheme(db: Database, districtId: string) {
  const has = await db
    .selectFrom('assessmentSchemes')
    .select('id')
    .where('districtId', '=', districtId)
    .where('year', '=', year)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (has) return;
  const now = new Date();
  await db
    .insertInto('assessmentSchemes')
    .values({
      districtId,
      year,
      version: 1,
      name: EXAMPLE_SCHEMES[0]!.name,
      items: JSON.stringify(EXAMPLE_SCHEMES[0]!.scheme.items),
      status: 'published',
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    })
    .execute();
}

const runs = Number(values.runs);

async function main() {
  await withBenchDistrict(dataDir, async (db, district) => {
    await ensureTargets(db, district.id);
    await ensureScheme(db, district.id);
    const scheme = EXAMPLE_SCHEMES[0]!.scheme;
    const month = Number(cutoff.slice(5, 7));
    const peers = await db
      .selectFrom('regions as d')
      .innerJoin('regions as c', 'c.id', 'd.parentId')
      .select(['d.id', 'd.name'])
      .where('c.code', '=', BENCH_CITY_CODE)
      .where('d.id', '<>', district.id)
      .execute();
    const compose = (districtId: string) =>
      composeSnapshot(db, {
        districtId,
        kind: 'month',
        year,
        period: month,
        cutoff,
        version: 1,
        reason: null,
        issuedOn: cutoff,
      });
    // Start with no bulletin of this month anywhere: every other district is computed live.
    await db
      .deleteFrom('bulletins')
      .where('year', '=', year)
      .where('kind', '=', 'month')
      .where('period', '=', month)
      .execute();

    const progressRuns: number[] = [];
    const scoringRuns: number[] = [];
    const liveRuns: number[] = [];
    const docxRuns: number[] = [];
    const xlsxRuns: number[] = [];
    const [, cold] = await timed(() => compose(district.id));
    let units = 0;
    for (let i = 0; i < runs; i++) {
      const [progress, p] = await timed(() => computeProgress(db, { districtId: district.id, year, cutoff }));
      units = progress.units.length;
      progressRuns.push(p);
      scoringRuns.push((await timed(async () => scoreProgress(progress, scheme)))[1]);
      const [c, cm] = await timed(() => compose(district.id));
      liveRuns.push(cm);
      docxRuns.push((await timed(() => renderBulletinDocx(c.snapshot)))[1]);
      xlsxRuns.push((await timed(() => renderBulletinXlsx(c.snapshot)))[1]);
    }

    // The steady state of a city on one deployment: the other districts have published their month, and the
    // comparison reads their frozen figures.
    for (const peer of peers) {
      const c = await compose(peer.id);
      const [docx, xlsx] = await Promise.all([
        renderBulletinDocx(c.snapshot),
        renderBulletinXlsx(c.snapshot),
      ]);
      const now = new Date();
      await db
        .insertInto('bulletins')
        .values({
          districtId: peer.id,
          kind: 'month',
          year,
          period: month,
          version: 1,
          periodStart: c.periodStart,
          periodEnd: c.periodEnd,
          cutoff: c.cutoff,
          title: c.snapshot.title,
          status: 'published',
          schemeId: c.schemeId,
          snapshot: JSON.stringify(c.snapshot),
          inputHash: c.snapshot.inputHash,
          docx,
          xlsx,
          createdAt: now,
          updatedAt: now,
          publishedAt: now,
        })
        .execute();
    }
    const publishedRuns: number[] = [];
    for (let i = 0; i < runs; i++) publishedRuns.push((await timed(() => compose(district.id)))[1]);

    console.log(
      `District ${district.name}: ${units} assessed units, cut-off ${cutoff}, ${peers.length} other districts`,
    );
    console.log(
      `monthly bulletin, other districts published: median ${ms(median(publishedRuns))}, worst ${ms(Math.max(...publishedRuns))}`,
    );
    console.log(
      `monthly bulletin, other districts live:      median ${ms(median(liveRuns))}, worst ${ms(Math.max(...liveRuns))} (cold ${ms(cold)})`,
    );
    console.log(
      `  progress (4 indicator passes) median ${ms(median(progressRuns))}, scoring median ${ms(median(scoringRuns))}`,
    );
    console.log(
      `files at publishing: .docx median ${ms(median(docxRuns))}, .xlsx median ${ms(median(xlsxRuns))}`,
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
