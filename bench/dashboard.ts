import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cityStandings } from '../src/server/modules/city-comparison/city-standing.js';
import { cityMonth, createDashboardService } from '../src/server/modules/dashboard/dashboard.service.js';
import { computeProgress } from '../src/server/modules/progress/progress.compute.js';
import { type CpuSample, sampleCpu } from './cpu.js';
import { assertBenchDataDir, DEFAULT_BENCH_DATA_DIR } from './generate.js';
import { median, ms, timed, withBenchDistrict } from './in-process.js';

// npx tsx bench/dashboard.ts [--data-dir bench/.data] [--runs 5] [--cutoff 2026-10-31,2026-11-20]
//
// Issue 6's speed goal: the district dashboard's API in ≤ 300 ms on the city-scale data. Read-only (it writes
// no data, so it can run next to bench/bulletin.ts); times in process, without HTTP: the whole district
// dashboard, the unit dashboard, and on their own the two parts that used to dominate (computeProgress as the
// dashboard calls it, the city standing for the month the dashboard compares, our own figure computed live). Each cut-off is measured: a
// month's last day (the city compares that month) and a mid-month day (the dashboard's default, today).
//
// Besides wall time, the CPU each call costs, from /proc: PostgreSQL's processes and this process (Node).
// On a shared 2-core machine wall time moves with the others' load; CPU time much less, and it is what
// bounds the dashboard on two cores (wall ≥ CPU ÷ 2).
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env.BENCH_DATA_DIR ?? DEFAULT_BENCH_DATA_DIR },
    runs: { type: 'string', default: '5' },
    cutoff: { type: 'string', default: '2026-10-31,2026-11-20' },
  },
});
const dataDir = assertBenchDataDir(values['data-dir']!);
const cutoffs = values.cutoff!.split(',');
const runs = Number(values.runs);

/** The embedded cluster's postmaster (its processes are the ones whose CPU we count). */
const postmaster = () =>
  Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

interface Measured {
  wall: number;
  pg: number;
  node: number;
}
async function measure<T>(f: () => Promise<T>): Promise<[T, Measured]> {
  const a = sampleCpu(postmaster()) as CpuSample;
  const [r, wall] = await timed(f);
  const b = sampleCpu(postmaster()) as CpuSample;
  return [r, { wall, pg: (b.postgres - a.postgres) * 1000, node: (b.bench - a.bench) * 1000 }];
}
const line = (name: string, xs: Measured[]) =>
  `${name.padEnd(20)} median ${ms(median(xs.map((x) => x.wall)))}, worst ${ms(
    Math.max(...xs.map((x) => x.wall)),
  )}; CPU per call: PostgreSQL ${ms(median(xs.map((x) => x.pg)))}, Node ${ms(median(xs.map((x) => x.node)))}`;

async function main() {
  await withBenchDistrict(dataDir, async (db, district) => {
    const service = createDashboardService({ db, now: () => new Date() });
    const caller = {
      districtId: district.id,
      scope: { kind: 'district' as const, districtIds: [district.id] },
    };
    console.log(`load average at start: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
    for (const cutoff of cutoffs) {
      const year = Number(cutoff.slice(0, 4));
      const q = { year, cutoff };
      const [first, cold] = await timed(() => service.district(caller, q));
      const unitId = first.leaderboard[0]!.unitId;
      const whole: Measured[] = [];
      const unit: Measured[] = [];
      const progress: Measured[] = [];
      const city: Measured[] = [];
      for (let i = 0; i < runs; i++) {
        whole.push((await measure(() => service.district(caller, q)))[1]);
        unit.push((await measure(() => service.unit(caller, { ...q, unitId })))[1]);
        progress.push(
          (
            await measure(() =>
              computeProgress(db, { districtId: district.id, year, cutoff, previousPeriod: false }),
            )
          )[1],
        );
        city.push(
          (
            await measure(() =>
              cityStandings(db, {
                districtId: district.id,
                year,
                month: Math.max(cityMonth(cutoff), 1),
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
        .where('period', '=', Math.max(cityMonth(cutoff), 1))
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      console.log(
        `\nDistrict ${district.name}: ${first.leaderboard.length} units, cut-off ${cutoff}, funnel ${first.funnel
          .map((s) => s.count)
          .join(' → ')}; ${published.n} published bulletins of the month in the city; cold ${ms(cold)}`,
      );
      console.log(line('district dashboard', whole));
      console.log(line('unit dashboard', unit));
      console.log(line('  computeProgress', progress));
      console.log(line('  cityStandings', city));
    }
    console.log(`load average at end: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
