import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DefinitionsInput, type RatioValue, rateOf } from '../../../domain/indicators/catalogue.js';
import {
  buildActivity,
  buildAgreement,
  buildCapitalReport,
  buildDistrict,
  buildEnterprise,
  buildMilestone,
  buildSignedProject,
  buildUnit,
} from '../../test/fixtures.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { districtTotal } from '../progress/progress.compute.js';
import {
  computeDistrictMonths,
  computeDistrictTotals,
  computeIndicatorSpans,
  computeIndicators,
  drillDown,
  sumMonths,
} from './indicators.compute.js';

// One small district worked out by hand. Period: 2026-01-01 … 2026-06-30.
//   (Projects are industrial by default; P2 and P6 are not.)
//   A: P1 signed 01-01 (edge), 1亿 signed / 3亿 planned, industrial, 世界500强, started 03-01
//      P2 signed 06-30 (edge), 5000万, no planned total
//      P3 signed 2025-12-31 (outside), started 02-01 (inside)     P4 signed 07-01 (outside)
//   B: P5 signed 03-15, 1亿, withdrawn
//      P6 signed 04-01, 1亿, co-credit B 6000 / C 4000, started 04-15, producing 05-01
//      P7 signed 05-01, 100000001 元, co-credit B 3333 / C 6667 (the odd 元 goes to C, the larger share)
//   C: only its shares of P6 and P7.   D: nothing at all.
let t: TestApp;
let districtId: string;
const u = { A: '', B: '', C: '', D: '' };
type P = 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'P6' | 'P7';
const p = {} as Record<P, string>;
const r = {} as Record<'R0' | 'R1' | 'R2' | 'R3' | 'R4', string>;
const period = { from: '2026-01-01', to: '2026-06-30' };

async function project(key: P, unitId: string, signingDate: string, set: Record<string, unknown> = {}) {
  const row = await buildSignedProject(t.db, { unitId, signingDate });
  if (Object.keys(set).length > 0) {
    await t.db.updateTable('projects').set(set).where('id', '=', row.id).execute();
  }
  p[key] = row.id;
}

async function report(
  key: 'R0' | 'R1' | 'R2' | 'R3' | 'R4',
  projectId: string,
  month: string,
  set: Record<string, string> = {},
) {
  const row = await buildCapitalReport(t.db, { projectId, month });
  if (Object.keys(set).length > 0) {
    await t.db.updateTable('capitalReports').set(set).where('id', '=', row.id).execute();
  }
  r[key] = row.id;
}

/** The figures of one unit (throws if the unit is missing: every unit of the district must be there). */
async function compute(definitions?: DefinitionsInput) {
  const all = await computeIndicators(t.db, { districtId, ...period, definitions });
  return (unitId: string) => {
    const f = all[unitId];
    if (!f) throw new Error(`no figures for unit ${unitId}`);
    return f;
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  districtId = (await buildDistrict(t.db)).id;
  for (const k of ['A', 'B', 'C', 'D'] as const) u[k] = (await buildUnit(t.db, { districtId })).id;
  const fortune = await buildEnterprise(t.db, { districtId });
  await t.db
    .updateTable('enterprises')
    .set({ kinds: ['fortune500'] })
    .where('id', '=', fortune.id)
    .execute();

  await project('P1', u.A, '2026-01-01', {
    signedAmountYuan: '100000000',
    plannedTotalYuan: '300000000',
    fixedAssetYuan: '200000000',
    industrial: true,
    enterpriseId: fortune.id,
    stage: 'started',
    startDate: '2026-03-01',
  });
  await project('P2', u.A, '2026-06-30', { signedAmountYuan: '50000000', industrial: false });
  await project('P3', u.A, '2025-12-31', { stage: 'started', startDate: '2026-02-01' });
  await project('P4', u.A, '2026-07-01');
  await project('P5', u.B, '2026-03-15', {
    signedAmountYuan: '100000000',
    stage: 'withdrawn',
    stageBeforeHold: 'signed',
    holdReason: '企业退出',
  });
  await project('P6', u.B, '2026-04-01', {
    signedAmountYuan: '100000000',
    industrial: false,
    stage: 'producing',
    startDate: '2026-04-15',
    productionDate: '2026-05-01',
  });
  await project('P7', u.B, '2026-05-01', { signedAmountYuan: '100000001' });
  await t.db
    .insertInto('projectCreditShares')
    .values([
      { projectId: p.P6, unitId: u.B, districtId, basisPoints: 6000 },
      { projectId: p.P6, unitId: u.C, districtId, basisPoints: 4000 },
      { projectId: p.P7, unitId: u.B, districtId, basisPoints: 3333 },
      { projectId: p.P7, unitId: u.C, districtId, basisPoints: 6667 },
    ])
    .execute();

  // Capital: R1 in, R2 after the period, R0 before it, R3 co-credited (odd 元 to B's 6000), R4 withdrawn.
  await report('R1', p.P1, '2026-01', {
    fundsOutOfProvinceYuan: '1000000',
    fundsForeignYuan: '500000',
    completedInvestmentYuan: '800000',
    foreignUsedUsdCents: '12345',
  });
  await report('R2', p.P1, '2026-07');
  await report('R0', p.P3, '2025-12');
  await report('R3', p.P6, '2026-06', { fundsOutOfProvinceYuan: '1000001', completedInvestmentYuan: '0' });
  await report('R4', p.P5, '2026-02');

  await buildActivity(t.db, { projectId: p.P1, kind: 'visit_out', occurredOn: '2026-06-30' });
  await buildActivity(t.db, { projectId: p.P1, kind: 'visit_out', occurredOn: '2026-07-01' });
  await buildActivity(t.db, { projectId: p.P1, kind: 'visit_in', occurredOn: '2026-03-01' });

  const agreement = await buildAgreement(t.db, { projectId: p.P1 });
  await buildMilestone(t.db, { agreementId: agreement.id, dueDate: '2026-03-31', status: 'met' });
  await buildMilestone(t.db, { agreementId: agreement.id, dueDate: '2026-05-01', status: 'missed' });
  await buildMilestone(t.db, { agreementId: agreement.id, dueDate: '2026-04-01', status: 'waived' });
  await buildMilestone(t.db, { agreementId: agreement.id, dueDate: '2026-08-01', status: 'pending' });
});
afterAll(() => t?.close());

describe('computeIndicators', () => {
  it('computes every indicator of a unit from its own records, period edges inclusive', async () => {
    const f = await compute();
    expect(f(u.A)).toEqual({
      signed_count: 2,
      signed_amount: '150000000',
      industrial_count: 1,
      fortune500_projects: 1,
      started_count: 2,
      producing_count: 0,
      funds_in_place: '1500000',
      completed_investment: '800000',
      foreign_capital_used: '12345',
      visits_out: 1,
      milestones_due: 2,
      milestones_met: 1,
      projects_overdue_to_start: 0,
      late_reports: 0,
      fulfilment_rate: { numerator: 1, denominator: 2 },
      start_rate: { numerator: 1, denominator: 2 },
      production_rate: { numerator: 0, denominator: 2 },
      funds_rate: { numerator: '1500000', denominator: '150000000' },
      average_signed_amount: { numerator: '150000000', denominator: 2 },
      referral_leads: 0,
      leader_trips: 0,
    });
    expect(rateOf(f(u.A).fulfilment_rate as RatioValue)).toBe('50.00');
    expect(rateOf(f(u.A).funds_rate as RatioValue)).toBe('1.00');
    expect(rateOf(f(u.A).average_signed_amount as RatioValue, 0, false)).toBe('75000000');
  });

  it('splits a co-credited project by basis points, exactly, the odd 元 to the larger share', async () => {
    const f = await compute();
    // P6 1亿 at 6000/4000 → 6000万 / 4000万; P7 100000001 at 3333/6667 → 33330000 / 66670001.
    expect(f(u.B).signed_amount).toBe('93330000');
    expect(f(u.C).signed_amount).toBe('106670001');
    expect(f(u.B).signed_count).toBe(0.9333);
    expect(f(u.C).signed_count).toBe(1.0667);
    expect(f(u.B).started_count).toBe(0.6);
    expect(f(u.C).producing_count).toBe(0.4);
    // R3: 1000001 at 6000/4000 → 600001 (remainder to B) / 400000.
    expect(f(u.B).funds_in_place).toBe('600001');
    expect(f(u.C).funds_in_place).toBe('400000');

    const whole = await compute({ applyCreditShares: false });
    expect(whole(u.B).signed_amount).toBe('200000001');
    expect(whole(u.B).signed_count).toBe(2);
    expect(whole(u.C).signed_count).toBe(0);
    expect(whole(u.B).funds_in_place).toBe('1000001');
  });

  it('gives the same district totals without the per-unit split (the city comparison path)', async () => {
    for (const definitions of [
      {},
      { applyCreditShares: false },
      { excludeWithdrawn: false, amountBasis: 'planned_total' as const },
    ]) {
      const whole = districtTotal(await computeIndicators(t.db, { districtId, ...period, definitions }));
      const totals = await computeDistrictTotals(t.db, { districtId, ...period, definitions });
      for (const [k, v] of Object.entries(totals))
        expect([k, whole[k as keyof typeof totals]]).toEqual([k, v]);
    }
  });

  it('computes several periods in one pass exactly as each alone (the progress page, bulletin, dashboard)', async () => {
    const spans = [
      period,
      { from: '2026-06-01', to: '2026-06-30' },
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2026-02-15', to: '2026-07-31' },
    ];
    for (const definitions of [{}, { applyCreditShares: false, excludeWithdrawn: false }]) {
      const { figures } = await computeIndicatorSpans(t.db, { districtId, spans, definitions });
      for (const [i, span] of spans.entries()) {
        expect(figures[i]).toEqual(await computeIndicators(t.db, { districtId, ...span, definitions }));
      }
    }
  });

  it('gives the district per month, adding up to its totals, with or without the months already read', async () => {
    for (const definitions of [{}, { excludeWithdrawn: false }]) {
      const wide = { from: '2025-12-01', to: '2026-07-31' };
      const months = await computeDistrictMonths(t.db, { districtId, ...wide, definitions });
      expect([...months.keys()].sort()).toEqual([
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
      ]);
      expect(sumMonths(months)).toEqual(
        await computeDistrictTotals(t.db, { districtId, ...wide, definitions }),
      );
      // The whole months of a shorter period add up to that period's totals (the dashboard's city figure).
      expect(sumMonths(months, (m) => m >= '2026-01' && m <= '2026-06')).toEqual(
        await computeDistrictTotals(t.db, { districtId, ...period, definitions }),
      );
      // Reusing the per-unit capital months computeIndicatorSpans read (co-credit split) changes nothing.
      const { capital } = await computeIndicatorSpans(t.db, { districtId, spans: [wide], definitions });
      expect(await computeDistrictMonths(t.db, { districtId, ...wide, definitions }, capital)).toEqual(
        months,
      );
    }
  });

  it('leaves withdrawn projects and their capital out unless the definition keeps them', async () => {
    expect((await compute())(u.B).funds_in_place).toBe('600001');
    const kept = await compute({ excludeWithdrawn: false });
    expect(kept(u.B).signed_count).toBe(1.9333);
    expect(kept(u.B).signed_amount).toBe('193330000');
    expect(kept(u.B).funds_in_place).toBe('1600001');
  });

  it('applies tiers (inclusive) and the amount basis', async () => {
    const tier = await compute({ minAmountYuan: '100000000' });
    expect(tier(u.A).signed_count).toBe(1);
    expect(tier(u.A).signed_amount).toBe('100000000');
    expect(tier(u.B).signed_count).toBe(0.9333);

    const planned = await compute({ amountBasis: 'planned_total' });
    expect(planned(u.A).signed_count).toBe(2);
    expect(planned(u.A).signed_amount).toBe('300000000');
    const fixedTier = await compute({ amountBasis: 'fixed_asset', minAmountYuan: '150000000' });
    expect(fixedTier(u.A).signed_count).toBe(1);
    expect(fixedTier(u.A).signed_amount).toBe('200000000');
    expect(fixedTier(u.B).signed_count).toBe(0);
  });

  it('filters industrial projects and fund origins', async () => {
    const industrial = await compute({ industrialOnly: true });
    expect(industrial(u.A).signed_count).toBe(1);
    expect(industrial(u.B).funds_in_place).toBe('0');
    const outside = await compute({ fundOrigins: ['out_of_province'] });
    expect(outside(u.A).funds_in_place).toBe('1000000');
    const foreign = await compute({ fundOrigins: ['foreign'] });
    expect(foreign(u.A).funds_in_place).toBe('500000');
  });

  it('gives a unit with no records zeros, and a ratio over zero no rate', async () => {
    const f = await compute();
    expect(f(u.D).signed_count).toBe(0);
    expect(f(u.D).signed_amount).toBe('0');
    expect(rateOf(f(u.D).start_rate as RatioValue)).toBeNull();
    expect(rateOf(f(u.D).average_signed_amount as RatioValue, 0, false)).toBeNull();
    expect(rateOf(f(u.B).fulfilment_rate as RatioValue)).toBeNull();
  });
});

describe('projects overdue to start', () => {
  it('counts a project whose agreed start date has passed by the period end without a start', async () => {
    const agreement = await buildAgreement(t.db, { projectId: p.P2 });
    await buildMilestone(t.db, { agreementId: agreement.id, dueDate: '2026-09-30', status: 'pending' });
    const at = (to: string) => computeIndicators(t.db, { districtId, from: '2026-01-01', to });
    expect((await at('2026-09-29'))[u.A]?.projects_overdue_to_start).toBe(0);
    expect((await at('2026-09-30'))[u.A]?.projects_overdue_to_start).toBe(1);
    const drilled = await drillDown(t.db, {
      districtId,
      from: '2026-01-01',
      to: '2026-09-30',
      unitId: u.A,
      indicator: 'projects_overdue_to_start',
    });
    expect(drilled.rows).toEqual([{ id: p.P2, value: 1 }]);
    // Started by the period end: no longer overdue.
    await t.db.updateTable('projects').set({ startDate: '2026-09-15' }).where('id', '=', p.P2).execute();
    expect((await at('2026-09-30'))[u.A]?.projects_overdue_to_start).toBe(0);
    await t.db.updateTable('projects').set({ startDate: null }).where('id', '=', p.P2).execute();
  });
});

describe('late monthly reports', () => {
  it('counts months first handed in after the due day (China date), not months handed in on time', async () => {
    const submit = (month: string, at: string) =>
      t.db
        .insertInto('capitalSubmissions')
        .values({
          districtId,
          unitId: u.D,
          month,
          status: 'submitted',
          firstSubmittedAt: new Date(at),
          submittedBy: null,
          submittedAt: new Date(at),
        })
        .execute();
    await submit('2026-01-01', '2026-02-10T15:59:00Z'); // 02-10 23:59 in China: on time (due day 10)
    await submit('2026-02-01', '2026-03-10T16:00:00Z'); // 03-11 00:00 in China: late
    await submit('2026-07-01', '2026-09-01T00:00:00Z'); // late, but outside the period
    const f = await compute();
    expect(f(u.D).late_reports).toBe(1);
    const drilled = await drillDown(t.db, { districtId, ...period, unitId: u.D, indicator: 'late_reports' });
    expect(drilled.rows).toEqual([{ id: '2026-02-01', value: 1 }]);
  });
});

describe('drillDown', () => {
  const drill = (unitId: string, indicator: Parameters<typeof drillDown>[1]['indicator']) =>
    drillDown(t.db, { districtId, ...period, unitId, indicator });

  it('opens a figure to the records that make it up, and they add up to it', async () => {
    const f = await compute();
    const amountB = await drill(u.B, 'signed_amount');
    expect(amountB.source).toBe('projects');
    expect(new Set(amountB.rows.map((x) => x.id))).toEqual(new Set([p.P6, p.P7]));
    expect(amountB.rows.reduce((s, x) => s + BigInt(x.value), 0n).toString()).toBe(f(u.B).signed_amount);

    const countC = await drill(u.C, 'signed_count');
    expect(countC.rows.reduce((s, x) => s + Number(x.value) * 10000, 0) / 10000).toBe(f(u.C).signed_count);

    const fundsB = await drill(u.B, 'funds_in_place');
    expect(fundsB).toMatchObject({ source: 'capital_reports', rows: [{ id: r.R3, value: '600001' }] });

    const visits = await drill(u.A, 'visits_out');
    expect(visits.rows).toHaveLength(1);
    const met = await drill(u.A, 'milestones_met');
    expect(met.rows).toHaveLength(1);
  });

  it('opens a ratio to both of its sides', async () => {
    const rate = await drill(u.A, 'start_rate');
    expect(rate.numerator?.rows.map((x) => x.id)).toEqual([p.P1]);
    expect(new Set(rate.denominator?.rows.map((x) => x.id))).toEqual(new Set([p.P1, p.P2]));
    const started = await drill(u.A, 'started_count');
    expect(new Set(started.rows.map((x) => x.id))).toEqual(new Set([p.P1, p.P3]));
  });
});
