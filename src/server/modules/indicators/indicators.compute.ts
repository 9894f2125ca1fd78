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

/** Exported for the dashboard's monthly trend and breakdowns: the same rows, grouped otherwise. */
export function projectRows(p: ComputeParams, d: Definitions) {
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
  return sql<{
    id: string;
    unitId: string;
    bp: number;
    amt: string;
    signed: boolean;
    industrial: boolean;
    notable: boolean;
    startedIn: boolean;
    producingIn: boolean;
    signedStarted: boolean;
    signedProduced: boolean;
    signingDate: string | null;
  }>`
    with p as (
      select pr.id, pr.unit_id, pr.industrial, pr.signing_date, pr.start_date, pr.production_date,
        coalesce(${amount}, 0) as amt,
        exists (select 1 from enterprises e where e.id = pr.enterprise_id and e.kinds && ${d.notableKinds}::text[]) as notable
      from projects pr
      where pr.district_id = ${p.districtId}
        and (${!d.excludeWithdrawn} or pr.stage <> 'withdrawn')
        and (${!d.industrialOnly} or pr.industrial)
        and (${d.minAmountYuan}::bigint is null or ${amount} >= ${d.minAmountYuan}::bigint)
    ),
    c as (
      select p.*, s.unit_id as credit_unit, s.basis_points as bp,
        row_number() over (partition by p.id order by s.basis_points desc, s.unit_id) as rn
      from p join project_credit_shares s on s.project_id = p.id and ${d.applyCreditShares}
    ),
    c2 as (
      select c.*, ${share('c.amt')} as amt_share from c
      union all
      select p.*, p.unit_id, 10000, 1::bigint, p.amt from p
      where not (${d.applyCreditShares} and exists (select 1 from project_credit_shares s where s.project_id = p.id))
    )
    select c.id, c.credit_unit as unit_id, c.bp, c.amt_share::text as amt,
      (c.signing_date between ${p.from}::date and ${p.to}::date) as signed,
      c.industrial, c.notable,
      coalesce(c.start_date between ${p.from}::date and ${p.to}::date, false) as started_in,
      coalesce(c.production_date between ${p.from}::date and ${p.to}::date, false) as producing_in,
      coalesce(c.start_date <= ${p.to}::date, false) as signed_started,
      coalesce(c.production_date <= ${p.to}::date, false) as signed_produced,
      to_char(c.signing_date, 'YYYY-MM-DD') as signing_date
    from c2 c`;
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

async function projectFamily(db: Database, p: ComputeParams, d: Definitions) {
  const { rows } = await sql<{
    unitId: string;
    signedBp: string;
    signedAmount: string;
    industrialBp: string;
    notableBp: string;
    startedBp: string;
    producingBp: string;
    signedStartedBp: string;
    signedProducedBp: string;
  }>`
    select r.unit_id,
      coalesce(sum(r.bp) filter (where r.signed), 0) as signed_bp,
      coalesce(sum(r.amt::bigint) filter (where r.signed), 0)::text as signed_amount,
      coalesce(sum(r.bp) filter (where r.signed and r.industrial), 0) as industrial_bp,
      coalesce(sum(r.bp) filter (where r.signed and r.notable), 0) as notable_bp,
      coalesce(sum(r.bp) filter (where r.started_in), 0) as started_bp,
      coalesce(sum(r.bp) filter (where r.producing_in), 0) as producing_bp,
      coalesce(sum(r.bp) filter (where r.signed and r.signed_started), 0) as signed_started_bp,
      coalesce(sum(r.bp) filter (where r.signed and r.signed_produced), 0) as signed_produced_bp
    from (${projectRows(p, d)}) r
    group by r.unit_id`.execute(db);
  return rows;
}

// ---------------------------------------------------------------- capital reports

const ORIGIN_COLUMN = {
  out_of_province: 'cr.funds_out_of_province_yuan',
  in_province: 'cr.funds_in_province_yuan',
  foreign: 'cr.funds_foreign_yuan',
  local: 'cr.funds_local_yuan',
} as const;

/** Exported for the dashboard's monthly trend: the same rows, grouped by month. */
export function capitalRows(p: ComputeParams, d: Definitions) {
  const funds = sql.raw(d.fundOrigins.map((o) => ORIGIN_COLUMN[o]).join(' + '));
  return sql<{ id: string; unitId: string; funds: string; invest: string; usd: string; month: string }>`
    with r as (
      select cr.id, cr.unit_id, cr.project_id, cr.month, (${funds}) as funds,
        cr.completed_investment_yuan as invest, cr.foreign_used_usd_cents as fx
      from capital_reports cr join projects pr on pr.id = cr.project_id and pr.district_id = ${p.districtId}
      where cr.district_id = ${p.districtId}
        and cr.month between date_trunc('month', ${p.from}::date)::date and ${p.to}::date
        and (${!d.excludeWithdrawn} or pr.stage <> 'withdrawn')
        and (${!d.industrialOnly} or pr.industrial)
    ),
    c as (
      select r.*, s.unit_id as credit_unit, s.basis_points as bp,
        row_number() over (partition by r.id order by s.basis_points desc, s.unit_id) as rn
      from r join project_credit_shares s on s.project_id = r.project_id and ${d.applyCreditShares}
    )
    select c.id, c.credit_unit as unit_id, ${share('c.funds')}::text as funds,
      ${share('c.invest')}::text as invest, ${share('c.fx')}::text as usd, to_char(c.month, 'YYYY-MM-DD') as month
    from c
    union all
    select r.id, r.unit_id, r.funds::text, r.invest::text, r.fx::text, to_char(r.month, 'YYYY-MM-DD') from r
    where not (${d.applyCreditShares} and exists (select 1 from project_credit_shares s where s.project_id = r.project_id))`;
}

async function capitalFamily(db: Database, p: ComputeParams, d: Definitions) {
  const { rows } = await sql<{ unitId: string; funds: string; invest: string; usd: string }>`
    select r.unit_id, sum(r.funds::bigint)::text as funds, sum(r.invest::bigint)::text as invest,
      sum(r.usd::bigint)::text as usd
    from (${capitalRows(p, d)}) r
    group by r.unit_id`.execute(db);
  return rows;
}
const CAPITAL_COLUMN = {
  funds_in_place: 'funds',
  completed_investment: 'invest',
  foreign_capital_used: 'usd',
} as const;

// ---------------------------------------------------------------- activities, milestones

function visitRows(p: ComputeParams) {
  return sql<{ id: string; unitId: string }>`
    select a.id, a.unit_id from activities a
    where a.district_id = ${p.districtId} and a.kind = 'visit_out'
      and a.occurred_on between ${p.from}::date and ${p.to}::date`;
}

/** Commitments due in the period; waived ones are not due at all (the center released them). */
function milestoneRows(p: ComputeParams) {
  return sql<{ id: string; unitId: string; met: boolean }>`
    select m.id, m.unit_id, (m.status = 'met') as met from milestones m
    where m.district_id = ${p.districtId} and m.status <> 'waived'
      and m.due_date between ${p.from}::date and ${p.to}::date`;
}

/**
 * Projects overdue to start as of the period's end: a start commitment due by then, neither met nor waived,
 * and the project not started by then. Counted once per project, for the unit the commitment belongs to
 * (no co-credit: the duty to start sits with one unit).
 */
function overdueRows(p: ComputeParams, d: Definitions) {
  return sql<{ id: string; unitId: string }>`
    select distinct pr.id, m.unit_id from milestones m join projects pr on pr.id = m.project_id
    where m.district_id = ${p.districtId} and m.kind = 'start' and m.status in ('pending', 'missed')
      and m.due_date <= ${p.to}::date
      and (pr.start_date is null or pr.start_date > ${p.to}::date)
      and (${!d.excludeWithdrawn} or pr.stage <> 'withdrawn')`;
}

/**
 * Monthly capital reports handed in late: months in the period whose first submission (China date) is after
 * the due date, the district's due day of the next month (capitalDueDay; DEFAULT_CAPITAL_DUE_DAY when unset,
 * the same rule as the capital module). A month never handed in is "missing", not late, and is not counted here. Drill-down ids are months.
 */
function lateRows(p: ComputeParams) {
  return sql<{ id: string; unitId: string }>`
    select to_char(cs.month, 'YYYY-MM-DD') as id, cs.unit_id from capital_submissions cs
    left join district_settings ds on ds.district_id = cs.district_id
    where cs.district_id = ${p.districtId}
      and cs.month between date_trunc('month', ${p.from}::date)::date and ${p.to}::date
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
  const d = definitionsSchema.parse(params.definitions ?? {});
  const [units, projects, capital, visits, milestones, overdue, late] = await Promise.all([
    db.selectFrom('units').select('id').where('districtId', '=', params.districtId).execute(),
    projectFamily(db, params, d),
    capitalFamily(db, params, d),
    sql<{ unitId: string; n: number }>`
      select v.unit_id, count(*)::int as n from (${visitRows(params)}) v group by v.unit_id`.execute(db),
    sql<{ unitId: string; due: number; met: number }>`
      select m.unit_id, count(*)::int as due, (count(*) filter (where m.met))::int as met
      from (${milestoneRows(params)}) m group by m.unit_id`.execute(db),
    sql<{ unitId: string; n: number }>`
      select o.unit_id, count(*)::int as n from (${overdueRows(params, d)}) o group by o.unit_id`.execute(db),
    sql<{ unitId: string; n: number }>`
      select l.unit_id, count(*)::int as n from (${lateRows(params)}) l group by l.unit_id`.execute(db),
  ]);
  const out: Record<string, UnitFigures> = {};
  const extra: Record<string, { started: number; produced: number }> = {};
  const of = (unitId: string) => {
    out[unitId] ??= emptyFigures();
    extra[unitId] ??= { started: 0, produced: 0 };
    return out[unitId];
  };
  for (const u of units) of(u.id);
  for (const r of projects) {
    const f = of(r.unitId);
    f.signed_count = bpCount(r.signedBp);
    f.signed_amount = r.signedAmount;
    f.industrial_count = bpCount(r.industrialBp);
    f.fortune500_projects = bpCount(r.notableBp);
    f.started_count = bpCount(r.startedBp);
    f.producing_count = bpCount(r.producingBp);
    extra[r.unitId] = { started: bpCount(r.signedStartedBp), produced: bpCount(r.signedProducedBp) };
  }
  for (const r of capital) {
    const f = of(r.unitId);
    f.funds_in_place = r.funds;
    f.completed_investment = r.invest;
    f.foreign_capital_used = r.usd;
  }
  for (const r of visits.rows) of(r.unitId).visits_out = r.n;
  for (const r of milestones.rows) {
    const f = of(r.unitId);
    f.milestones_due = r.due;
    f.milestones_met = r.met;
  }
  for (const r of overdue.rows) of(r.unitId).projects_overdue_to_start = r.n;
  for (const r of late.rows) of(r.unitId).late_reports = r.n;
  for (const [unitId, f] of Object.entries(out)) {
    fillRatios(f, extra[unitId]?.started ?? 0, extra[unitId]?.produced ?? 0);
  }
  return out;
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
      select * from (${visitRows(params)}) r where r.unit_id = ${unitId} order by r.id`.execute(db);
    return rows.map((r) => ({ id: r.id, value: 1 }));
  }
  if (indicator === 'milestones_due' || indicator === 'milestones_met') {
    const { rows } = await sql<{ id: string; met: boolean }>`
      select * from (${milestoneRows(params)}) r where r.unit_id = ${unitId} order by r.id`.execute(db);
    return rows.filter((r) => indicator === 'milestones_due' || r.met).map((r) => ({ id: r.id, value: 1 }));
  }
  if (indicator === 'projects_overdue_to_start') {
    const { rows } = await sql<{ id: string }>`
      select * from (${overdueRows(params, d)}) r where r.unit_id = ${unitId} order by r.id`.execute(db);
    return rows.map((r) => ({ id: r.id, value: 1 }));
  }
  if (indicator === 'late_reports') {
    const { rows } = await sql<{ id: string }>`
      select * from (${lateRows(params)}) r where r.unit_id = ${unitId} order by r.id`.execute(db);
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

/**
 * A whole district's totals for [from, to], without the per-unit split: co-credit only moves a project's
 * count and money between units of the same district (the shares of a project add up to it exactly), so the
 * district's sum is the same with the split off, and skipping it saves the allocation work. The same row
 * queries as computeIndicators, so a total here equals districtTotal(computeIndicators(...)).
 */
export async function computeDistrictTotals(db: Database, params: ComputeParams): Promise<DistrictTotals> {
  const d = { ...definitionsSchema.parse(params.definitions ?? {}), applyCreditShares: false };
  const [projects, capital] = await Promise.all([
    sql<{ signed: number; signedAmount: string; started: number }>`
      select (count(*) filter (where r.signed))::int as signed,
        coalesce(sum(r.amt::bigint) filter (where r.signed), 0)::text as signed_amount,
        (count(*) filter (where r.started_in))::int as started
      from (${projectRows(params, d)}) r`.execute(db),
    sql<{ funds: string; invest: string; usd: string }>`
      select coalesce(sum(r.funds::bigint), 0)::text as funds, coalesce(sum(r.invest::bigint), 0)::text as invest,
        coalesce(sum(r.usd::bigint), 0)::text as usd
      from (${capitalRows(params, d)}) r`.execute(db),
  ]);
  const p = projects.rows[0]!;
  const c = capital.rows[0]!;
  return {
    signed_count: p.signed,
    signed_amount: p.signedAmount,
    started_count: p.started,
    funds_in_place: c.funds,
    completed_investment: c.invest,
    foreign_capital_used: c.usd,
  };
}
