import type { IndicatorKey } from '../indicators/catalogue.js';

// The frozen content of a bulletin (月通报 / 季评比): everything the .docx, the .xlsx, the print view and the
// web page show, as plain JSON. Built once from the data (bulletins.compose.ts); once published it is stored
// and never recomputed, so a bulletin reads the same years later whatever happens to the data or the code.
// Every figure is text in its stored unit (元, 美分, counts with up to 4 decimals, percents with 2 decimals):
// formatting for people (万元, 亿元, 万美元) happens at render time from these exact values (format.ts).

export const SNAPSHOT_FORMAT = 1;

export interface SnapshotUnit {
  id: string;
  name: string;
  /** town / department / park / team: the ranking group. */
  group: string;
  groupName: string;
}

export interface IndicatorTableRow {
  unitId: string;
  /** Targets and figures in the indicator's unit; ratios as percent (rates) or 元/个 (average size). */
  target: string | null;
  period: string | null;
  cumulative: string | null;
  /** Percent (2 dp) / percentage points. */
  completion: string | null;
  ahead: string | null;
  yoy: string | null;
  /** Rank within the unit's group by completion (by cumulative when no target); ties share. */
  rank: number | null;
}

export interface IndicatorTable {
  key: IndicatorKey;
  name: string;
  /** 个 / 次 / 元 / 美分 / % / 元每个: how to read `target`, `period`, `cumulative`. */
  unit: string;
  rows: IndicatorTableRow[];
  /** The district as a whole against the district's own target (unitId '' ). */
  district: IndicatorTableRow;
}

export interface ScoreRow {
  unitId: string;
  /** Item key → score (decimal text, exact to the scheme's rounding) or null where the item does not apply. */
  items: Record<string, string | null>;
  /** Items whose formula had no value and scored their ifMissing. */
  missingItems: string[];
  total: string;
  rank: number;
}

export interface ScoreTable {
  schemeId: string;
  schemeName: string;
  schemeVersion: number;
  items: { key: string; name: string; points: string; group?: string }[];
  rows: ScoreRow[];
}

export interface ListedUnit {
  unitId: string;
  group: string;
  rank: number;
  total: string;
}

export interface StalledProject {
  projectId: string;
  name: string;
  unitId: string;
  /** not_started: signed, agreed start date passed, not started; no_investment: started, nothing reported. */
  reason: 'not_started' | 'no_investment';
  /** The date it has been stalled since (agreed start date, or the last month with investment). */
  since: string;
  signedAmountYuan: string | null;
}

export interface MissingReport {
  unitId: string;
  /** YYYY-MM: a month of the period whose capital reports the unit had not submitted by the cut-off. */
  month: string;
  /** Projects that needed a report that month. */
  projects: number;
}

export interface NarrativeSection {
  heading: string;
  paragraphs: string[];
}

/** The district among the districts of the city on one indicator (横向对比), cumulative through a month. */
export interface CityStanding {
  indicatorKey: IndicatorKey;
  name: string;
  unit: string;
  /** Cumulative through this month of the year. */
  month: number;
  ours: string | null;
  /** Our rank (1 = best, ties share) among `of` districts with a figure; null when we have none. */
  rank: number | null;
  of: number;
  /** 标兵: the district just ahead of us and how far; 追兵: the one just behind. */
  ahead: { name: string; value: string; gap: string } | null;
  behind: { name: string; value: string; gap: string } | null;
  /** The rank aimed for (全市前三 = 3) and what we still need to reach it (0 when there already). */
  goalRank: number;
  toGoal: string | null;
}

export interface BulletinSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  district: { id: string; name: string; cityName: string | null };
  kind: 'month' | 'quarter';
  year: number;
  period: number;
  /** '2026年10月' / '2026年第三季度'. */
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  cutoff: string;
  version: number;
  /** Why this version replaces the previous one (versions ≥ 2). */
  reason: string | null;
  title: string;
  docNumber: string | null;
  issuingBody: string;
  /** 成文日期: the day it was published (the draft's day while a draft). */
  issuedOn: string;
  timeProgress: string;
  timeProgressBasis: 'months' | 'days';
  /** The 口径 in force (definitionsSchema output). */
  definitions: Record<string, unknown>;
  units: SnapshotUnit[];
  indicators: IndicatorTable[];
  scores: ScoreTable | null;
  redList: ListedUnit[];
  blackList: ListedUnit[];
  /** 交白卷: units with nothing signed, started or in place in the period. */
  blankUnits: string[];
  stalledProjects: StalledProject[];
  missingReports: MissingReport[];
  /** The city comparison through the period's last month (empty when no other district's figures exist). */
  city: CityStanding[];
  narrative: NarrativeSection[];
  /** sha256 (hex) of the inputs the figures were computed from. */
  inputHash: string;
}
