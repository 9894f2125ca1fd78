import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { UnitScore } from '../../../domain/assessment/evaluate.js';
import {
  chineseDate,
  chineseMonth,
  formatPercent,
  formatPoints,
  formatWithUnit,
  formatYoy,
  periodName,
  sectionNumeral,
} from '../../../domain/bulletins/format.js';
import {
  type BulletinSnapshot,
  type IndicatorTable,
  type IndicatorTableRow,
  type ListedUnit,
  type MissingReport,
  type NarrativeSection,
  type ScoreTable,
  SNAPSHOT_FORMAT,
  type SnapshotUnit,
  type StalledProject,
} from '../../../domain/bulletins/snapshot.js';
import { DEFAULT_CAPITAL_DUE_DAY, punctualityOf } from '../../../domain/capital/capital.rules.js';
import { chinaToday, monthEnd } from '../../../domain/dates.js';
import {
  CATALOGUE_BY_KEY,
  INDICATOR_KEYS,
  type IndicatorKey,
  type IndicatorValue,
  rateOf,
} from '../../../domain/indicators/catalogue.js';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/organization/organization.schemas.js';
import { compareDecimal, subtractDecimal } from '../../../domain/progress/progress.js';
import type { Database } from '../../db/database.js';
import { canonicalJson } from '../audit/audit.repository.js';
import { cityStandings } from '../city-comparison/city-standing.js';
import {
  computeProgress,
  districtTotalsOf,
  loadTargets,
  loadYearSettings,
  type ProgressCell,
  type ProgressResult,
} from '../progress/progress.compute.js';
import { scoreProgress } from '../progress/scoring.js';
import { latestPublishedScheme } from '../schemes/schemes.service.js';

// Composing a bulletin (月通报 / 季评比): every figure, list and sentence of the snapshot from the data, through
// the one computation path (computeProgress → computeIndicators) and the one scoring bridge. The narrative is
// written from the snapshot's own figures (never from a second query), so a number in the text is always the
// number in the table next to it.

export type BulletinKind = 'month' | 'quarter';

export interface ComposeParams {
  districtId: string;
  kind: BulletinKind;
  year: number;
  period: number;
  /** Last day counted; default the period's last day. */
  cutoff?: string | null;
  version: number;
  reason: string | null;
  title?: string | null;
  docNumber?: string | null;
  /** 成文日期; also the day missing monthly reports are judged on (a month is due in the next month). */
  issuedOn: string;
}

/** The indicators a bulletin shows when the year has no targets. */
export const DEFAULT_BULLETIN_INDICATORS: readonly IndicatorKey[] = [
  'signed_count',
  'signed_amount',
  'started_count',
  'funds_in_place',
  'completed_investment',
  'foreign_capital_used',
];
/** Indicators where fewer is better (ranked ascending). */
const LOWER_IS_BETTER = new Set<IndicatorKey>(['projects_overdue_to_start', 'late_reports']);

const pad = (n: number) => String(n).padStart(2, '0');

export interface PeriodSpan {
  start: string;
  end: string;
  /** 1-based months of the period. */
  months: number[];
  label: string;
}

export function periodOf(kind: BulletinKind, year: number, period: number): PeriodSpan {
  const months = kind === 'month' ? [period] : [period * 3 - 2, period * 3 - 1, period * 3];
  return {
    start: `${year}-${pad(months[0]!)}-01`,
    end: monthEnd(year, months[months.length - 1]!),
    months,
    label: periodName(kind, year, period),
  };
}

export function defaultTitle(kind: BulletinKind, year: number, period: number): string {
  return kind === 'month'
    ? `关于${year}年${period}月全区招商引资工作进展情况的通报`
    : `关于${periodName('quarter', year, period)}全区招商引资工作考核评比情况的通报`;
}

// ---------------------------------------------------------------- figures as snapshot text

const isAverage = (k: IndicatorKey) => k === 'average_signed_amount';

function valueText(key: IndicatorKey, v: IndicatorValue | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'object') return isAverage(key) ? rateOf(v, 2, false) : rateOf(v);
  return String(v);
}

/** Targets are stored in the indicator's unit, rates as fractions: the snapshot shows rates in percent. */
function targetText(key: IndicatorKey, t: string | null): string | null {
  if (t === null) return null;
  const e = CATALOGUE_BY_KEY[key];
  if (e.ratio && !isAverage(key)) return rateOf({ numerator: t, denominator: 1 });
  return t;
}

function tableUnit(key: IndicatorKey): string {
  const e = CATALOGUE_BY_KEY[key];
  if (e.unit !== 'ratio') return e.unit;
  return isAverage(key) ? '元每个' : '%';
}

/** Competition ranks (1, 1, 3) of decimal texts; null values get no rank. */
function ranksOf(values: (string | null)[], ascending = false): (number | null)[] {
  return values.map((v) => {
    if (v === null) return null;
    let better = 0;
    for (const o of values) {
      if (o === null) continue;
      const c = compareDecimal(o, v);
      if (ascending ? c < 0 : c > 0) better++;
    }
    return better + 1;
  });
}

function rowOf(unitId: string, key: IndicatorKey, c: ProgressCell): IndicatorTableRow {
  return {
    unitId,
    target: targetText(key, c.target),
    period: valueText(key, c.period),
    cumulative: valueText(key, c.cumulative),
    completion: c.completion,
    ahead: c.ahead,
    yoy: c.yoy,
    rank: null,
  };
}

/** Ranks rows within each group: by completion where the group has any, else by the cumulative figure. */
function rankWithinGroups(rows: IndicatorTableRow[], groupOf: Map<string, string>, key: IndicatorKey) {
  const groups = new Map<string, IndicatorTableRow[]>();
  for (const r of rows) {
    const g = groupOf.get(r.unitId) ?? '';
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  for (const members of groups.values()) {
    const byCompletion = members.some((r) => r.completion !== null);
    const values = members.map((r) => (byCompletion ? r.completion : r.cumulative));
    const ranks = ranksOf(values, !byCompletion && LOWER_IS_BETTER.has(key));
    members.forEach((r, i) => {
      r.rank = ranks[i] ?? null;
    });
  }
}

function indicatorTable(
  progress: ProgressResult,
  key: IndicatorKey,
  groupOf: Map<string, string>,
): IndicatorTable {
  const rows = progress.units.map((u) => rowOf(u.id, key, progress.cells[u.id]![key]));
  rankWithinGroups(rows, groupOf, key);
  return {
    key,
    name: CATALOGUE_BY_KEY[key].name.zh,
    unit: tableUnit(key),
    rows,
    district: rowOf('', key, progress.district[key]),
  };
}

// ---------------------------------------------------------------- red and black lists

/** The best three (ties share) of each group; the worst three of each group that are not already best. */
function redBlack(entries: { unitId: string; group: string; rank: number; total: string }[]): {
  red: ListedUnit[];
  black: ListedUnit[];
} {
  const red: ListedUnit[] = [];
  const black: ListedUnit[] = [];
  const groups = [...new Set(entries.map((e) => e.group))];
  for (const g of groups) {
    const members = entries.filter((e) => e.group === g).sort((a, b) => a.rank - b.rank);
    const best = members.filter((e) => e.rank <= 3);
    const worst = members.filter(
      (e) => members.filter((o) => o.rank > e.rank).length < 3 && !best.includes(e),
    );
    red.push(...best);
    black.push(...worst.reverse());
  }
  return { red, black };
}

// ---------------------------------------------------------------- stalled projects, missing reports

async function stalledProjects(
  db: Database,
  districtId: string,
  cutoff: string,
  stalledMonths: number,
  excludeWithdrawn: boolean,
): Promise<StalledProject[]> {
  // The projects_overdue_to_start rule (indicators.compute.ts overdueRows): a start commitment due by the
  // cut-off, neither met nor waived, the project not started by then; listed for the commitment's unit.
  const notStarted = await sql<{
    id: string;
    name: string;
    unitId: string;
    since: string;
    amount: string | null;
  }>`
    select pr.id, pr.name, m.unit_id, min(m.due_date)::text as since, pr.signed_amount_yuan::text as amount
    from milestones m join projects pr on pr.id = m.project_id
    where m.district_id = ${districtId} and m.kind = 'start' and m.status in ('pending', 'missed')
      and m.due_date <= ${cutoff}::date
      and (pr.start_date is null or pr.start_date > ${cutoff}::date)
      and (${!excludeWithdrawn} or pr.stage <> 'withdrawn')
    group by pr.id, pr.name, m.unit_id, pr.signed_amount_yuan
    order by since, pr.name`.execute(db);
  // Started before the window of the last `stalledMonths` months through the cut-off's month, not yet in
  // production, withdrawn excluded, and no completed investment reported in any month of that window.
  const windowStart = `${cutoff.slice(0, 7)}-01`;
  const noInvestment = await sql<{
    id: string;
    name: string;
    unitId: string;
    since: string;
    amount: string | null;
  }>`
    with w as (select (${windowStart}::date - make_interval(months => ${stalledMonths - 1}))::date as start)
    select pr.id, pr.name, pr.unit_id,
      coalesce(
        (select max(cr.month) from capital_reports cr
          where cr.project_id = pr.id and cr.completed_investment_yuan > 0 and cr.month <= ${cutoff}::date),
        pr.start_date)::text as since,
      pr.signed_amount_yuan::text as amount
    from projects pr, w
    where pr.district_id = ${districtId} and pr.stage <> 'withdrawn'
      and pr.start_date is not null and pr.start_date < w.start
      and (pr.production_date is null or pr.production_date > ${cutoff}::date)
      and not exists (select 1 from capital_reports cr where cr.project_id = pr.id
        and cr.month between w.start and ${cutoff}::date and cr.completed_investment_yuan > 0)
    order by since, pr.name`.execute(db);
  const as = (reason: StalledProject['reason']) => (r: (typeof notStarted.rows)[number]) => ({
    projectId: r.id,
    name: r.name,
    unitId: r.unitId,
    reason,
    since: r.since,
    signedAmountYuan: r.amount,
  });
  return [...notStarted.rows.map(as('not_started')), ...noInvestment.rows.map(as('no_investment'))];
}

const SIGNED_PLUS = ['signed', 'landed', 'started', 'producing'];

/**
 * Months of the period (through the cut-off's month) whose capital reports a unit with reporting projects
 * had not handed in, judged like the capital module's 报送情况 (punctualityOf 'missing': nothing submitted
 * and the due day, the district's day of the next month, passed) on the bulletin's date: a month's reports
 * fall due in the following month, so on the cut-off itself none of the last month could be missing yet.
 */
export async function missingReports(
  db: Database,
  districtId: string,
  unitIds: string[],
  months: string[],
  asOf: string,
): Promise<MissingReport[]> {
  if (unitIds.length === 0 || months.length === 0) return [];
  const settings = await db
    .selectFrom('districtSettings')
    .select('capitalDueDay')
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  const dueDay = settings?.capitalDueDay ?? DEFAULT_CAPITAL_DUE_DAY;
  const out: MissingReport[] = [];
  for (const month of months) {
    const start = `${month}-01`;
    const { rows } = await sql<{ unitId: string; projects: number; firstSubmittedAt: Date | null }>`
      select p.unit_id, count(*)::int as projects,
        (select cs.first_submitted_at from capital_submissions cs
          where cs.unit_id = p.unit_id and cs.month = ${start}::date) as first_submitted_at
      from projects p
      where p.district_id = ${districtId} and p.unit_id = any(${unitIds}::uuid[])
        and (p.stage = any(${SIGNED_PLUS}::text[])
          or (p.stage = 'paused' and p.stage_before_hold = any(${SIGNED_PLUS}::text[])))
        and (p.signing_date is null
          or p.signing_date <= (${start}::date + interval '1 month' - interval '1 day')::date)
      group by p.unit_id`.execute(db);
    const byUnit = new Map(rows.map((r) => [r.unitId, r]));
    for (const unitId of unitIds) {
      const r = byUnit.get(unitId);
      if (!r || r.projects === 0) continue;
      const submittedOn = r.firstSubmittedAt ? chinaToday(r.firstSubmittedAt) : null;
      const by = submittedOn !== null && submittedOn <= asOf ? submittedOn : null;
      if (punctualityOf(month, by, dueDay, asOf) === 'missing') {
        out.push({ unitId, month, projects: r.projects });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- compose

export interface ComposeResult {
  snapshot: BulletinSnapshot;
  schemeId: string | null;
  periodStart: string;
  periodEnd: string;
  cutoff: string;
}

export async function composeSnapshot(db: Database, params: ComposeParams): Promise<ComposeResult> {
  const { districtId, kind, year, period } = params;
  const span = periodOf(kind, year, period);
  const cutoff = params.cutoff ?? span.end;
  const [settings, targets, district, unitRows, scheme] = await Promise.all([
    loadYearSettings(db, districtId, year),
    loadTargets(db, districtId, year),
    db
      .selectFrom('regions as d')
      .leftJoin('regions as c', 'c.id', 'd.parentId')
      .select(['d.id', 'd.name', 'c.name as cityName'])
      .where('d.id', '=', districtId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('units').select(['id', 'name']).where('districtId', '=', districtId).execute(),
    latestPublishedScheme(db, districtId, year),
  ]);
  const progress = await computeProgress(db, {
    districtId,
    year,
    cutoff,
    periodStart: span.start,
    settings,
    targets,
  });

  const units: SnapshotUnit[] = progress.units.map((u) => ({
    id: u.id,
    name: u.name,
    group: u.kind,
    groupName: UNIT_KIND_LABELS[u.kind as UnitKind]?.zh ?? u.kind,
  }));
  const groupOf = new Map(units.map((u) => [u.id, u.group]));

  const targeted = new Set(targets.map((t) => t.indicatorKey));
  const keys =
    targeted.size > 0 ? INDICATOR_KEYS.filter((k) => targeted.has(k)) : [...DEFAULT_BULLETIN_INDICATORS];
  const indicators = keys.map((k) => indicatorTable(progress, k, groupOf));

  // Scores on the year's latest published scheme.
  let scores: ScoreTable | null = null;
  let unitScores: UnitScore[] | null = null;
  if (scheme) {
    try {
      unitScores = scoreProgress(progress, { items: scheme.items });
    } catch {
      // A published scheme was checked on publishing; one the catalogue no longer accepts scores nothing.
      unitScores = null;
    }
    if (unitScores) {
      scores = {
        schemeId: scheme.id,
        schemeName: scheme.name,
        schemeVersion: scheme.version,
        items: scheme.items.map((i) => ({
          key: i.key,
          name: i.name,
          points: String(i.points),
          ...(i.group ? { group: i.group } : {}),
        })),
        rows: progress.units.map((u) => {
          const s = unitScores!.find((x) => x.unitId === u.id)!;
          return {
            unitId: u.id,
            items: Object.fromEntries(Object.entries(s.items).map(([k, v]) => [k, v.exact])),
            missingItems: Object.entries(s.items)
              .filter(([, v]) => v.missing)
              .map(([k]) => k),
            total: s.totalExact,
            rank: s.rank,
          };
        }),
      };
    }
  }

  // 红黑榜: by total score; without a scheme by 签约额 completion (cumulative where no target).
  let listed: { unitId: string; group: string; rank: number; total: string }[];
  if (scores) {
    listed = scores.rows.map((r) => ({
      unitId: r.unitId,
      group: groupOf.get(r.unitId)!,
      rank: r.rank,
      total: r.total,
    }));
  } else {
    const t =
      indicators.find((x) => x.key === 'signed_amount') ?? indicatorTable(progress, 'signed_amount', groupOf);
    listed = t.rows
      .filter((r) => r.rank !== null)
      .map((r) => ({
        unitId: r.unitId,
        group: groupOf.get(r.unitId)!,
        rank: r.rank!,
        total: (r.completion ?? r.cumulative)!,
      }));
  }
  const { red, black } = redBlack(listed);

  // 交白卷: nothing signed, started or in place in the period.
  const isZero = (v: IndicatorValue) => (typeof v === 'object' ? false : Number(v) === 0);
  const blankUnits = progress.units
    .filter((u) => {
      const c = progress.cells[u.id]!;
      return (
        isZero(c.signed_count.period) && isZero(c.started_count.period) && isZero(c.funds_in_place.period)
      );
    })
    .map((u) => u.id);

  const cutoffMonth = Number(cutoff.slice(5, 7));
  const reportMonths = span.months.filter((m) => m <= cutoffMonth).map((m) => `${year}-${pad(m)}`);
  const assessedIds = units.map((u) => u.id);
  const [stalled, missing, city] = await Promise.all([
    stalledProjects(db, districtId, cutoff, settings.stalledMonths, settings.definitions.excludeWithdrawn),
    missingReports(db, districtId, assessedIds, reportMonths, params.issuedOn),
    // No peers → []; a failure is an error (a bulletin is never frozen with a silently missing section).
    cityStandings(db, {
      districtId,
      year,
      month: cutoffMonth,
      goalRank: settings.goalRank,
      // Cut at the month's end, our year to date is the comparison's own figure: no second pass for it.
      ours: cutoff === monthEnd(year, cutoffMonth) ? districtTotalsOf(progress) : undefined,
    }),
  ]);
  // Only the assessed units are named in the bulletin; a project of the center is the center's business.
  const assessed = new Set(assessedIds);
  const stalledProjectsListed = stalled.filter((s) => assessed.has(s.unitId));

  const inputHash = sha256(
    canonicalJson({
      cutoff,
      periodStart: span.start,
      asOf: params.issuedOn,
      definitions: settings.definitions,
      timeProgressBasis: settings.timeProgressBasis,
      goalRank: settings.goalRank,
      stalledMonths: settings.stalledMonths,
      targets: [...targets].sort((a, b) =>
        `${a.unitId ?? ''}|${a.indicatorKey}` < `${b.unitId ?? ''}|${b.indicatorKey}` ? -1 : 1,
      ),
      scheme: scheme ? { id: scheme.id, version: scheme.version, items: scheme.items } : null,
      units: progress.units,
      figures: { cells: progress.cells, district: progress.district },
      stalled: stalledProjectsListed,
      missing,
      city,
    }),
  );

  const nameOf = new Map([...unitRows, ...units].map((u) => [u.id, u.name]));
  const snapshot: BulletinSnapshot = {
    format: SNAPSHOT_FORMAT,
    district: { id: district.id, name: district.name, cityName: district.cityName ?? null },
    kind,
    year,
    period,
    periodLabel: span.label,
    periodStart: span.start,
    periodEnd: span.end,
    cutoff,
    version: params.version,
    reason: params.reason,
    title: params.title?.trim() || defaultTitle(kind, year, period),
    docNumber: params.docNumber?.trim() || null,
    issuingBody: settings.issuingBody ?? `${district.name}招商引资工作领导小组办公室`,
    issuedOn: params.issuedOn,
    timeProgress: progress.timeProgress,
    timeProgressBasis: progress.timeProgressBasis,
    definitions: settings.definitions as unknown as Record<string, unknown>,
    units,
    indicators,
    scores,
    redList: red,
    blackList: black,
    blankUnits,
    stalledProjects: stalledProjectsListed,
    missingReports: missing,
    city,
    narrative: [],
    inputHash,
  };
  snapshot.narrative = narrativeOf(snapshot, (id) => nameOf.get(id) ?? '');
  return {
    snapshot,
    schemeId: scores ? scheme!.id : null,
    periodStart: span.start,
    periodEnd: span.end,
    cutoff,
  };
}

export const sha256 = (text: string | Buffer) => crypto.createHash('sha256').update(text).digest('hex');

// ---------------------------------------------------------------- narrative

const MAX_NAMED = 8;
const joinNames = (names: string[]) =>
  names.length > MAX_NAMED
    ? `${names.slice(0, MAX_NAMED).join('、')}等${names.length}个单位`
    : names.join('、');

/** The remaining task per remaining month, in the indicator's unit (4 decimals, half-up); null when done. */
export function perMonthToTarget(target: string, cumulative: string, remainingMonths: number): string | null {
  const remaining = subtractDecimal(target, cumulative);
  if (compareDecimal(remaining, '0') <= 0) return null;
  return rateOf({ numerator: remaining, denominator: Math.max(remainingMonths, 1) }, 4, false);
}

/** The bulletin's text, written from the snapshot's own figures (every number is one of its cells). */
export function narrativeOf(s: BulletinSnapshot, nameOf: (unitId: string) => string): NarrativeSection[] {
  const sections: NarrativeSection[] = [];
  const cut = chineseDate(s.cutoff);
  const tp = formatPercent(s.timeProgress);
  const amount = (v: string, unit: string) => formatWithUnit(v, unit);

  // 一、总体情况
  const overall: string[] = [];
  const parts = s.indicators.map((t) => {
    const d = t.district;
    const bits = [`${t.name}${d.cumulative === null ? '—' : amount(d.cumulative, t.unit)}`];
    if (d.completion !== null) {
      bits.push(`完成年度目标的${formatPercent(d.completion)}`);
      if (d.ahead !== null) {
        const c = compareDecimal(d.ahead, '0');
        bits.push(
          c > 0
            ? `快于序时进度${formatPoints(d.ahead).replace('+', '')}`
            : c < 0
              ? `慢于序时进度${formatPoints(d.ahead).replace('-', '')}`
              : '与序时进度持平',
        );
      }
    }
    if (d.yoy !== null) bits.push(`同比${formatYoy(d.yoy)}`);
    return bits.join('，');
  });
  overall.push(`截至${cut}，序时进度为${tp}。全区${parts.join('；')}。`);
  const periodParts = s.indicators
    .filter((t) => t.unit !== '%' && t.district.period !== null)
    .map((t) => `${t.name}${amount(t.district.period!, t.unit)}`);
  if (periodParts.length > 0) overall.push(`${s.periodLabel}当期，全区${periodParts.join('，')}。`);
  sections.push({ heading: `${sectionNumeral(1)}总体情况`, paragraphs: overall });

  // 二、各单位进展
  const unitsText: string[] = [];
  const groups = [...new Map(s.units.map((u) => [u.group, u.groupName])).entries()];
  const basis = s.scores
    ? `按${s.scores.schemeName}（第${s.scores.schemeVersion}版）综合得分`
    : '按签约额目标完成率';
  for (const [g, gName] of groups) {
    const red = s.redList.filter((x) => x.group === g);
    const black = s.blackList.filter((x) => x.group === g);
    if (red.length === 0 && black.length === 0) continue;
    // Scores print to 2 decimals, half-up (the table keeps the scheme's exact figure).
    const fmt = (x: ListedUnit) =>
      `${nameOf(x.unitId)}（${s.scores ? `${rateOf({ numerator: x.total, denominator: 1 }, 2, false)}分` : formatPercent(x.total)}）`;
    const listText = (xs: ListedUnit[]) =>
      xs.length > MAX_NAMED
        ? `${xs.slice(0, MAX_NAMED).map(fmt).join('、')}等${xs.length}个单位`
        : xs.map(fmt).join('、');
    const bits = [`${gName}中，${basis}，${listText(red)}位列前列，列入红榜`];
    if (black.length > 0) bits.push(`${listText(black)}排名靠后，列入黑榜`);
    unitsText.push(`${bits.join('；')}。`);
  }
  if (s.blankUnits.length > 0) {
    unitsText.push(
      `${joinNames(s.blankUnits.map(nameOf))}本期签约项目、开工项目、到位资金均为零，交了“白卷”，予以通报。`,
    );
  } else {
    unitsText.push('本期各单位均有签约、开工或资金到位，无交“白卷”单位。');
  }
  sections.push({ heading: `${sectionNumeral(2)}各单位进展情况`, paragraphs: unitsText });

  // 三、全市位次
  const cityText: string[] = [];
  for (const c of s.city) {
    if (c.rank === null || c.ours === null) continue;
    const bits = [`${c.name}累计${amount(c.ours, c.unit)}，在全市${c.of}个县区中排名第${c.rank}位`];
    if (c.ahead)
      bits.push(
        `标兵${c.ahead.name}为${amount(c.ahead.value, c.unit)}，我区与其相差${amount(c.ahead.gap, c.unit)}`,
      );
    else bits.push('位居全市首位');
    if (c.behind)
      bits.push(
        `追兵${c.behind.name}为${amount(c.behind.value, c.unit)}，我区领先${amount(c.behind.gap, c.unit)}`,
      );
    if (c.toGoal !== null && compareDecimal(c.toGoal, '0') > 0) {
      bits.push(`要实现全市前${c.goalRank}的目标，尚需增加${amount(c.toGoal, c.unit)}`);
    } else {
      bits.push(`已达到全市前${c.goalRank}的目标`);
    }
    cityText.push(`${bits.join('；')}。`);
  }
  if (cityText.length === 0) cityText.push('本期暂无全市各县区横向对比数据。');
  sections.push({ heading: `${sectionNumeral(3)}全市位次情况`, paragraphs: cityText });

  // 四、存在问题
  const problems: string[] = [];
  const notStarted = s.stalledProjects.filter((p) => p.reason === 'not_started');
  const noInvest = s.stalledProjects.filter((p) => p.reason === 'no_investment');
  if (notStarted.length > 0) {
    problems.push(
      `一是部分签约项目逾期未开工。截至${cut}，共有${notStarted.length}个项目已过协议约定开工日期仍未开工：${notStarted
        .slice(0, MAX_NAMED)
        .map((p) => `${nameOf(p.unitId)}${p.name}（约定${chineseDate(p.since)}开工）`)
        .join('；')}${notStarted.length > MAX_NAMED ? '等' : ''}。`,
    );
  }
  if (noInvest.length > 0) {
    problems.push(
      `${problems.length === 0 ? '一' : '二'}是部分在建项目推进缓慢。共有${noInvest.length}个已开工项目连续多月未报送完成投资：${noInvest
        .slice(0, MAX_NAMED)
        .map((p) => `${nameOf(p.unitId)}${p.name}`)
        .join('、')}${noInvest.length > MAX_NAMED ? '等' : ''}。`,
    );
  }
  if (s.missingReports.length > 0) {
    const byUnit = new Map<string, string[]>();
    for (const m of s.missingReports)
      byUnit.set(m.unitId, [...(byUnit.get(m.unitId) ?? []), chineseMonth(m.month)]);
    const ordinal = ['一', '二', '三'][problems.length] ?? '另';
    problems.push(
      `${ordinal}是资金月报报送不及时。${[...byUnit.entries()]
        .map(([u, ms]) => `${nameOf(u)}（${ms.join('、')}）`)
        .join('、')}未按时报送资金到位月报。`,
    );
  }
  if (problems.length === 0) problems.push('本期未发现逾期未开工、停滞项目和漏报月报的情况。');
  sections.push({ heading: `${sectionNumeral(4)}存在问题`, paragraphs: problems });

  // 五、下步要求
  const asks: string[] = [];
  const remainingMonths = 12 - Number(s.cutoff.slice(5, 7));
  for (const t of s.indicators) {
    const d = t.district;
    if (t.unit === '%' || t.unit === '元每个' || d.target === null || d.cumulative === null) continue;
    if (LOWER_IS_BETTER.has(t.key)) continue;
    const per = perMonthToTarget(d.target, d.cumulative, remainingMonths);
    if (per === null) {
      asks.push(`${t.name}已完成年度目标${amount(d.target, t.unit)}，要巩固成果、再创佳绩。`);
    } else if (remainingMonths === 0) {
      asks.push(
        `${t.name}距年度目标${amount(d.target, t.unit)}尚差${amount(subtractDecimal(d.target, d.cumulative), t.unit)}。`,
      );
    } else {
      asks.push(
        `${t.name}距年度目标${amount(d.target, t.unit)}尚差${amount(
          subtractDecimal(d.target, d.cumulative),
          t.unit,
        )}，今后${remainingMonths}个月须月均完成${amount(per, t.unit)}。`,
      );
    }
  }
  asks.unshift(
    remainingMonths > 0
      ? `距年底仅剩${remainingMonths}个月，各单位要对照年度目标任务，倒排工期、挂图作战，确保完成全年任务。`
      : '各单位要认真总结全年工作，查找差距，谋划好明年招商引资工作。',
  );
  if (s.blankUnits.length > 0 || s.blackList.length > 0) {
    asks.push(
      '列入黑榜和交“白卷”的单位要深刻剖析原因，于5个工作日内向区招商引资工作领导小组办公室书面说明情况并提出整改措施。',
    );
  }
  if (s.stalledProjects.length > 0 || s.missingReports.length > 0) {
    asks.push(
      '对逾期未开工和停滞项目，责任单位要逐一建立台账、明确时限，推动项目尽快开工、形成实物量；要严格落实资金到位月报制度，按时报送。',
    );
  }
  sections.push({ heading: `${sectionNumeral(5)}下步工作要求`, paragraphs: asks });
  return sections;
}
