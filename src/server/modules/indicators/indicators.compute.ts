import { type RawBuilder, sql } from 'kysely';
import { DEFAULT_CAPITAL_DUE_DAY } from '../../../domain/capital/capital.rules.js';
import {
  CATALOGUE_BY_KEY,
  type Definitions,
  type DefinitionsInput,
  definitionsSchema,
  INDICATOR_KEYS,
  type IndicatorKey,
  type IndicatorSource,
  type IndicatorValue,
} from '../../../domain/indicators/catalogue.js';
import type { Database } from '../../db/database.js';

// The ONE computation path for indicator figures (issue 4 item 1): the bulletin, the dashboard, the assessment
// and the API all read figures from here, so a number is the same wherever it is shown.
//
// One set-based query per source family (projects, capital reports, activities, milestones). Each family is a
// row-level query — one row per (record, credited unit) with that unit's share — wrapped either in a GROUP BY
// unit (computeIndicators) or filtered to one unit and indicator (drillDown). Both read the same rows, so the
// records of a drill-down always add up to the figure.
//
// Co-credit. A project with rows in project_credit_shares is credited to those units by basis points (the
// rows sum to 10000); otherwise (or with applyCreditShares off) 10000 to its own unit. Counts are Σ bp ÷ 10000
// (a project shared 6000/4000 counts 0.6 and 0.4). Money is integer arithmetic: each unit gets
// floor(amount × bp ÷ 10000) and the remainder (amount − Σ floors, less than one 元 per unit) goes to the
// unit with the largest share (ties: the smaller unit id), so the shares of a project add up to it exactly.
// Capital reports of a co-credited project are split the same way by that project's shares.

export interface ComputeParams {
  districtId: string;
  /** ISO dates, both inclusive. Capital reports count by month: every month that starts in [from's month, to]. */
  from: string;
  to: string;
  definitions?: DefinitionsInput;
}

export type UnitFigures = Record<IndicatorKey, IndicatorValue>;

export interface DrillRow {
  id: string;
  /** This unit's share of the record: a count (fraction of 1) or an integer money string. */
  value: string | number;
}
export interface DrillDown {
  indicator: IndicatorKey;
  source: IndicatorSource;
  rows: DrillRow[];
  /** Ratios: the records of each side. */
  numerator?: DrillDown;
  denominator?: DrillDown;
}

const bpCount = (bp: string | number | null) => Number(bp ?? 0) / 10000;

/**
 * Allocation of an integer column among a project's credited units (see the header); needs rn and bp. Only
 * co-credited records go through this window (its sort is the expensive part at city scale); the others are
 * 10000 bp to their own unit and are appended with UNION ALL unchanged.
 */
function share(col: string): RawBuilder<string> {
  const c = sql.raw(col);
  return sql<string>`((${c} * c.bp) / 10000 + case when c.rn = 1 then ${c} - sum((${c} * c.bp) / 10000) over (partition by c.id) else 0 end)`;
}

// ---------------------------------------------------------------- projects

/** A period to compute, both days inclusive (see ComputeParams). */
export interface Span {
  from: string;
  to: string;
}

/**
 * What a project row (alias `c`, see projectBase) counts for in [f, t]: THE definition of the project
 * indicators' membership, used by the row query of one period (drill-downs) and by the per-unit sums of
 * several periods in one pass (computeIndicatorSpans).
 */
function judged(f: string, t: string) {
  const from = sql`${f}::date`;
  const to = sql`${t}::date`;
  return {
    signed: sql`(c.signing_date between ${from} and ${to})`,
    startedIn: sql`coalesce(c.start_date between ${from} and ${to}, false)`,
    producingIn: sql`coalesce(c.production_date between ${from} and ${to}, false)`,
    signedStarted: sql`coalesce(c.start_date <= ${to}, false)`,
    signedProduced: sql`coalesce(c.production_date <= ${to}, false)`,
  };
}

/**
 * One row per (project, credited unit) under the 口径, with its share and its dates; `notable` (the investor is
 * one of the 口径's notable kinds) is looked up for the projects signed within `signedWithin` only, the only
 * ones it counts for (a few thousand lookups by key instead of scanning every enterprise of the city).
 * Money comes out as bigint and dates as dates: at city scale the text round trips were a third of the time.
 */
function projectBase(districtId: string, d: Definitions, signedWithin: Span) {
  const basis = sql.raw(
    d.amountBasis === 'planned_total'
      ? 'pr.planned_total_yuan'
      : d.amountBasis === 'fixed_asset'
        ? 'pr.fixed_asset_yuan'
        : 'pr.signed_amount_yuan',
  );
  const amount = d.capitalIncreaseIncrementOnly
    ? sql`(case when pr.capital_increase then coalesce(pr.increment_yuan, 0) else ${basis} end)`
    : basis;
  return sql`
    with p as (
      select pr.id, pr.unit_id, pr.industrial, pr.signing_date, pr.start_date, pr.production_date,
        coalesce(${amount}, 0) as amt, pr.enterprise_id,
        (${d.applyCreditShares} and pr.id in (select s.project_id from project_credit_shares s)) as shared
      from projects pr
      where pr.district_id = ${districtId}
        and (${!d.excludeWithdrawn} or pr.stage <> 'withdrawn')
        and (${!d.industrialOnly} or pr.industrial)
        and (${d.minAmountYuan}::bigint is null or ${amount} >= ${d.minAmountYuan}::bigint)
    ),
    c as (
      select p.*, s.unit_id as credit_unit, s.basis_points as bp,
        row_number() over (partition by p.id order by s.basis_points desc, s.unit_id) as rn
      from p join project_credit_shares s on s.project_id = p.id
      where p.shared
    ),
    c2 as (
      select c.*, ${share('c.amt')} as amt_share from c
      union all
      select p.*, p.unit_id, 10000, 1::bigint, p.amt from p where not p.shared
    )
    select c.id, c.credit_unit as unit_id, c.bp, c.amt_share::bigint as amt, c.industrial,
      (case when ${judged(signedWithin.from, signedWithin.to).signed}
        then coalesce((select e.kinds && ${d.notableKinds}::text[] from enterprises e where e.id = c.enterprise_id), false)
        else false end) as notable,
      c.signing_date, c.start_date, c.production_date
    from c2 c`;
}

/**
 * One row per (project, credited unit) with what it counts for in [from, to]. Exported for the dashboard's
 * breakdowns and monthly figures: the same rows, grouped otherwise.
 */
export function projectRows(p: ComputeParams, d: Definitions) {
  const j = judged(p.from, p.to);
  return sql<{
    id: string;
    unitId: string;
    bp: number;
    amt: string;
    signed: boolean;
    industrial: boolean;
    /** Judged for signed rows only (see projectBase). */
    notable: boolean;
    startedIn: boolean;
    producingIn: boolean;
    signedStarted: boolean;
    signedProduced: boolean;
    signingDate: string | null;
    startDate: string | null;
  }>`
    select c.id, c.unit_id, c.bp, c.amt, ${j.signed} as signed, c.industrial, c.notable,
      ${j.startedIn} as started_in, ${j.producingIn} as producing_in, ${j.signedStarted} as signed_started,
      ${j.signedProduced} as signed_produced, c.signing_date, c.start_date
    from (${projectBase(p.districtId, d, p)}) c`;
}

type ProjectRow = Awaited<ReturnType<ReturnType<typeof projectRows>['execute']>>['rows'][number];

/** Which project rows make each project indicator, and what each contributes. */
const PROJECT_MEMBERSHIP: Partial<
  Record<IndicatorKey, { when: (r: ProjectRow) => boolean; money: boolean }>
> = {
  signed_count: { when: (r) => r.signed, money: false },
  signed_amount: { when: (r) => r.signed, money: true },
  industrial_count: { when: (r) => r.signed && r.industrial, money: false },
  fortune500_projects: { when: (r) => r.signed && r.notable, money: false },
  started_count: { when: (r) => r.startedIn, money: false },
  producing_count: { when: (r) => r.producingIn, money: false },
};
// The numerators of 开工率 / 投产率: signed in the period and started / producing by its end.
const SIGNED_STARTED = { when: (r: ProjectRow) => r.signed && !!r.signedStarted, money: false };
const SIGNED_PRODUCED = { when: (r: ProjectRow) => r.signed && !!r.signedProduced, money: false };

/**
 * Per unit, for each period: Σ bp signed, signed amount, industrial, notable, started, producing, signed and
 * started, signed and producing (decimal text, in that order). One pass over the projects for every period.
 */
async function projectFamily(db: Database, districtId: string, spans: Span[], cover: Span, d: Definitions) {
  const sums = spans.map((s, i) => {
    const j = judged(s.from, s.to);
    return sql`array[
      coalesce(sum(c.bp) filter (where ${j.signed}), 0)::text,
      coalesce(sum(c.amt) filter (where ${j.signed}), 0)::text,
      coalesce(sum(c.bp) filter (where ${j.signed} and c.industrial), 0)::text,
      coalesce(sum(c.bp) filter (where ${j.signed} and c.notable), 0)::text,
      coalesce(sum(c.bp) filter (where ${j.startedIn}), 0)::text,
      coalesce(sum(c.bp) filter (where ${j.producingIn}), 0)::text,
      coalesce(sum(c.bp) filter (where ${j.signed} and ${j.signedStarted}), 0)::text,
      coalesce(sum(c.bp) filter (where ${j.signed} and ${j.signedProduced}), 0)::text
    ] as ${sql.ref(`s${i}`)}`;
  });
  const { rows } = await sql<Record<string, string[]> & { unitId: string }>`
    select c.unit_id, ${sql.join(sums)}
    from (${projectBase(districtId, d, cover)}) c
    group by c.unit_id`.execute(db);
  return rows.map((r) => ({
    unitId: r.unitId,
    spans: spans.map((_, i) => {
      const [signedBp, signedAmount, industrialBp, notableBp, startedBp, producingBp, ssBp, spBp] = r[
        `s${i}`
      ] as [string, string, string, string, string, string, string, string];
      return {
        signedBp,
        signedAmount,
        industrialBp,
        notableBp,
        startedBp,
        producingBp,
        signedStartedBp: ssBp,
        signedProducedBp: spBp,
      };
    }),
  }));
}

// ---------------------------------------------------------------- capital reports

const ORIGIN_COLUMN = {
  out_of_province: 'cr.funds_out_of_province_yuan',
  in_province: 'cr.funds_in_province_yuan',
  foreign: 'cr.funds_foreign_yuan',
  local: 'cr.funds_local_yuan',
} as const;

/**
 * One row per (capital report, credited unit). Exported for the dashboard: the same rows, grouped by month.
 * Co-credited projects' reports are reached from their shares (a few, by index); the others are read straight
 * (bigint, no CTE to materialise: at city scale 100,000 reports). Money is bigint, the month a date.
 */
export function capitalRows(p: ComputeParams, d: Definitions) {
  const funds = sql.raw(d.fundOrigins.map((o) => ORIGIN_COLUMN[o]).join(' + '));
  const reports = (shared: boolean) => sql`
    select cr.id, cr.unit_id, cr.project_id, cr.month, (${funds}) as funds,
      cr.completed_investment_yuan as invest, cr.foreign_used_usd_cents as fx
    from capital_reports cr join pr on pr.id = cr.project_id and pr.shared = ${shared}
    where cr.district_id = ${p.districtId}
      and cr.month between date_trunc('month', ${p.from}::date)::date and ${p.to}::date`;
  return sql<{ id: string; unitId: string; funds: string; invest: string; usd: string; month: string }>`
    with pr as (
      select pr.id, (${d.applyCreditShares} and pr.id in (select s.project_id from project_credit_shares s)) as shared
      from projects pr
      where pr.district_id = ${p.districtId}
        and (${!d.excludeWithdrawn} or pr.stage <> 'withdrawn')
        and (${!d.industrialOnly} or pr.industrial)
    ),
    c as (
      select r.*, s.unit_id as credit_unit, s.basis_points as bp,
        row_number() over (partition by r.id order by s.basis_points desc, s.unit_id) as rn
      from (${reports(true)}) r join project_credit_shares s on s.project_id = r.project_id
    )
    select c.id, c.credit_unit as unit_id, ${share('c.funds')}::bigint as funds,
      ${share('c.invest')}::bigint as invest, ${share('c.fx')}::bigint as usd, c.month
    from c
    union all
    select r.id, r.unit_id, r.funds, r.invest, r.fx, r.month from (${reports(false)}) r`;
}

/** Capital figures of every unit per month, over a span: what each period's capital figures are summed from. */
export interface CapitalMonths extends Span {
  rows: { unitId: string; month: string; funds: string; invest: string; usd: string }[];
}

async function capitalMonths(
  db: Database,
  districtId: string,
  span: Span,
  d: Definitions,
): Promise<CapitalMonths> {
  const { rows } = await sql<CapitalMonths['rows'][number]>`
    select r.unit_id, r.month, sum(r.funds)::text as funds, sum(r.invest)::text as invest, sum(r.usd)::text as usd
    from (${capitalRows({ districtId, ...span }, d)}) r
    group by r.unit_id, r.month`.execute(db);
  return { ...span, rows };
}

/** A capital report counts for [from, to] when its month starts in [from's month, to] (see ComputeParams). */
const monthIn = (month: string, s: Span) => month >= `${s.from.slice(0, 7)}-01` && month <= s.to;

const CAPITAL_COLUMN = {
  funds_in_place: 'funds',
  completed_investment: 'invest',
  foreign_capital_used: 'usd',
} as const;

// ---------------------------------------------------------------- activities, milestones
//
// Each row query takes several periods, as a row source `k(f, t, i)` joined to the records: a record is one row
// per period it counts for, `span` = i (1-based). The drill-downs ask for one period.

const spansSql = (spans: Span[]) =>
  sql`unnest(${spans.map((s) => s.from)}::date[], ${spans.map((s) => s.to)}::date[]) with ordinality as k(f, t, i)`;

function visitRows(districtId: string, spans: Span[]) {
  return sql<{ id: string; unitId: string; span: number }>`
    select a.id, a.unit_id, k.i::int as span from activities a
    join ${spansSql(spans)} on a.occurred_on between k.f and k.t
    where a.district_id = ${districtId} and a.kind = 'visit_out'`;
}

/** Leads received in the period that a network source referred (以商招商 / 以情招商), for the lead's unit. */
function referralLeadRows(districtId: string, spans: Span[]) {
  return sql<{ id: string; unitId: string; span: number }>`
    select l.id, l.unit_id, k.i::int as span from leads l
    join ${spansSql(spans)} on l.received_on between k.f and k.t
    where l.district_id = ${districtId} and l.referral_source_id is not null`;
}

/**
 * Trips out led by a leader: visits out recorded as led by a leader (activities), and promotion events of kind
 * trip_out starting in the period with at least one leader named, for the organising unit. Ids of either.
 */
function leaderTripRows(districtId: string, spans: Span[]) {
  return sql<{ id: string; unitId: string; span: number }>`
    select a.id, a.unit_id, k.i::int as span from activities a
    join ${spansSql(spans)} on a.occurred_on between k.f and k.t
    where a.district_id = ${districtId} and a.kind = 'visit_out' and a.led_by_leader
    union all
    select e.id, e.unit_id, k.i::int as span from promotion_events e
    join ${spansSql(spans)} on e.starts_on between k.f and k.t
    where e.district_id = ${districtId} and e.kind = 'trip_out' and cardinality(e.leaders) > 0`;
}

/** Commitments due in the period; waived ones are not due at all (the center released them). */
function milestoneRows(districtId: string, spans: Span[]) {
  return sql<{ id: string; unitId: string; met: boolean; span: number }>`
    select m.id, m.unit_id, (m.status = 'met') as met, k.i::int as span from milestones m
    join ${spansSql(spans)} on m.due_date between k.f and k.t
    where m.district_id = ${districtId} and m.status <> 'waived'`;
}

/**
 * Projects overdue to start as of the period's end: a start commitment due by then, neither met nor waived,
 * and the project not started by then. Counted once per project, for the unit the commitment belongs to
 * (no co-credit: the duty to start sits with one unit).
 */
function overdueRows(districtId: string, spans: Span[], d: Definitions) {
  return sql<{ id: string; unitId: string; span: number }>`
    select distinct pr.id, m.unit_id, k.i::int as span from milestones m join projects pr on pr.id = m.project_id
    join ${spansSql(spans)} on m.due_date <= k.t and (pr.start_date is null or pr.start_date > k.t)
    where m.district_id = ${districtId} and m.kind = 'start' and m.status in ('pending', 'missed')
      and (${!d.excludeWithdrawn} or pr.stage <> 'withdrawn')`;
}

/**
 * Monthly capital reports handed in late: months in the period whose first submission (China date) is after
 * the due date, the district's due day of the next month (capitalDueDay; DEFAULT_CAPITAL_DUE_DAY when unset,
 * the same rule as the capital module). A month never handed in is "missing", not late, and is not counted here. Drill-down ids are months.
 */
function lateRows(districtId: string, spans: Span[]) {
  return sql<{ id: string; unitId: string; span: number }>`
    select to_char(cs.month, 'YYYY-MM-DD') as id, cs.unit_id, k.i::int as span from capital_submissions cs
    join ${spansSql(spans)} on cs.month between date_trunc('month', k.f)::date and k.t
    left join district_settings ds on ds.district_id = cs.district_id
    where cs.district_id = ${districtId}
      and (cs.first_submitted_at at time zone 'Asia/Shanghai')::date
        > (cs.month + interval '1 month')::date + (coalesce(ds.capital_due_day, ${DEFAULT_CAPITAL_DUE_DAY}) - 1)`;
}

// ---------------------------------------------------------------- public

function emptyFigures(): UnitFigures {
  const f = {} as Record<IndicatorKey, IndicatorValue>;
  for (const k of INDICATOR_KEYS) {
    const e = CATALOGUE_BY_KEY[k];
    f[k] = e.kind === 'amount' ? '0' : 0;
  }
  return f;
}

function fillRatios(f: UnitFigures, signedStarted: number, signedProduced: number) {
  f.start_rate = { numerator: signedStarted, denominator: f.signed_count as number };
  f.production_rate = { numerator: signedProduced, denominator: f.signed_count as number };
  f.fulfilment_rate = { numerator: f.milestones_met as number, denominator: f.milestones_due as number };
  f.funds_rate = { numerator: f.funds_in_place as string, denominator: f.signed_amount as string };
  f.average_signed_amount = {
    numerator: f.signed_amount as string,
    denominator: f.signed_count as number,
  };
}

/**
 * Every indicator of every unit of the district for [from, to] under the given 口径. Units without any record
 * are present with zeros (a 交白卷 unit is a figure too). Ratios are {numerator, denominator}; rateOf() in
 * the catalogue turns one into a displayed rate (null when the denominator is 0).
 */
export async function computeIndicators(
  db: Database,
  params: ComputeParams,
): Promise<Record<string, UnitFigures>> {
  const { figures } = await computeIndicatorSpans(db, {
    districtId: params.districtId,
    spans: [{ from: params.from, to: params.to }],
    definitions: params.definitions,
  });
  return figures[0]!;
}

export interface SpansParams {
  districtId: string;
  spans: Span[];
  definitions?: DefinitionsInput;
}

/**
 * computeIndicators for several periods at once (the progress page's month, year to date and last year), each
 * exactly as if computed alone. The projects are read once for all periods; the capital reports once, grouped
 * by unit and month over the span covering every period (`capital`, which the dashboard's monthly trend reuses),
 * and each period sums its months.
 */
export async function computeIndicatorSpans(
  db: Database,
  params: SpansParams,
): Promise<{ figures: Record<string, UnitFigures>[]; capital: CapitalMonths }> {
  const d = definitionsSchema.parse(params.definitions ?? {});
  const { districtId, spans } = params;
  // ISO dates sort as text.
  const cover: Span = {
    from: spans.map((s) => s.from).sort()[0]!,
    to: spans
      .map((s) => s.to)
      .sort()
      .at(-1)!,
  };
  const [units, projects, capital, visits, milestones, overdue, late, referrals, leaderTrips] =
    await Promise.all([
      db.selectFrom('units').select('id').where('districtId', '=', districtId).execute(),
      projectFamily(db, districtId, spans, cover, d),
      capitalMonths(db, districtId, cover, d),
      sql<{ span: number; unitId: string; n: number }>`
      select v.span, v.unit_id, count(*)::int as n from (${visitRows(districtId, spans)}) v
      group by v.span, v.unit_id`.execute(db),
      sql<{ span: number; unitId: string; due: number; met: number }>`
      select m.span, m.unit_id, count(*)::int as due, (count(*) filter (where m.met))::int as met
      from (${milestoneRows(districtId, spans)}) m group by m.span, m.unit_id`.execute(db),
      sql<{ span: number; unitId: string; n: number }>`
      select o.span, o.unit_id, count(*)::int as n from (${overdueRows(districtId, spans, d)}) o
      group by o.span, o.unit_id`.execute(db),
      sql<{ span: number; unitId: string; n: number }>`
      select l.span, l.unit_id, count(*)::int as n from (${lateRows(districtId, spans)}) l
      group by l.span, l.unit_id`.execute(db),
      sql<{ span: number; unitId: string; n: number }>`
      select r.span, r.unit_id, count(*)::int as n from (${referralLeadRows(districtId, spans)}) r
      group by r.span, r.unit_id`.execute(db),
      sql<{ span: number; unitId: string; n: number }>`
      select r.span, r.unit_id, count(*)::int as n from (${leaderTripRows(districtId, spans)}) r
      group by r.span, r.unit_id`.execute(db),
    ]);
  const inSpan = <T extends { span: number }>(rows: T[], i: number) => rows.filter((r) => r.span === i + 1);
  const figures = spans.map((span, i) => {
    const out: Record<string, UnitFigures> = {};
    const extra: Record<string, { started: number; produced: number }> = {};
    const of = (unitId: string) => {
      out[unitId] ??= emptyFigures();
      extra[unitId] ??= { started: 0, produced: 0 };
      return out[unitId];
    };
    for (const u of units) of(u.id);
    for (const { unitId, spans: sums } of projects) {
      const r = sums[i]!;
      const f = of(unitId);
      f.signed_count = bpCount(r.signedBp);
      f.signed_amount = r.signedAmount;
      f.industrial_count = bpCount(r.industrialBp);
      f.fortune500_projects = bpCount(r.notableBp);
      f.started_count = bpCount(r.startedBp);
      f.producing_count = bpCount(r.producingBp);
      extra[unitId] = { started: bpCount(r.signedStartedBp), produced: bpCount(r.signedProducedBp) };
    }
    const money = new Map<string, { funds: bigint; invest: bigint; usd: bigint }>();
    for (const r of capital.rows) {
      if (!monthIn(r.month, span)) continue;
      const m = money.get(r.unitId) ?? { funds: 0n, invest: 0n, usd: 0n };
      m.funds += BigInt(r.funds);
      m.invest += BigInt(r.invest);
      m.usd += BigInt(r.usd);
      money.set(r.unitId, m);
    }
    for (const [unitId, m] of money) {
      const f = of(unitId);
      f.funds_in_place = m.funds.toString();
      f.completed_investment = m.invest.toString();
      f.foreign_capital_used = m.usd.toString();
    }
    for (const r of inSpan(visits.rows, i)) of(r.unitId).visits_out = r.n;
    for (const r of inSpan(milestones.rows, i)) {
      const f = of(r.unitId);
      f.milestones_due = r.due;
      f.milestones_met = r.met;
    }
    for (const r of inSpan(overdue.rows, i)) of(r.unitId).projects_overdue_to_start = r.n;
    for (const r of inSpan(late.rows, i)) of(r.unitId).late_reports = r.n;
    for (const r of inSpan(referrals.rows, i)) of(r.unitId).referral_leads = r.n;
    for (const r of inSpan(leaderTrips.rows, i)) of(r.unitId).leader_trips = r.n;
    for (const [unitId, f] of Object.entries(out)) {
      fillRatios(f, extra[unitId]?.started ?? 0, extra[unitId]?.produced ?? 0);
    }
    return out;
  });
  return { figures, capital };
}

/** The records that make up one unit's figure for one indicator, each with the unit's share of it. */
export async function drillDown(
  db: Database,
  params: ComputeParams & { unitId: string; indicator: IndicatorKey },
): Promise<DrillDown> {
  const d = definitionsSchema.parse(params.definitions ?? {});
  const entry = CATALOGUE_BY_KEY[params.indicator];
  const { indicator, unitId } = params;
  if (entry.ratio) {
    const sub = (k: IndicatorKey) => drillDown(db, { ...params, indicator: k });
    const numerator =
      indicator === 'start_rate' || indicator === 'production_rate'
        ? await projectDrill(db, params, d, indicator === 'start_rate' ? SIGNED_STARTED : SIGNED_PRODUCED)
        : await sub(entry.ratio.numerator);
    const denominator = await sub(entry.ratio.denominator);
    return { indicator, source: entry.source, rows: [], numerator, denominator };
  }
  const rows = await rowsOf(db, params, d, indicator, unitId);
  return { indicator, source: entry.source, rows };
}

async function projectDrill(
  db: Database,
  params: ComputeParams & { unitId: string; indicator: IndicatorKey },
  d: Definitions,
  m: { when: (r: ProjectRow) => boolean; money: boolean },
): Promise<DrillDown> {
  const { rows } =
    await sql<ProjectRow>`select * from (${projectRows(params, d)}) r where r.unit_id = ${params.unitId} order by r.id`.execute(
      db,
    );
  return {
    indicator: params.indicator,
    source: 'projects',
    rows: rows.filter(m.when).map((r) => ({ id: r.id, value: m.money ? r.amt : bpCount(r.bp) })),
  };
}

async function rowsOf(
  db: Database,
  params: ComputeParams,
  d: Definitions,
  indicator: IndicatorKey,
  unitId: string,
): Promise<DrillRow[]> {
  const pm = PROJECT_MEMBERSHIP[indicator];
  if (pm) {
    return (await projectDrill(db, { ...params, unitId, indicator }, d, pm)).rows;
  }
  if (
    indicator === 'funds_in_place' ||
    indicator === 'completed_investment' ||
    indicator === 'foreign_capital_used'
  ) {
    const col = CAPITAL_COLUMN[indicator];
    const { rows } = await sql<{ id: string; unitId: string; funds: string; invest: string; usd: string }>`
      select * from (${capitalRows(params, d)}) r where r.unit_id = ${unitId} order by r.id`.execute(db);
    return rows.filter((r) => r[col] !== '0').map((r) => ({ id: r.id, value: r[col] }));
  }
  if (indicator === 'visits_out') {
    const { rows } = await sql<{ id: string }>`
      select * from (${visitRows(params.districtId, [params])}) r where r.unit_id = ${unitId} order by r.id`.execute(
      db,
    );
    return rows.map((r) => ({ id: r.id, value: 1 }));
  }
  if (indicator === 'referral_leads' || indicator === 'leader_trips') {
    const q =
      indicator === 'referral_leads'
        ? referralLeadRows(params.districtId, [params])
        : leaderTripRows(params.districtId, [params]);
    const { rows } = await sql<{ id: string }>`
      select * from (${q}) r where r.unit_id = ${unitId} order by r.id`.execute(db);
    return rows.map((r) => ({ id: r.id, value: 1 }));
  }
  if (indicator === 'milestones_due' || indicator === 'milestones_met') {
    const { rows } = await sql<{ id: string; met: boolean }>`
      select * from (${milestoneRows(params.districtId, [params])}) r where r.unit_id = ${unitId} order by r.id`.execute(
      db,
    );
    return rows.filter((r) => indicator === 'milestones_due' || r.met).map((r) => ({ id: r.id, value: 1 }));
  }
  if (indicator === 'projects_overdue_to_start') {
    const { rows } = await sql<{ id: string }>`
      select * from (${overdueRows(params.districtId, [params], d)}) r where r.unit_id = ${unitId} order by r.id`.execute(
      db,
    );
    return rows.map((r) => ({ id: r.id, value: 1 }));
  }
  if (indicator === 'late_reports') {
    const { rows } = await sql<{ id: string }>`
      select * from (${lateRows(params.districtId, [params])}) r where r.unit_id = ${unitId} order by r.id`.execute(
      db,
    );
    return rows.map((r) => ({ id: r.id, value: 1 }));
  }
  throw new Error(`indicator ${indicator} has no drill-down`);
}

/** The district-level figures the city comparison needs (横向对比). */
export type DistrictTotals = Pick<
  UnitFigures,
  | 'signed_count'
  | 'signed_amount'
  | 'started_count'
  | 'funds_in_place'
  | 'completed_investment'
  | 'foreign_capital_used'
>;

const zeroTotals = (): DistrictTotals => ({
  signed_count: 0,
  signed_amount: '0',
  started_count: 0,
  funds_in_place: '0',
  completed_investment: '0',
  foreign_capital_used: '0',
});

const addTotals = (a: DistrictTotals, b: DistrictTotals): DistrictTotals => ({
  signed_count: (a.signed_count as number) + (b.signed_count as number),
  signed_amount: (BigInt(a.signed_amount as string) + BigInt(b.signed_amount as string)).toString(),
  started_count: (a.started_count as number) + (b.started_count as number),
  funds_in_place: (BigInt(a.funds_in_place as string) + BigInt(b.funds_in_place as string)).toString(),
  completed_investment: (
    BigInt(a.completed_investment as string) + BigInt(b.completed_investment as string)
  ).toString(),
  foreign_capital_used: (
    BigInt(a.foreign_capital_used as string) + BigInt(b.foreign_capital_used as string)
  ).toString(),
});

/** Σ of the months (YYYY-MM) for which `keep` holds. */
export function sumMonths(
  months: Map<string, DistrictTotals>,
  keep: (month: string) => boolean = () => true,
): DistrictTotals {
  let total = zeroTotals();
  for (const [m, t] of months) if (keep(m)) total = addTotals(total, t);
  return total;
}

/**
 * A whole district's totals for [from, to] per calendar month (YYYY-MM): projects in the month they were
 * signed / started, capital reports in their month. Without the per-unit split: co-credit only moves a
 * project's count and money between units of the same district (the shares of a project add up to it
 * exactly), so the district's sum is the same with the split off, and skipping it saves the allocation work.
 * The same row queries as computeIndicators, so the months of a period add up to
 * districtTotal(computeIndicators(...)). `capital`: the per-unit months computeIndicatorSpans already read
 * (used when they cover [from, to], instead of reading the reports again).
 */
export async function computeDistrictMonths(
  db: Database,
  params: ComputeParams,
  capital?: CapitalMonths | Promise<CapitalMonths>,
): Promise<Map<string, DistrictTotals>> {
  const d = { ...definitionsSchema.parse(params.definitions ?? {}), applyCreditShares: false };
  const span: Span = { from: params.from, to: params.to };
  const readMonths = async () => {
    const given = await capital;
    return given && given.from <= span.from && given.to >= span.to
      ? given.rows
      : (await capitalMonths(db, params.districtId, span, d)).rows;
  };
  const [projects, money] = await Promise.all([
    // One scan, two groupings: a row counts in the month it was signed and in the month it was started (each
    // when within [from, to]).
    sql<{ bySigning: boolean; month: string; n: number; amount: string }>`
      select grouping(x.sm) = 0 as by_signing, coalesce(x.sm, x.stm) as month, count(*)::int as n,
        coalesce(sum(x.amt), 0)::text as amount
      from (
        select to_char(case when r.signed then r.signing_date end, 'YYYY-MM') as sm,
          to_char(case when r.started_in then r.start_date end, 'YYYY-MM') as stm, r.amt
        from (${projectRows(params, d)}) r where r.signed or r.started_in
      ) x
      group by grouping sets ((x.sm), (x.stm))
      having coalesce(x.sm, x.stm) is not null`.execute(db),
    readMonths(),
  ]);
  const out = new Map<string, DistrictTotals>();
  const add = (month: string, t: Partial<DistrictTotals>) =>
    out.set(month, addTotals(out.get(month) ?? zeroTotals(), { ...zeroTotals(), ...t }));
  for (const r of projects.rows) {
    add(r.month, r.bySigning ? { signed_count: r.n, signed_amount: r.amount } : { started_count: r.n });
  }
  for (const r of money) {
    if (!monthIn(r.month, span)) continue;
    add(r.month.slice(0, 7), {
      funds_in_place: r.funds,
      completed_investment: r.invest,
      foreign_capital_used: r.usd,
    });
  }
  return out;
}

/** A whole district's totals for [from, to] (see computeDistrictMonths, which it sums). */
export async function computeDistrictTotals(db: Database, params: ComputeParams): Promise<DistrictTotals> {
  return sumMonths(await computeDistrictMonths(db, params));
}
