import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, loginAs, setupPlatform, type TestApp } from '../../test/test-app.js';
import { loadDemoCapital } from './demo-capital.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  // The demo is built around "today": 2026-11-28 in China.
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  const started = performance.now();
  await setupPlatform(t.app, { loadDemo: true });
  console.log(`demo setup (with capital and agreements) took ${Math.round(performance.now() - started)} ms`);
});
afterAll(() => t.close());

describe('the demo money and agreements', () => {
  it('has monthly reports from 2024-01 to last month, only for signed projects, never before signing', async () => {
    const range = await t.db
      .selectFrom('capitalReports as cr')
      .innerJoin('projects as p', 'p.id', 'cr.projectId')
      .select((eb) => [
        eb.fn.min('cr.month').as('first'),
        eb.fn.max('cr.month').as('last'),
        eb.fn.countAll<string>().as('n'),
      ])
      .executeTakeFirstOrThrow();
    // From 2024-01 or the signing month, whichever is later; the demo's oldest signing is about 900 days back.
    expect(range.first >= '2024-01-01').toBe(true);
    expect(range.last).toBe('2026-10-01');
    expect(Number(range.n)).toBeGreaterThan(1000);
    const wrong = await t.db
      .selectFrom('capitalReports as cr')
      .innerJoin('projects as p', 'p.id', 'cr.projectId')
      .select('p.name')
      .where((eb) =>
        eb.or([
          eb('p.stage', 'in', ['negotiating', 'withdrawn']),
          sql<boolean>`cr.month < date_trunc('month', p.signing_date)::date`,
        ]),
      )
      .execute();
    expect(wrong).toEqual([]);
  });

  it('shows most units on time last month, and the lagging towns late or missing', async () => {
    const center = await loginAs(t.app, 'center.admin');
    const rows = (await call(t.app, center, 'GET', '/api/capital/submissions?month=2026-10')).json() as {
      punctuality: string;
      status: string;
    }[];
    const count = (p: string) => rows.filter((r) => r.punctuality === p).length;
    expect(count('on_time')).toBeGreaterThan(count('late') + count('missing'));
    expect(count('missing')).toBeGreaterThan(0);
    const year = await Promise.all(
      ['2026-01', '2026-04', '2026-07'].map(
        async (m) =>
          (await call(t.app, center, 'GET', `/api/capital/submissions?month=${m}`)).json() as {
            punctuality: string;
          }[],
      ),
    );
    expect(year.flat().some((r) => r.punctuality === 'late')).toBe(true);
  });

  it('gives signed projects agreements with 2–4 milestones, some met and some overdue', async () => {
    const center = await loginAs(t.app, 'center.admin');
    const overdue = (await call(t.app, center, 'GET', '/api/milestones/overdue')).json() as unknown[];
    expect(overdue.length).toBeGreaterThan(5);
    const perAgreement = await t.db
      .selectFrom('milestones')
      .select(['agreementId', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('agreementId')
      .execute();
    for (const a of perAgreement) expect(Number(a.n)).toBeGreaterThanOrEqual(2);
    for (const a of perAgreement) expect(Number(a.n)).toBeLessThanOrEqual(4);
    const met = await t.db.selectFrom('milestones').select('id').where('status', '=', 'met').execute();
    expect(met.length).toBeGreaterThan(10);
  });

  it('builds the same data again from its seed, in a handful of statements', async () => {
    const count = async () =>
      Promise.all(
        (['capitalReports', 'capitalSubmissions', 'agreements', 'milestones'] as const).map(async (table) =>
          Number(
            (
              await t.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<string>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = await count();
    await t.db.deleteFrom('attachments').where('ownerType', '=', 'agreement').execute();
    await t.db.deleteFrom('milestones').execute();
    // Commitments (loaded later in the demo) may name the agreement they come from: detach them first.
    await t.db.updateTable('commitments').set({ agreementId: null }).execute();
    await t.db.deleteFrom('agreements').execute();
    await t.db.deleteFrom('capitalSubmissions').execute();
    await t.db.deleteFrom('capitalReports').execute();
    const district = await t.db
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'district')
      .executeTakeFirstOrThrow();
    const units = await t.db.selectFrom('units').select(['id', 'kind']).orderBy('sortOrder').execute();
    const admin = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sysadmin')
      .executeTakeFirstOrThrow();
    const started = performance.now();
    const made = await t.db
      .transaction()
      .execute((trx) =>
        loadDemoCapital(trx, { districtId: district.id, units, userId: admin.id, now: t.clock.now() }),
      );
    console.log(
      `loadDemoCapital alone: ${Math.round(performance.now() - started)} ms for ${JSON.stringify(made)}`,
    );
    expect(await count()).toEqual(before);
  });
});
