import { sql } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import type { DistrictDashboard, UnitDashboard } from '../../../domain/dashboard/dashboard.schemas.js';
import { chinaToday, monthEnd } from '../../../domain/dates.js';
import { INDUSTRY_SECTIONS } from '../../../domain/enterprises/industry.js';
import { provinceOf } from '../../../domain/enterprises/origin.js';
import {
  CATALOGUE_BY_KEY,
  type Definitions,
  type IndicatorKey,
  type IndicatorValue,
  rateOf,
} from '../../../domain/indicators/catalogue.js';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/organization/organization.schemas.js';
import {
  CHANNEL_LABELS,
  type Channel,
  SOURCE_AREA_LABELS,
  type SourceArea,
} from '../../../domain/projects/project-attributes.js';
import { STAGE_LABELS, STAGES, type Stage } from '../../../domain/projects/stages.js';
import type { Database } from '../../db/database.js';
import { missingReports } from '../bulletins/bulletins.compose.js';
import { cityStandings } from '../city-comparison/city-standing.js';

/** The last whole month at a cut-off (0 when none of the year is whole yet). */
export function cityMonth(cutoff: string): number {
  const [y, m] = cutoff.split('-').map(Number) as [number, number];
  return cutoff === monthEnd(y, m) ? m : m - 1;
}

import {
  computeDistrictMonths,
  type DistrictTotals,
  projectRows,
  sumMonths,
} from '../indicators/indicators.compute.js';
import { commitmentOverdue, problemOverdue, procedureOverdue } from '../landing/overdue.js';
import { overdueSql } from '../leads/leads.service.js';
import {
  computeProgress,
  loadTargets,
  loadYearSettings,
  type ProgressCell,
  type ProgressResult,
} from '../progress/progress.compute.js';
import { scoreProgress } from '../progress/scoring.js';
import { latestPublishedScheme } from '../schemes/schemes.service.js';
import { drillUrl, overdueDrills, qualityDrills, withMonthDrills } from './dashboard.drills.js';
import { dashboardErrors } from './dashboard.errors.js';

// The leaders' view (issue 6). Every target-related figure is read from computeProgress — the function the
// progress page and the bulletin call — so the cards and the leaderboard print the bulletin's digits. The
// funnel, the trend and the breakdowns are grouped SQL over the same row queries as the indicators
// (projectRows / capitalRows of indicators.compute.ts), so they add up to the headline figures under the
// year's 口径. A `drill` is a list page address using only filters the list pages read.

export const HEADLINE_KEYS = [
  'signed_count',
  'signed_amount',
  'funds_in_place',
  'foreign_capital_used',
  'started_count',
  'producing_count',
] as const satisfies readonly IndicatorKey[];

const MAIN_STAGES_NOT_WITHDRAWN: Stage[] = STAGES.filter((s) => s !== 'withdrawn');
const LANDED_PLUS: Stage[] = ['landed', 'started', 'producing'];
const STARTED_PLUS: Stage[] = ['started', 'producing'];

export { drillUrl };

const LANDING_OVERDUE = {
  problems: problemOverdue,
  commitments: commitmentOverdue,
  procedures: procedureOverdue,
};

const pad = (n: number) => String(n).padStart(2, '0');
const isCutoffInYear = (year: number, cutoff: string) => Number(cutoff.slice(0, 4)) === year;

/** The month before today's, as YYYY-MM (capital reports are due for it now). */
const lastMonthOf = (today: string) => {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
};

export interface DashboardQuery {
  year?: number;
  cutoff?: string;
}

interface Caller {
  districtId: string;
  scope: DataScope;
}

interface Base {
  year: number;
  cutoff: string;
  from: string;
  today: string;
  definitions: Definitions;
  goalRank: number;
  /** Signed in the year to the cut-off: `signedFrom`/`signedTo` (and the stages the 口径 counts). */
  signedFilter: Record<string, string | undefined>;
}
interface Context extends Base {
  progress: ProgressResult;
}

export function createDashboardService({ db, now }: { db: Database; now: () => Date }) {
  /**
   * The year's settings, and computeProgress started but not awaited: the parts that do not need it (funnel,
   * trend, breakdowns, city) run next to it instead of after it.
   */
  async function contextOf(
    districtId: string,
    q: DashboardQuery,
  ): Promise<{ base: Base; progress: Promise<ProgressResult> }> {
    const today = chinaToday(now());
    const cutoff = q.cutoff ?? (q.year && q.year !== Number(today.slice(0, 4)) ? `${q.year}-12-31` : today);
    const year = q.year ?? Number(cutoff.slice(0, 4));
    if (!isCutoffInYear(year, cutoff)) throw dashboardErrors.cutoffOutsideYear();
    const [settings, targets] = await Promise.all([
      loadYearSettings(db, districtId, year),
      loadTargets(db, districtId, year),
    ]);
    // No previous-period pass: the dashboard shows neither the period before nor month-on-month.
    const progress = computeProgress(db, {
      districtId,
      year,
      cutoff,
      settings,
      targets,
      previousPeriod: false,
    });
    const from = `${year}-01-01`;
    const base: Base = {
      year,
      cutoff,
      from,
      today,
      definitions: settings.definitions,
      goalRank: settings.goalRank,
      signedFilter: {
        signedFrom: from,
        signedTo: cutoff,
        stage: settings.definitions.excludeWithdrawn ? MAIN_STAGES_NOT_WITHDRAWN.join(',') : undefined,
        // A 口径 that counts industrial projects only lists only those too.
        industrial: settings.definitions.industrialOnly ? 'true' : undefined,
      },
    };
    return { base, progress };
  }

  function headlineOf(
    ctx: Context,
    cells: Record<IndicatorKey, ProgressCell>,
    unitId?: string,
  ): DistrictDashboard['headline'] {
    const started = { startFrom: ctx.from, startTo: ctx.cutoff, unitId };
    return HEADLINE_KEYS.map((key) => {
      const c = cells[key];
      const e = CATALOGUE_BY_KEY[key];
      const drill =
        key === 'signed_count' || key === 'signed_amount'
          ? drillUrl('/projects', { ...ctx.signedFilter, unitId })
          : key === 'started_count'
            ? drillUrl('/projects', started)
            : key === 'producing_count'
              ? drillUrl('/projects', { productionFrom: ctx.from, productionTo: ctx.cutoff, unitId })
              : // Capital figures have no list of their own: the progress page drills them.
                '/assessment/progress';
      return {
        key,
        name: e.name.zh,
        unit: e.unit,
        actual: c.cumulative as string | number,
        target: c.target,
        completion: c.completion,
        timeProgress: ctx.progress.timeProgress,
        ahead: c.ahead,
        doubleHalf: c.doubleHalf,
        yoy: c.yoy,
        drill,
      };
    });
  }

  /** Signed-amount completion of each assessed unit, its band against 序时进度, 白卷, score and rank. */
  async function leaderboardOf(districtId: string, ctx: Context): Promise<DistrictDashboard['leaderboard']> {
    const { progress } = ctx;
    const scheme = await latestPublishedScheme(db, districtId, ctx.year);
    let scores: Map<string, { total: string; rank: number }> | null = null;
    if (scheme) {
      try {
        scores = new Map(
          scoreProgress(progress, { items: scheme.items }).map((s) => [
            s.unitId,
            { total: s.totalExact, rank: s.rank },
          ]),
        );
      } catch {
        // The bulletin's rule: a published scheme the catalogue no longer accepts scores nothing.
        scores = null;
      }
    }
    const isZero = (v: IndicatorValue) => (typeof v === 'object' ? false : Number(v) === 0);
    const rows = progress.units.map((u) => {
      const c = progress.cells[u.id]!;
      const s = c.signed_amount;
      const band: 'ahead' | 'near' | 'behind' | 'none' =
        s.completion === null || s.ahead === null
          ? 'none'
          : Number(s.ahead) >= 0
            ? 'ahead'
            : Number(s.ahead) >= -10
              ? 'near'
              : 'behind';
      return {
        unitId: u.id,
        unitName: u.name,
        group: u.kind,
        completion: s.completion,
        ahead: s.ahead,
        band,
        // 交白卷 as the bulletin names it: nothing signed, started or in place in the cut-off's month.
        blank:
          isZero(c.signed_count.period) && isZero(c.started_count.period) && isZero(c.funds_in_place.period),
        score: scores?.get(u.id)?.total ?? null,
        rank: scores?.get(u.id)?.rank ?? null,
        drill: drillUrl('/projects', { ...ctx.signedFilter, unitId: u.id }),
      };
    });
    const groupOrder = new Map(progress.units.map((u, i) => [u.kind, i]));
    return rows.sort(
      (a, b) =>
        groupOrder.get(a.group)! - groupOrder.get(b.group)! ||
        (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
        Number(b.completion ?? -1) - Number(a.completion ?? -1),
    );
  }

  /** Leads → negotiating → signed → landed → started → producing for the year to the cut-off. */
  async function funnelOf(districtId: string, ctx: Base): Promise<DistrictDashboard['funnel']> {
    const { from, cutoff } = ctx;
    const excludeWithdrawn = ctx.definitions.excludeWithdrawn;
    const median = (expr: string, where: string, table: string) =>
      sql.raw(
        `(select percentile_cont(0.5) within group (order by ${expr}) from ${table} where ${where})::float8`,
      );
    const { rows } = await sql<{
      leads: number;
      leadsConverted: number;
      negotiating: number;
      negotiatingDays: number | null;
      signed: number;
      signedDays: number | null;
      landed: number;
      landedDays: number | null;
      started: number;
      startedDays: number | null;
      producing: number;
      producingDays: number | null;
    }>`
      with p as (
        select pr.id, pr.stage, pr.signing_date, pr.landed_date, pr.start_date, pr.production_date, pr.lead_id,
          (pr.created_at at time zone 'Asia/Shanghai')::date as created_on
        from projects pr where pr.district_id = ${districtId}
      ),
      neg as (
        select p.*, l.received_on from p left join leads l on l.id = p.lead_id
        where p.created_on between ${from}::date and ${cutoff}::date
      ),
      sig as (
        select * from p where p.signing_date between ${from}::date and ${cutoff}::date
          and (${!excludeWithdrawn} or p.stage <> 'withdrawn')
      ),
      lan as (select * from sig where sig.stage = any(${LANDED_PLUS}::text[])),
      sta as (select * from sig where sig.stage = any(${STARTED_PLUS}::text[])),
      pro as (select * from sig where sig.stage = 'producing')
      select
        (select count(*)::int from leads l where l.district_id = ${districtId}
          and l.received_on between ${from}::date and ${cutoff}::date) as leads,
        (select count(*)::int from leads l where l.district_id = ${districtId}
          and l.received_on between ${from}::date and ${cutoff}::date
          and (l.project_id is not null or exists (select 1 from projects x where x.lead_id = l.id)))
          as leads_converted,
        (select count(*)::int from neg) as negotiating,
        ${median('created_on - received_on', 'received_on is not null and created_on >= received_on', 'neg')} as negotiating_days,
        (select count(*)::int from sig) as signed,
        ${median('signing_date - created_on', 'signing_date >= created_on', 'sig')} as signed_days,
        (select count(*)::int from lan) as landed,
        ${median('landed_date - signing_date', 'landed_date >= signing_date', 'lan')} as landed_days,
        (select count(*)::int from sta) as started,
        ${median('start_date - landed_date', 'start_date >= landed_date', 'sta')} as started_days,
        (select count(*)::int from pro) as producing,
        ${median('production_date - start_date', 'production_date >= start_date', 'pro')} as producing_days
    `.execute(db);
    const r = rows[0]!;
    const signed = (stage?: Stage[]) =>
      drillUrl('/projects', {
        ...ctx.signedFilter,
        ...(stage ? { stage: stage.join(',') } : {}),
      });
    const steps: { step: string; name: string; count: number; days: number | null; drill: string }[] = [
      {
        step: 'leads',
        name: '线索',
        count: r.leads,
        days: null,
        drill: drillUrl('/leads', { receivedFrom: from, receivedTo: cutoff }),
      },
      {
        step: 'negotiating',
        name: STAGE_LABELS.negotiating.zh,
        count: r.negotiating,
        days: r.negotiatingDays,
        drill: drillUrl('/projects', { createdFrom: from, createdTo: cutoff }),
      },
      { step: 'signed', name: STAGE_LABELS.signed.zh, count: r.signed, days: r.signedDays, drill: signed() },
      {
        step: 'landed',
        name: STAGE_LABELS.landed.zh,
        count: r.landed,
        days: r.landedDays,
        drill: signed(LANDED_PLUS),
      },
      {
        step: 'started',
        name: STAGE_LABELS.started.zh,
        count: r.started,
        days: r.startedDays,
        drill: signed(STARTED_PLUS),
      },
      {
        step: 'producing',
        name: STAGE_LABELS.producing.zh,
        count: r.producing,
        days: r.producingDays,
        drill: signed(['producing']),
      },
    ];
    return steps.map((s, i) => ({
      step: s.step,
      name: s.name,
      count: s.count,
      // Projects are also entered without a lead, so 在谈 ÷ 线索 could pass 100%: the first conversion is the
      // share of the year's leads that became projects; the later ones are each step ÷ the step before.
      conversion:
        i === 0
          ? null
          : i === 1
            ? rateOf({ numerator: r.leadsConverted, denominator: r.leads })
            : rateOf({ numerator: s.count, denominator: steps[i - 1]!.count }),
      medianDays: s.days === null ? null : Number(s.days),
      drill: s.drill,
    }));
  }

  /**
   * The district's figures per month (YYYY-MM) from last January to the cut-off, under the year's 口径: the
   * capital reports as computeProgress already grouped them (they are not read twice), the projects by the month
   * they were signed / started. The trend draws them; the city comparison sums this year's whole months.
   */
  function monthsOf(districtId: string, ctx: Base, progressP: Promise<ProgressResult>) {
    return computeDistrictMonths(
      db,
      { districtId, from: `${ctx.year - 1}-01-01`, to: ctx.cutoff, definitions: ctx.definitions },
      progressP.then((p) => p.capital),
    );
  }

  /** Signed amount and funds in place per month: this year to the cut-off's month, last year all 12. */
  function trendOf(ctx: Base, months: Map<string, DistrictTotals>): DistrictDashboard['trend'] {
    const cutoffMonth = Number(ctx.cutoff.slice(5, 7));
    const series = (key: 'signed_amount' | 'funds_in_place') => {
      const at = (ym: string) => (months.get(ym)?.[key] as string | undefined) ?? '0';
      return Array.from({ length: 12 }, (_, i) => {
        const m = i + 1;
        return {
          month: m,
          thisYear: m <= cutoffMonth ? at(`${ctx.year}-${pad(m)}`) : null,
          lastYear: at(`${ctx.year - 1}-${pad(m)}`),
        };
      });
    };
    return { signedAmount: series('signed_amount'), fundsInPlace: series('funds_in_place') };
  }

  /** The year's signed projects (to the cut-off, under the 口径) with their attributes, for the breakdowns. */
  async function signedProjects(districtId: string, ctx: Base) {
    const p = { districtId, from: ctx.from, to: ctx.cutoff };
    const { rows } = await sql<{
      id: string;
      amount: string;
      sourceArea: string | null;
      channel: string | null;
      industryDivision: string | null;
      chain: string | null;
      highTech: boolean;
      originRegionCode: string | null;
      originCountry: string | null;
    }>`
      with sp as (
        select r.id, sum(r.amt::bigint) as amount from (${projectRows(p, { ...ctx.definitions, applyCreditShares: false })}) r
        where r.signed group by r.id
      )
      select sp.id, sp.amount::text as amount, pr.source_area, pr.channel, pr.industry_division, pr.chain,
        pr.high_tech, e.origin_region_code, e.origin_country
      from sp join projects pr on pr.id = sp.id left join enterprises e on e.id = pr.enterprise_id`.execute(
      db,
    );
    return rows;
  }

  type SignedRow = Awaited<ReturnType<typeof signedProjects>>[number];

  function breakdown(
    rows: SignedRow[],
    keyOf: (r: SignedRow) => string | null,
    nameOf: (key: string) => string,
    drillOf: (key: string | null) => string,
  ): DistrictDashboard['industries'] {
    const acc = new Map<string | null, { count: number; amount: bigint }>();
    for (const r of rows) {
      const k = keyOf(r);
      const a = acc.get(k) ?? { count: 0, amount: 0n };
      a.count += 1;
      a.amount += BigInt(r.amount);
      acc.set(k, a);
    }
    return [...acc.entries()]
      .map(([k, a]) => ({
        key: k ?? 'unknown',
        name: k === null ? '未填' : nameOf(k),
        count: a.count,
        amount: a.amount.toString(),
        drill: drillOf(k),
      }))
      .sort((a, b) =>
        BigInt(b.amount) > BigInt(a.amount) ? 1 : BigInt(b.amount) < BigInt(a.amount) ? -1 : 0,
      );
  }

  async function overdueOf(
    districtId: string,
    ctx: Base,
    progressP: Promise<ProgressResult>,
    unitId?: string,
  ): Promise<Omit<DistrictDashboard['overdue'], 'drills'>> {
    const today = ctx.today;
    const missingP = progressP.then((progress) =>
      missingReports(
        db,
        districtId,
        unitId ? [unitId] : progress.units.map((u) => u.id),
        [lastMonthOf(today)],
        today,
      ),
    );
    const landing = (table: 'problems' | 'commitments' | 'procedures') =>
      db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('districtId', '=', districtId)
        .where(LANDING_OVERDUE[table]('', today))
        .$if(unitId !== undefined, (q) => q.where('unitId', '=', unitId!))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const [milestones, leads, missing, progress, problems, commitments, procedures] = await Promise.all([
      db
        .selectFrom('milestones')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('districtId', '=', districtId)
        .where('status', '=', 'pending')
        .where('dueDate', '<', today)
        .$if(unitId !== undefined, (q) => q.where('unitId', '=', unitId!))
        .executeTakeFirstOrThrow(),
      sql<{ n: number }>`
        select count(*)::int as n from leads l
        left join district_settings ds on ds.district_id = l.district_id
        where l.district_id = ${districtId} and (${unitId ?? null}::uuid is null or l.unit_id = ${unitId ?? null}::uuid)
          and ${overdueSql('any', today)}`.execute(db),
      missingP,
      progressP,
      landing('problems'),
      landing('commitments'),
      landing('procedures'),
    ]);
    const overdueStart = unitId
      ? progress.cells[unitId]?.projects_overdue_to_start.cumulative
      : progress.district.projects_overdue_to_start.cumulative;
    return {
      milestones: Number(milestones.n),
      projectsNotStarted: Number(overdueStart ?? 0),
      leadsOverdue: leads.rows[0]?.n ?? 0,
      capitalReportsMissing: missing.length,
      problemsOverdue: problems,
      commitmentsOverdue: commitments,
      proceduresOverdue: procedures,
    };
  }

  async function district(caller: Caller, q: DashboardQuery): Promise<DistrictDashboard> {
    if (caller.scope.kind !== 'district') throw dashboardErrors.districtOnly();
    const { districtId } = caller;
    const { base: b, progress: progressP } = await contextOf(districtId, q);
    const monthsP = monthsOf(districtId, b, progressP);
    // The city compares whole months: through the cut-off's month when the cut-off is its last day, else
    // through the month before (the latest the other districts can have figures for); none in January. Our
    // own figure is the sum of this year's months up to it.
    const month = cityMonth(b.cutoff);
    const cityP =
      month === 0
        ? Promise.resolve([])
        : monthsP.then((months) =>
            cityStandings(db, {
              districtId,
              year: b.year,
              month,
              goalRank: b.goalRank,
              ours: sumMonths(months, (ym) => ym >= `${b.year}-01` && ym <= `${b.year}-${pad(month)}`),
            }),
          );
    const [progress, funnel, months, signedRows, overdue, city] = await Promise.all([
      progressP,
      funnelOf(districtId, b),
      monthsP,
      signedProjects(districtId, b),
      overdueOf(districtId, b, progressP),
      cityP,
    ]);
    const trend = trendOf(b, months);
    const ctx: Context = { ...b, progress };
    const leaderboard = await leaderboardOf(districtId, ctx);
    const signedDrill = (extra: Record<string, string>) =>
      drillUrl('/projects', { ...ctx.signedFilter, ...extra });
    const base = drillUrl('/projects', ctx.signedFilter);
    const sectionName = new Map(INDUSTRY_SECTIONS.map((s) => [s.code, s.zh]));

    const d = progress.district;
    const n = signedRows.length;
    const atLeast = (yuan: bigint) => signedRows.filter((r) => BigInt(r.amount) >= yuan).length;
    const avg = d.average_signed_amount.cumulative;
    return {
      year: ctx.year,
      cutoff: ctx.cutoff,
      timeProgress: progress.timeProgress,
      headline: headlineOf(ctx, d),
      funnel,
      trend: withMonthDrills(trend, ctx),
      sources: {
        provinces: breakdown(
          signedRows,
          (r) =>
            r.originCountry
              ? 'abroad'
              : r.originRegionCode
                ? (provinceOf(r.originRegionCode)?.code.slice(0, 2) ?? null)
                : null,
          (k) => (k === 'abroad' ? '境外' : (provinceOf(`${k}0000`)?.name ?? k)),
          (k) => (k === null ? base : signedDrill({ province: k })),
        ),
        areas: breakdown(
          signedRows,
          (r) => r.sourceArea,
          (k) => SOURCE_AREA_LABELS[k as SourceArea]?.zh ?? k,
          (k) => (k === null ? base : signedDrill({ sourceArea: k })),
        ),
        channels: breakdown(
          signedRows,
          (r) => r.channel,
          (k) => CHANNEL_LABELS[k as Channel]?.zh ?? k,
          (k) => (k === null ? base : signedDrill({ channel: k })),
        ),
      },
      industries: breakdown(
        signedRows,
        (r) => r.industryDivision?.slice(0, 1) ?? null,
        (k) => sectionName.get(k) ?? k,
        (k) => (k === null ? base : signedDrill({ industry: k })),
      ),
      chains: breakdown(
        signedRows,
        (r) => r.chain,
        (k) => k,
        (k) => (k === null ? base : signedDrill({ chain: k })),
      ),
      quality: {
        averageSignedAmount: typeof avg === 'object' ? rateOf(avg, 0, false) : null,
        shareOver1Yi: rateOf({ numerator: atLeast(100_000_000n), denominator: n }),
        shareOver10Yi: rateOf({ numerator: atLeast(1_000_000_000n), denominator: n }),
        notableInvestorProjects: Number(d.fortune500_projects.cumulative),
        industrialShare: rateOf({
          numerator: d.industrial_count.cumulative as number,
          denominator: d.signed_count.cumulative as number,
        }),
        highTechShare: rateOf({ numerator: signedRows.filter((r) => r.highTech).length, denominator: n }),
        drills: qualityDrills(ctx.signedFilter, ctx.definitions.notableKinds),
      },
      leaderboard,
      overdue: {
        ...overdue,
        drills: overdueDrills({
          cutoff: ctx.cutoff,
          reportMonth: lastMonthOf(ctx.today),
          excludeWithdrawnStages: ctx.signedFilter.stage,
        }),
      },
      city: city.map((s) => ({
        indicatorKey: s.indicatorKey,
        name: s.name,
        unit: CATALOGUE_BY_KEY[s.indicatorKey as IndicatorKey].unit,
        rank: s.rank,
        of: s.of,
        ahead: s.ahead ? { name: s.ahead.name, gap: s.ahead.gap } : null,
        behind: s.behind ? { name: s.behind.name, gap: s.behind.gap } : null,
      })),
    };
  }

  async function unit(caller: Caller, q: DashboardQuery & { unitId?: string }): Promise<UnitDashboard> {
    const { scope, districtId } = caller;
    let unitId: string;
    if (scope.kind === 'district') {
      if (!q.unitId) throw dashboardErrors.unitNotFound();
      unitId = q.unitId;
    } else if (scope.kind === 'unit' || scope.kind === 'assigned') {
      const own = scope.kind === 'unit' ? scope.unitIds : [scope.unitId];
      unitId = q.unitId ?? own[0]!;
      if (!own.includes(unitId)) throw dashboardErrors.otherUnit();
    } else {
      throw dashboardErrors.otherUnit();
    }
    const { base: b, progress: progressP } = await contextOf(districtId, q);
    const [progress, stageRows, overdue] = await Promise.all([
      progressP,
      db
        .selectFrom('projects')
        .select([
          'stage',
          (eb) => eb.fn.countAll<string>().as('n'),
          sql<string>`coalesce(sum(signed_amount_yuan), 0)::text`.as('amount'),
        ])
        .where('districtId', '=', districtId)
        .where('unitId', '=', unitId)
        .groupBy('stage')
        .execute(),
      overdueOf(districtId, b, progressP, unitId),
    ]);
    const ctx: Context = { ...b, progress };
    const u = progress.units.find((x) => x.id === unitId);
    if (!u) throw dashboardErrors.unitNotFound();
    const leaderboard = await leaderboardOf(districtId, ctx);
    const byStage = new Map(stageRows.map((r) => [r.stage, r]));
    const mine = leaderboard.find((r) => r.unitId === unitId);
    return {
      year: ctx.year,
      cutoff: ctx.cutoff,
      timeProgress: ctx.progress.timeProgress,
      unitId,
      unitName: u.name,
      headline: headlineOf(ctx, ctx.progress.cells[unitId]!, unitId),
      stages: STAGES.map((s) => ({
        key: s,
        name: STAGE_LABELS[s].zh,
        count: Number(byStage.get(s)?.n ?? 0),
        amount: byStage.get(s)?.amount ?? '0',
        drill: drillUrl('/projects', { unitId, stage: s }),
      })),
      overdue: {
        ...overdue,
        drills: overdueDrills({
          cutoff: ctx.cutoff,
          reportMonth: lastMonthOf(ctx.today),
          excludeWithdrawnStages: ctx.signedFilter.stage,
          unitId,
        }),
      },
      rank: {
        rank: mine?.rank ?? null,
        of: leaderboard.filter((r) => r.group === u.kind).length,
        group: UNIT_KIND_LABELS[u.kind as UnitKind]?.zh ?? u.kind,
      },
    };
  }

  return { district, unit };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
