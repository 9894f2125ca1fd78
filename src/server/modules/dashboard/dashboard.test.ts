import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictDashboard, UnitDashboard } from '../../../domain/dashboard/dashboard.schemas.js';
import {
  buildAgreement,
  buildCapitalReport,
  buildCommitment,
  buildDepartment,
  buildDistrict,
  buildEnterprise,
  buildLead,
  buildMilestone,
  buildProblem,
  buildProcedure,
  buildSignedProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp } from '../../test/test-app.js';
import { composeSnapshot } from '../bulletins/bulletins.compose.js';
import { computeDistrictTotals } from '../indicators/indicators.compute.js';
import { loadYearSettings } from '../progress/progress.compute.js';

// A district worked out by hand; the dashboard of 2026 through 2026-10-31, asked on 2026-11-28.
//   Leads received in 2026: L1 01-10, L2 02-01, L3 03-01 (L0 2025-12-01 is last year's) → 3
//   Projects (entered → signed → landed → started → producing), signed amounts:
//     A  T1  lead L1, entered 01-20, signed 03-01 2亿, landed 04-01, started 05-01, producing 09-01
//     B  T1  lead L2, entered 02-11, signed 04-10 5000万, landed 06-10 (stage landed)
//     C  T2  entered 05-01, signed 06-01 12亿 (stage signed), overseas
//     D  T2  entered 06-01, still negotiating
//     E  D1  entered 2025-03-01, signed 02-01 1亿, landed 03-01, started 07-01 (stage started)
//     W  T2  entered 02-01, signed 03-01 3亿, withdrawn (the default 口径 leaves it out)
//     F  T1  entered 11-05, signed 11-10: after the cut-off
//     G  T1  entered 2025-01-05, signed 2025-05-05 4亿: last year
// Funnel: leads 3 → negotiating (entered in 2026 to the cut-off: A B C D W) 5 → signed (A B C E) 4 → landed
// (A B E) 3 → started (A E) 2 → producing (A) 1. Conversions 166.67%, 80.00%, 75.00%, 66.67%, 50.00%.
// Median days: lead→entered A 10, B 10 → 10; entered→signed A 40, B 58, C 31, E 337 → 49; signed→landed
// A 31, B 61, E 28 → 31; landed→started A 30, E 122 → 76; started→producing A 123 → 123.
// Signed amount 2026: 15.5亿 (Feb 1亿, Mar 2亿, Apr 0.5亿, Jun 12亿); 2025: May 4亿.
let t: TestApp;
let districtId: string;
const u = { T1: '', T2: '', D1: '', C: '' };
let center: Session;
let town: Session;
let dash: DistrictDashboard;

const at = (d: string) => new Date(`${d}T04:00:00Z`);

async function project(
  unitId: string,
  o: {
    created: string;
    signed?: string;
    amount?: string;
    stage: string;
    landed?: string;
    started?: string;
    producing?: string;
    leadId?: string;
    set?: Record<string, unknown>;
  },
) {
  const row = await buildSignedProject(t.db, { unitId, signingDate: o.signed ?? '2026-01-01' });
  await t.db
    .updateTable('projects')
    .set({
      createdAt: at(o.created),
      stage: o.stage,
      signingDate: o.signed ?? null,
      signedAmountYuan: o.amount ?? null,
      agreementType: o.signed ? 'formal' : null,
      landedDate: o.landed ?? null,
      startDate: o.started ?? null,
      productionDate: o.producing ?? null,
      leadId: o.leadId ?? null,
      ...o.set,
    })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

async function lead(unitId: string, receivedOn: string) {
  const l = await buildLead(t.db, { unitId });
  await t.db.updateTable('leads').set({ receivedOn }).where('id', '=', l.id).execute();
  return l.id;
}

async function target(unitId: string | null, key: string, annual: string) {
  await t.db
    .insertInto('targets')
    .values({ districtId, year: 2026, unitId, indicatorKey: key, annual, updatedAt: new Date() })
    .execute();
}

const Q = 'year=2026&cutoff=2026-10-31';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  districtId = (await buildDistrict(t.db)).id;
  u.T1 = (await buildUnit(t.db, { districtId, name: 'T1镇', kind: 'town' })).id;
  u.T2 = (await buildUnit(t.db, { districtId, name: 'T2镇', kind: 'town' })).id;
  u.D1 = (await buildUnit(t.db, { districtId, name: 'D1局', kind: 'department' })).id;
  u.C = (await buildUnit(t.db, { districtId, name: '投促中心', kind: 'center' })).id;

  const L1 = await lead(u.T1, '2026-01-10');
  const L2 = await lead(u.T1, '2026-02-01');
  await lead(u.T2, '2026-03-01');
  await lead(u.T2, '2025-12-01');

  const A = await project(u.T1, {
    created: '2026-01-20',
    signed: '2026-03-01',
    amount: '200000000',
    stage: 'producing',
    landed: '2026-04-01',
    started: '2026-05-01',
    producing: '2026-09-01',
    leadId: L1,
    set: { sourceArea: 'yangtze_delta', channel: 'targeted', industryDivision: 'C33', chain: '新能源' },
  });
  await project(u.T1, {
    created: '2026-02-11',
    signed: '2026-04-10',
    amount: '50000000',
    stage: 'landed',
    landed: '2026-06-10',
    leadId: L2,
    set: { sourceArea: 'yangtze_delta', channel: 'event', industryDivision: 'C38', highTech: true },
  });
  await project(u.T2, {
    created: '2026-05-01',
    signed: '2026-06-01',
    amount: '1200000000',
    stage: 'signed',
    set: { sourceArea: 'overseas', industryDivision: 'I65' },
  });
  await project(u.T2, { created: '2026-06-01', stage: 'negotiating' });
  await project(u.D1, {
    created: '2025-03-01',
    signed: '2026-02-01',
    amount: '100000000',
    stage: 'started',
    landed: '2026-03-01',
    started: '2026-07-01',
  });
  await project(u.T2, {
    created: '2026-02-01',
    signed: '2026-03-01',
    amount: '300000000',
    stage: 'withdrawn',
    set: { stageBeforeHold: 'signed' },
  });
  await project(u.T1, { created: '2026-11-05', signed: '2026-11-10', amount: '70000000', stage: 'signed' });
  await project(u.T1, { created: '2025-01-05', signed: '2025-05-05', amount: '400000000', stage: 'signed' });
  await buildCapitalReport(t.db, { projectId: A, month: '2026-10' });
  await buildCapitalReport(t.db, { projectId: A, month: '2025-07' });

  await target(null, 'signed_amount', '3000000000');
  await target(null, 'signed_count', '10');
  await target(u.T1, 'signed_amount', '500000000');
  await target(u.T2, 'signed_amount', '1000000000');
  await target(u.D1, 'signed_amount', '200000000');

  center = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: u.C, roles: ['center_admin'] })).id,
    t.clock.now(),
  );
  town = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: u.T1, roles: ['unit_reporter'] })).id,
    t.clock.now(),
  );
  const res = await call(t.app, center, 'GET', `/api/dashboard?${Q}`);
  expect(res.statusCode, res.body).toBe(200);
  dash = res.json();
});

afterAll(async () => {
  await t?.close();
});

describe('the district dashboard', () => {
  it('prints the bulletin’s figures for the same period and data', async () => {
    const { snapshot } = await composeSnapshot(t.db, {
      districtId,
      kind: 'month',
      year: 2026,
      period: 10,
      version: 1,
      reason: null,
      issuedOn: '2026-11-28',
    });
    expect(dash.timeProgress).toBe(snapshot.timeProgress);
    const compared = snapshot.indicators.filter((i) => dash.headline.some((h) => h.key === i.key));
    expect(compared.map((i) => i.key).sort()).toEqual(['signed_amount', 'signed_count']);
    for (const table of compared) {
      const h = dash.headline.find((x) => x.key === table.key)!;
      expect(Number(h.actual), table.key).toBe(Number(table.district.cumulative));
      expect(h.target === null ? null : Number(h.target), table.key).toBe(
        table.district.target === null ? null : Number(table.district.target),
      );
      expect(h.completion, table.key).toBe(table.district.completion);
      expect(h.ahead, table.key).toBe(table.district.ahead);
      expect(h.yoy, table.key).toBe(table.district.yoy);
    }
    const amount = dash.headline.find((h) => h.key === 'signed_amount')!;
    expect(amount.actual).toBe('1550000000');
    expect(amount.completion).toBe('51.67');
    // The leaderboard's completions are the bulletin's signed-amount rows; 交白卷 names the same units.
    const rows = snapshot.indicators.find((i) => i.key === 'signed_amount')!.rows;
    for (const r of rows) {
      expect(dash.leaderboard.find((l) => l.unitId === r.unitId)?.completion).toBe(r.completion);
    }
    expect(
      dash.leaderboard
        .filter((l) => l.blank)
        .map((l) => l.unitId)
        .sort(),
    ).toEqual([...snapshot.blankUnits].sort());
    expect(dash.leaderboard.find((l) => l.unitId === u.T1)).toMatchObject({
      completion: '50.00',
      band: 'behind',
      blank: false,
    });
    expect(dash.leaderboard.find((l) => l.unitId === u.C)).toBeUndefined();
  });

  it('counts the funnel with conversions and median days, as worked out by hand', () => {
    expect(dash.funnel.map((s) => [s.step, s.count, s.conversion, s.medianDays])).toEqual([
      ['leads', 3, null, null],
      // 2 of the year's 3 leads (L1, L2) became projects; 5 projects were entered, 3 of them without a lead.
      ['negotiating', 5, '66.67', 10],
      ['signed', 4, '80.00', 49],
      ['landed', 3, '75.00', 31],
      ['started', 2, '66.67', 76],
      ['producing', 1, '50.00', 123],
    ]);
  });

  it('opens, from each funnel step and breakdown, a list of exactly the records counted', async () => {
    const total = async (drill: string) => {
      const [path, query = ''] = drill.split('?');
      const res = await call(t.app, center, 'GET', `/api${path}?${query}&pageSize=200`);
      expect(res.statusCode, `${drill} → ${res.body.slice(0, 200)}`).toBe(200);
      return (res.json() as { total: number }).total;
    };
    for (const step of dash.funnel) expect(await total(step.drill), step.step).toBe(step.count);
    for (const b of [...dash.sources.areas, ...dash.sources.channels, ...dash.industries, ...dash.chains]) {
      if (b.key === 'unknown') continue;
      expect(await total(b.drill), `${b.key} ${b.drill}`).toBe(b.count);
    }
    expect(dash.sources.areas.find((a) => a.key === 'yangtze_delta')).toMatchObject({
      count: 2,
      amount: '250000000',
    });
    expect(await total(dash.headline.find((h) => h.key === 'signed_count')!.drill)).toBe(4);
    for (const l of dash.leaderboard) {
      const signedCount = (
        await call(t.app, center, 'GET', `/api/dashboard/unit?${Q}&unitId=${l.unitId}`)
      ).json().headline[0].actual;
      expect(await total(l.drill), l.unitName).toBe(signedCount);
    }
  });

  it('draws the monthly trend from the same rows as the indicators (its year adds up to their figure)', async () => {
    const signed = dash.trend.signedAmount;
    expect(signed.map((p) => p.thisYear)).toEqual([
      '0',
      '100000000',
      '200000000',
      '50000000',
      '0',
      '1200000000',
      '0',
      '0',
      '0',
      '0',
      null,
      null,
    ]);
    expect(signed[4]!.lastYear).toBe('400000000');
    const { definitions } = await loadYearSettings(t.db, districtId, 2026);
    const sum = (xs: (string | null)[]) => xs.reduce((s, x) => s + BigInt(x ?? 0), 0n).toString();
    const thisYear = await computeDistrictTotals(t.db, {
      districtId,
      from: '2026-01-01',
      to: '2026-10-31',
      definitions,
    });
    const lastYear = await computeDistrictTotals(t.db, {
      districtId,
      from: '2025-01-01',
      to: '2025-12-31',
      definitions,
    });
    expect(sum(signed.map((p) => p.thisYear))).toBe(thisYear.signed_amount);
    expect(sum(signed.map((p) => p.lastYear))).toBe(lastYear.signed_amount);
    const funds = dash.trend.fundsInPlace;
    expect(sum(funds.map((p) => p.thisYear))).toBe(thisYear.funds_in_place);
    expect(sum(funds.map((p) => p.lastYear))).toBe(lastYear.funds_in_place);
    expect(funds[9]!.thisYear).toBe('1000000');
  });

  it('measures quality over the year’s signed projects', () => {
    expect(dash.quality).toMatchObject({
      averageSignedAmount: '387500000',
      shareOver1Yi: '75.00',
      shareOver10Yi: '25.00',
      highTechShare: '25.00',
    });
    expect(dash.industries.map((i) => [i.key, i.count])).toEqual([
      ['I', 1],
      ['C', 2],
      ['unknown', 1],
    ]);
  });
});

describe('who reads which dashboard', () => {
  it('refuses the district view to a town and points it at its unit’s view', async () => {
    const res = await call(t.app, town, 'GET', `/api/dashboard?${Q}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('dashboard.district_only');
  });

  it('gives a town its own unit, and not another unit', async () => {
    const own = await call(t.app, town, 'GET', `/api/dashboard/unit?${Q}`);
    expect(own.statusCode, own.body).toBe(200);
    const body = own.json() as UnitDashboard;
    expect(body.unitId).toBe(u.T1);
    expect(body.headline.find((h) => h.key === 'signed_amount')).toMatchObject({
      actual: '250000000',
      completion: '50.00',
    });
    expect(body.stages.find((s) => s.key === 'signed')?.count).toBe(2);
    const other = await call(t.app, town, 'GET', `/api/dashboard/unit?${Q}&unitId=${u.T2}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('dashboard.other_unit');
  });

  it('lets the center read any unit’s view', async () => {
    const res = await call(t.app, center, 'GET', `/api/dashboard/unit?${Q}&unitId=${u.T2}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as UnitDashboard).unitName).toBe('T2镇');
  });
});

describe('every figure opens the records behind it', () => {
  const list = async (drill: string) => {
    const [path, query = ''] = drill.split('?');
    const res = await call(t.app, center, 'GET', `/api${path}?${query}${query ? '&' : ''}pageSize=200`);
    expect(res.statusCode, `${drill} → ${res.body.slice(0, 200)}`).toBe(200);
    return res.json() as { total: number; items: { id: string; signedAmountYuan: string | null }[] };
  };
  const idOf = async (amount: string) =>
    (
      await t.db
        .selectFrom('projects')
        .select('id')
        .where('districtId', '=', districtId)
        .where('signedAmountYuan', '=', amount)
        .where('signingDate', '>=', '2026-01-01')
        .executeTakeFirstOrThrow()
    ).id;
  let fresh: DistrictDashboard;

  beforeAll(async () => {
    // Investors: A (2亿) from 苏州 (江苏 32), B (5000万) from 上海 (31), C (12亿) from abroad; E has none.
    const origins: [string, { originRegionCode?: string; originCountry?: string }][] = [
      ['200000000', { originRegionCode: '320500' }],
      ['50000000', { originRegionCode: '310000' }],
      ['1200000000', { originCountry: 'US' }],
    ];
    for (const [amount, origin] of origins) {
      const e = await buildEnterprise(t.db, { districtId });
      await t.db.updateTable('enterprises').set(origin).where('id', '=', e.id).execute();
      await t.db
        .updateTable('projects')
        .set({ enterpriseId: e.id })
        .where('id', '=', await idOf(amount))
        .execute();
    }
    // Start commitments: B's was due 09-30 and it has not started (overdue to start); A's was due 04-15 and
    // still pending, but A started 05-01 (an overdue milestone, not a project overdue to start).
    for (const [amount, due] of [
      ['50000000', '2026-09-30'],
      ['200000000', '2026-04-15'],
    ] as const) {
      const a = await buildAgreement(t.db, { projectId: await idOf(amount) });
      await buildMilestone(t.db, { agreementId: a.id, dueDate: due });
    }
    const res = await call(t.app, center, 'GET', `/api/dashboard?${Q}`);
    expect(res.statusCode, res.body).toBe(200);
    fresh = res.json();
  });

  it('opens a province of the map on exactly its investors’ signed projects', async () => {
    expect(fresh.sources.provinces.map((p) => [p.key, p.name, p.count])).toEqual([
      ['abroad', '境外', 1],
      ['32', '江苏省', 1],
      ['unknown', '未填', 1],
      ['31', '上海市', 1],
    ]);
    for (const p of fresh.sources.provinces) {
      if (p.key === 'unknown') continue;
      const l = await list(p.drill);
      expect(l.total, p.drill).toBe(p.count);
      expect(l.items.reduce((s, i) => s + BigInt(i.signedAmountYuan ?? 0), 0n).toString()).toBe(p.amount);
    }
    expect(fresh.sources.provinces.find((p) => p.key === '32')!.drill).toContain('province=32');
  });

  it('opens each quality figure on the signed projects it counts', async () => {
    const q = fresh.quality;
    const signed = (await list(q.drills.averageSignedAmount)).total;
    expect(signed).toBe(4);
    const share = async (drill: string) => ((await list(drill)).total / signed) * 100;
    expect((await share(q.drills.over1Yi)).toFixed(2)).toBe(q.shareOver1Yi);
    expect((await share(q.drills.over10Yi)).toFixed(2)).toBe(q.shareOver10Yi);
    expect((await share(q.drills.industrial)).toFixed(2)).toBe(q.industrialShare);
    expect((await share(q.drills.highTech)).toFixed(2)).toBe(q.highTechShare);
    expect((await list(q.drills.notable)).total).toBe(q.notableInvestorProjects);
  });

  it('opens a month of the trend on that month’s signed projects', async () => {
    const months = fresh.trend.signedAmount.filter((p) => p.thisYear !== null);
    expect(months).toHaveLength(10);
    for (const p of months) {
      const l = await list(p.drill!);
      expect(l.items.reduce((s, i) => s + BigInt(i.signedAmountYuan ?? 0), 0n).toString(), `${p.month}`).toBe(
        p.thisYear,
      );
    }
    expect(fresh.trend.signedAmount[10]!.drill).toBeUndefined();
  });

  it('opens the overdue counts and the producing card on the lists they count', async () => {
    const o = fresh.overdue;
    expect(o.projectsNotStarted).toBe(1);
    const notStarted = await list(o.drills.projectsNotStarted);
    expect(notStarted.total).toBe(1);
    expect(notStarted.items[0]!.id).toBe(await idOf('50000000'));
    expect(o.milestones).toBe(2);
    const milestones = await call(t.app, center, 'GET', `/api${o.drills.milestones}`);
    expect(milestones.json()).toHaveLength(o.milestones);
    expect((await list(o.drills.leadsOverdue)).total).toBe(o.leadsOverdue);
    const producing = fresh.headline.find((h) => h.key === 'producing_count')!;
    expect((await list(producing.drill)).total).toBe(producing.actual);
    expect(producing.actual).toBe(1);

    const unit = (
      await call(t.app, center, 'GET', `/api/dashboard/unit?${Q}&unitId=${u.T1}`)
    ).json() as UnitDashboard;
    expect((await list(unit.overdue.drills.projectsNotStarted)).total).toBe(unit.overdue.projectsNotStarted);
    expect((await list(unit.overdue.drills.leadsOverdue)).total).toBe(unit.overdue.leadsOverdue);
    // Missing capital reports are counted for last month (today is 2026-11-28): the capital page opens on it.
    expect(o.drills.capitalReportsMissing).toBe('/capital?month=2026-10');
    expect(unit.overdue.drills.capitalReportsMissing).toBe(`/capital?month=2026-10&unitId=${u.T1}`);
  });

  it('counts overdue problems, commitments and procedures as their lists’ overdue filters do', async () => {
    // Today is 2026-11-28: due 11-27 is overdue, due today is not, closed / fulfilled / done rows never are.
    const dept = (await buildDepartment(t.db, { districtId })).id;
    const [a, c] = [await idOf('200000000'), await idOf('1200000000')]; // A in T1, C in T2
    await buildProblem(t.db, { projectId: a, departmentUnitId: dept, deadline: '2026-11-27' });
    await buildProblem(t.db, { projectId: c, departmentUnitId: dept, deadline: '2026-11-01' });
    await buildProblem(t.db, { projectId: a, departmentUnitId: dept, deadline: '2026-11-28' });
    const closed = await buildProblem(t.db, { projectId: a, departmentUnitId: dept, deadline: '2026-11-01' });
    await t.db.updateTable('problems').set({ status: 'closed' }).where('id', '=', closed.id).execute();
    await buildCommitment(t.db, { projectId: a, departmentUnitId: dept, dueOn: '2026-11-27' });
    await buildCommitment(t.db, { projectId: c, departmentUnitId: dept, dueOn: '2026-12-01' });
    const kept = await buildCommitment(t.db, { projectId: c, departmentUnitId: dept, dueOn: '2026-10-01' });
    await t.db
      .updateTable('commitments')
      .set({ status: 'fulfilled', fulfilledOn: '2026-10-01', evidence: '已拨付' })
      .where('id', '=', kept.id)
      .execute();
    await buildProcedure(t.db, { projectId: a, departmentUnitId: dept, plannedOn: '2026-11-01' });
    await buildProcedure(t.db, { projectId: c, plannedOn: '2026-11-20' });
    const done = await buildProcedure(t.db, { projectId: c, plannedOn: '2026-11-01' });
    await t.db
      .updateTable('procedures')
      .set({ status: 'done', doneOn: '2026-11-02' })
      .where('id', '=', done.id)
      .execute();

    const d = (await call(t.app, center, 'GET', `/api/dashboard?${Q}`)).json() as DistrictDashboard;
    expect([d.overdue.problemsOverdue, d.overdue.commitmentsOverdue, d.overdue.proceduresOverdue]).toEqual([
      2, 1, 2,
    ]);
    const unit = (
      await call(t.app, center, 'GET', `/api/dashboard/unit?${Q}&unitId=${u.T1}`)
    ).json() as UnitDashboard;
    expect([
      unit.overdue.problemsOverdue,
      unit.overdue.commitmentsOverdue,
      unit.overdue.proceduresOverdue,
    ]).toEqual([1, 1, 1]);
    expect(unit.overdue.drills.problemsOverdue).toBe(`/landing/problems?overdue=true&unitId=${u.T1}`);
    // The pages /landing/x read the API /api/x with the same query.
    const api = (drill: string) => list(drill.replace(/^\/landing/, ''));
    for (const o of [d.overdue, unit.overdue]) {
      expect((await api(o.drills.problemsOverdue)).total).toBe(o.problemsOverdue);
      expect((await api(o.drills.commitmentsOverdue)).total).toBe(o.commitmentsOverdue);
      expect((await api(o.drills.proceduresOverdue)).total).toBe(o.proceduresOverdue);
    }
  });

  it('under an industrial-only 口径, the signed figures open only the industrial projects they count', async () => {
    const before = await t.db
      .selectFrom('assessmentYears')
      .selectAll()
      .where('districtId', '=', districtId)
      .where('year', '=', 2026)
      .executeTakeFirst();
    // One of the year's signed projects (A, 2亿) is not industrial.
    await t.db
      .updateTable('projects')
      .set({ industrial: false })
      .where('id', '=', await idOf('200000000'))
      .execute();
    await t.db
      .insertInto('assessmentYears')
      .values({
        districtId,
        year: 2026,
        definitions: JSON.stringify({ ...(before?.definitions ?? {}), industrialOnly: true }),
        updatedBy: null,
        updatedAt: new Date(),
      })
      .onConflict((oc) =>
        oc.columns(['districtId', 'year']).doUpdateSet({
          definitions: JSON.stringify({ ...(before?.definitions ?? {}), industrialOnly: true }),
        }),
      )
      .execute();
    try {
      const d = (await call(t.app, center, 'GET', `/api/dashboard?${Q}`)).json() as DistrictDashboard;
      for (const key of ['signed_count', 'signed_amount'] as const) {
        const h = d.headline.find((x) => x.key === key)!;
        expect(new URL(h.drill, 'http://x').searchParams.get('industrial'), key).toBe('true');
        const rows = await list(h.drill);
        if (key === 'signed_count') expect(rows.total).toBe(Number(h.actual));
        else expect(sumYuan(rows.items.map((i) => i.signedAmountYuan ?? '0'))).toBe(h.actual);
        expect(rows.items.map((i) => i.id)).not.toContain(await idOf('200000000'));
      }
    } finally {
      await t.db
        .updateTable('projects')
        .set({ industrial: true })
        .where('id', '=', await idOf('200000000'))
        .execute();
      if (before) {
        await t.db
          .updateTable('assessmentYears')
          .set({ definitions: JSON.stringify(before.definitions) })
          .where('districtId', '=', districtId)
          .where('year', '=', 2026)
          .execute();
      } else {
        await t.db
          .deleteFrom('assessmentYears')
          .where('districtId', '=', districtId)
          .where('year', '=', 2026)
          .execute();
      }
    }
  });
});

const sumYuan = (xs: string[]) => xs.reduce((a, b) => a + BigInt(b), 0n).toString();
