import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { chinaToday } from '../src/domain/dates.js';
import { runReminders } from '../src/server/modules/reminders/reminders.js';
import { assertBenchDataDir, BENCH_CITY_CODE, DEFAULT_BENCH_DATA_DIR } from './generate.js';
import { median, ms, timed, withBenchDistrict } from './in-process.js';
import { generateLanding } from './landing-data.js';

// npx tsx bench/landing.ts [--data-dir bench/.data] [--runs 3]     (npm run bench:landing)
//
// Issue 5 at city scale: adds the landing service's rows to the bench city (bench/landing-data.ts, once), then
// times the reminder job over all 10 districts — its first run (which writes every due and overdue notice and
// escalates the overdue problems) and the runs after it (which find everything already told, the steady state
// every 5 minutes) — and the landing reads a user waits for. In process, without HTTP. Before the first run the
// previous bench run's notices, outbox rows and escalations are removed, so every invocation measures the same work.
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env.BENCH_DATA_DIR ?? DEFAULT_BENCH_DATA_DIR },
    runs: { type: 'string', default: '3' },
  },
});
const dataDir = assertBenchDataDir(values['data-dir']!);
const runs = Number(values.runs);

async function main() {
  await withBenchDistrict(dataDir, async (db, district) => {
    console.log(`load average at start: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
    const city = await db
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'city')
      .where('code', '=', BENCH_CITY_CODE)
      .executeTakeFirstOrThrow();
    const now = new Date();
    const today = chinaToday(now);
    const [generated, genMs] = await timed(() =>
      generateLanding(db, { cityId: city.id, today, log: (m) => console.log(m) }),
    );
    if (Object.keys(generated).length > 0) console.log(`landing rows generated in ${ms(genMs)}`);
    const count = async (table: 'procedures' | 'problems' | 'commitments' | 'preReviewOpinions') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    console.log(
      `rows: ${await count('procedures')} procedures, ${await count('problems')} problems, ${await count(
        'commitments',
      )} commitments, ${await count('preReviewOpinions')} pre-review opinions`,
    );

    // A clean slate for the job: no notices, outbox rows, runs or escalations left by an earlier bench run.
    await db.transaction().execute(async (trx) => {
      await sql`delete from outbound_messages`.execute(trx);
      await sql`delete from notifications`.execute(trx);
      await sql`delete from job_runs`.execute(trx);
      await sql`delete from problem_events where kind = 'escalated'`.execute(trx);
      await sql`update problems set escalation_level = 0, escalated_at = null where escalation_level > 0`.execute(
        trx,
      );
    });
    const [first, firstMs] = await timed(() => runReminders(db, now));
    if (first.skipped) throw new Error('another reminder run holds the lock');
    console.log(
      `reminder job, first run (all ${10} districts): ${ms(firstMs)}, ${first.created} notices, ${
        first.outbound
      } outbound; per check ${JSON.stringify(first.counts)}`,
    );
    console.log(`  ms per check: ${JSON.stringify(first.ms)}`);
    const again: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [r, t] = await timed(() => runReminders(db, now));
      if (r.skipped) throw new Error('another reminder run holds the lock');
      if (r.created !== 0) throw new Error(`a repeated run created ${r.created} notices`);
      if (i === runs - 1) console.log(`  ms per check (last steady run): ${JSON.stringify(r.ms)}`);
      again.push(t);
    }
    console.log(
      `reminder job, steady state (nothing new): median ${ms(median(again))}, worst ${ms(Math.max(...again))}`,
    );
    const [, oneMs] = await timed(() => runReminders(db, now, { districtId: district.id }));
    console.log(`reminder job, one district (立即运行): ${ms(oneMs)}`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
