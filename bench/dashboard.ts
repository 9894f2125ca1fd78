import { parseArgs } from 'node:util';
import { cityStandings } from '../src/server/modules/city-comparison/city-standing.js';
import { createDashboardService } from '../src/server/modules/dashboard/dashboard.service.js';
import { computeProgress } from '../src/server/modules/progress/progress.compute.js';
import { assertBenchDataDir, DEFAULT_BENCH_DATA_DIR } from './generate.js';
import { median, ms, timed, withBenchDistrict } from './in-process.js';

// npx tsx bench/dashboard.ts [--data-dir bench/.data] [--runs 5] [--cutoff 2026-10-31]
//
// Issue 6's speed goal: the district dashboard's API in ≤ 300 ms on the city-scale data. Read-only (it writes
// no data, so it can run next to bench/bulletin.ts); times in process, without HTTP: the whole district
// dashboard, the unit dashboard, and on their own the two parts that dominate (computeProgress, the city
// standing with the other districts computed live or read from their published bulletins).
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
const runs = Number(values.runs);

async function main() {
  await withBenchDistrict(dataDir, async (db, district) => {
    const service = createDashboardService({ db, now: () => new Date() });
    const caller = {
      districtId: district.id,
      scope: { kind: 'district' as const, districtIds: [district.id] },
    };
    const q = { year, cutoff };
    const [first, cold] = await timed(() => service.district(caller, q));
    const unitId = first.leaderboard[0]!.unitId;
    const whole: number[] = [];
    const unit: number[] = [];
    const progress: number[] = [];
    const city: number[] = [];
    for (let i = 0; i < runs; i++) {
      whole.push((await timed(() => service.district(caller, q)))[1]);
      unit.push((await timed(() => service.unit(caller, { ...q, unitId })))[1]);
      progress.push((await timed(() => computeProgress(db, { districtId: district.id, year, cutoff })))[1]);
      city.push(
        (
          await timed(() =>
            cityStandings(db, {
              districtId: district.id,
              year,
              month: Number(cutoff.slice(5, 7)),
              goalRank: 3,
            }),
          )
        )[1],
      );
    }
    const published = await db
      .selectFrom('bulletins')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('year', '=', year)
      .where('period', '=', Number(cutoff.slice(5, 7)))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    console.log(
      `District ${district.name}: ${first.leaderboard.length} units, cut-off ${cutoff}, funnel ${first.funnel
        .map((s) => s.count)
        .join(' → ')}; ${published.n} published bulletins of the month in the city`,
    );
    console.log(
      `district dashboard: median ${ms(median(whole))}, worst ${ms(Math.max(...whole))} (cold ${ms(cold)})`,
    );
    console.log(`unit dashboard:     median ${ms(median(unit))}, worst ${ms(Math.max(...unit))}`);
    console.log(
      `  computeProgress alone median ${ms(median(progress))}; cityStandings alone median ${ms(median(city))}`,
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
