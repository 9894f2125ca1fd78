import {
  cellNumber,
  cellNumberFormat,
  chineseDate,
  chineseMonth,
  displayUnitOf,
  EMPTY_CELL,
  formatCell,
  formatCount,
  formatPercent,
  formatPoints,
  formatRank,
  formatScore,
  formatSignedPercent,
  isMoneyUnit,
  MONEY_FOOTNOTE,
  sectionNumeral,
  subsectionNumeral,
  yuanToWanNumber,
  yuanToWanText,
} from './format.js';
import type { BulletinSnapshot, IndicatorTable, IndicatorTableRow } from './snapshot.js';

// The bulletin as a document, before any file format: header, title, numbered narrative, the signature and
// date, and the annex of tables. The .docx, the .xlsx, the web page and the print view all lay out THIS, so
// they show the same tables in the same order with the same digits (format.ts). Pure.

export type CellAlign = 'left' | 'center' | 'right';

export interface LayoutCell {
  /** What the document prints. */
  text: string;
  /** What a spreadsheet stores: a number in the column's display unit, or text; null for an empty cell. */
  value: number | string | null;
  /** Excel number format for a numeric value. */
  numFmt?: string;
}

export interface LayoutColumn {
  title: string;
  /** Relative width in characters of the body font (the .docx and the .xlsx scale it). */
  width: number;
  align: CellAlign;
}

export interface LayoutTable {
  /** Stable key (sheet order, test ids). */
  key: string;
  /** Sheet name: ≤ 31 characters, none of []:*?/\. */
  sheetName: string;
  /** The caption over the table, e.g. '（一）签约额（单位：万元）'. */
  caption: string;
  /** A line under the caption, e.g. '序时进度：83.33%'. */
  note: string | null;
  columns: LayoutColumn[];
  /**
   * Rows in order. `group`: the unit's ranking group (乡镇/街道 …) where the table is ranked within groups; the
   * document prints a group row when it changes, the spreadsheet a 类别 column after the first.
   */
  rows: { cells: LayoutCell[]; total?: boolean; group?: string }[];
  /** The unit footnote when the table carries money. */
  footnote: string | null;
  /** What to print instead of an empty table. */
  emptyText: string;
}

export type LayoutBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'table'; table: LayoutTable };

export interface LayoutSection {
  /** With its numeral: '一、总体情况'. */
  heading: string;
  blocks: LayoutBlock[];
}

export interface BulletinLayout {
  issuingBody: string;
  docNumber: string | null;
  title: string;
  /** For a corrected version: '（第2版，更正原因：…）'. */
  versionNote: string | null;
  sections: LayoutSection[];
  /** 署名 and 成文日期. */
  signature: string;
  dateText: string;
  annexTitle: string;
  annex: LayoutSection[];
  /** 版记: who prints it and when. */
  imprint: { body: string; date: string };
}

const USD_FOOTNOTE = '金额单位：万美元，保留两位小数，四舍五入';
const NUMBERED = /^[一二三四五六七八九十]+、/;

const text = (t: string): LayoutCell => ({ text: t, value: t === EMPTY_CELL ? null : t });
const int = (n: number | null): LayoutCell => ({
  text: formatRank(n),
  value: n,
  numFmt: '0',
});

function figure(v: string | null, unit: string): LayoutCell {
  return { text: formatCell(v, unit), value: cellNumber(v, unit), numFmt: cellNumberFormat(unit) };
}
function percent(v: string | null): LayoutCell {
  return { text: v === null ? EMPTY_CELL : formatPercent(v), value: cellNumber(v, '%'), numFmt: '0.00"%"' };
}
function points(v: string | null): LayoutCell {
  // In a table the column header says 个百分点; the cell keeps its sign.
  return {
    text: v === null ? EMPTY_CELL : formatPoints(v).replace('个百分点', ''),
    value: cellNumber(v, '%'),
    numFmt: '+0.00;-0.00;0.00',
  };
}
function growth(v: string | null): LayoutCell {
  return {
    text: v === null ? EMPTY_CELL : formatSignedPercent(v),
    value: cellNumber(v, '%'),
    numFmt: '+0.00"%";-0.00"%";0.00"%"',
  };
}
function score(v: string | null | undefined): LayoutCell {
  // The sheet keeps the exact score (it ranks), shown with 2 decimals like the document.
  return {
    text: formatScore(v),
    value: v === null || v === undefined || v === '' ? null : Number(v),
    numFmt: '0.00',
  };
}

/** Excel refuses these in a sheet name, and names over 31 characters. */
export function sheetNameOf(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}

export function layoutBulletin(s: BulletinSnapshot): BulletinLayout {
  const unitById = new Map(s.units.map((u) => [u.id, u]));
  const nameOf = (id: string) => unitById.get(id)?.name ?? id;
  const groupNameOf = (g: string) => s.units.find((u) => u.group === g)?.groupName ?? g;
  const groupOrder = [...new Set(s.units.map((u) => u.group))];
  const unitOrder = new Map(s.units.map((u, i) => [u.id, i]));
  // Rows by group (the snapshot's unit order of groups), then by rank, then by the snapshot's unit order:
  // a table reads as the ranking within each group.
  const byGroupThenRank = <T extends { unitId: string; rank: number | null }>(rows: T[]): T[] =>
    [...rows].sort((a, b) => {
      const ga = groupOrder.indexOf(unitById.get(a.unitId)?.group ?? '');
      const gb = groupOrder.indexOf(unitById.get(b.unitId)?.group ?? '');
      if (ga !== gb) return ga - gb;
      const ra = a.rank ?? Number.MAX_SAFE_INTEGER;
      const rb = b.rank ?? Number.MAX_SAFE_INTEGER;
      if (ra !== rb) return ra - rb;
      return (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0);
    });

  const sections: LayoutSection[] = s.narrative.map((n, i) => ({
    heading: NUMBERED.test(n.heading) ? n.heading : `${sectionNumeral(i + 1)}${n.heading}`,
    blocks: n.paragraphs.map((p) => ({ kind: 'paragraph' as const, text: p })),
  }));

  const annex: LayoutSection[] = [];
  const tp = formatPercent(s.timeProgress);

  // 一、分指标完成情况
  const indicatorTables = s.indicators.map((t, i) => indicatorTable(t, i + 1));
  function indicatorTable(t: IndicatorTable, n: number): LayoutTable {
    const unit = displayUnitOf(t.unit);
    const isRate = unit === '%';
    const isAverage = t.unit === '元每个';
    const rowCells = (r: IndicatorTableRow, name: string): LayoutCell[] => [
      text(name),
      figure(r.target, t.unit),
      figure(r.period, t.unit),
      figure(r.cumulative, t.unit),
      percent(r.completion),
      points(r.ahead),
      growth(r.yoy),
      int(r.rank),
    ];
    const rows: LayoutTable['rows'] = byGroupThenRank(t.rows).map((r) => {
      const u = unitById.get(r.unitId);
      return { cells: rowCells(r, u?.name ?? r.unitId), group: u?.groupName ?? '' };
    });
    rows.push({ cells: rowCells(t.district, '全区合计'), total: true });
    const valueTitle = isRate || isAverage ? '' : `（${unit}）`;
    return {
      key: `indicator:${t.key}`,
      sheetName: sheetNameOf(t.name),
      caption: `${subsectionNumeral(n)}${t.name}（单位：${unit}）`,
      note: `序时进度：${tp}；排名为同类别单位内排名`,
      columns: [
        { title: '单位', width: 9, align: 'left' },
        { title: `年度目标${valueTitle}`, width: 6, align: 'right' },
        { title: isRate ? '本期' : `本期${valueTitle}`, width: 6, align: 'right' },
        { title: isRate || isAverage ? '累计' : `累计${valueTitle}`, width: 6, align: 'right' },
        { title: '完成率', width: 5, align: 'right' },
        { title: '超欠序时进度（个百分点）', width: 6, align: 'right' },
        { title: '同比', width: 5, align: 'right' },
        { title: '排名', width: 3, align: 'center' },
      ],
      rows,
      footnote: isMoneyUnit(t.unit) ? (t.unit === '美分' ? USD_FOOTNOTE : MONEY_FOOTNOTE) : null,
      emptyText: '本期无数据。',
    };
  }
  if (indicatorTables.length > 0) {
    annex.push({
      heading: '分指标完成情况',
      blocks: indicatorTables.map((table) => ({ kind: 'table' as const, table })),
    });
  }

  // 二、考核得分
  if (s.scores) {
    const sc = s.scores;
    const rows = byGroupThenRank(sc.rows).map((r) => {
      const u = unitById.get(r.unitId);
      return {
        group: u?.groupName ?? '',
        cells: [
          text(u?.name ?? r.unitId),
          ...sc.items.map((it) => score(r.items[it.key])),
          score(r.total),
          int(r.rank),
        ],
      };
    });
    annex.push({
      heading: '考核得分及排名',
      blocks: [
        {
          kind: 'table',
          table: {
            key: 'scores',
            sheetName: '考核得分',
            caption: `${sc.schemeName}（第${sc.schemeVersion}版）得分`,
            note: '同类别单位内排名，得分相同的并列',
            columns: [
              { title: '单位', width: 9, align: 'left' },
              ...sc.items.map((it) => ({
                title: `${it.name}（${formatCount(it.points)}分）`,
                width: 5,
                align: 'right' as const,
              })),
              { title: '总分', width: 5, align: 'right' },
              { title: '排名', width: 3, align: 'center' },
            ],
            rows,
            footnote: null,
            emptyText: '本期无考核得分。',
          },
        },
      ],
    });
  }

  // 三、红黑榜
  const listTotal = (t: string): LayoutCell =>
    s.scores ? score(t) : { text: formatPercent(t), value: Number(t), numFmt: '0.00"%"' };
  const listRows = [
    ...s.redList.map((x) => ({ board: '红榜', x })),
    ...s.blackList.map((x) => ({ board: '黑榜', x })),
  ].map(({ board, x }) => ({
    cells: [text(board), text(nameOf(x.unitId)), text(groupNameOf(x.group)), listTotal(x.total), int(x.rank)],
  }));
  annex.push({
    heading: '红黑榜',
    blocks: [
      {
        kind: 'table',
        table: {
          key: 'lists',
          sheetName: '红黑榜',
          caption: '红榜、黑榜单位',
          note: s.scores ? '按综合得分在同类别单位内排名' : '按签约额目标完成率在同类别单位内排名',
          columns: [
            { title: '榜别', width: 4, align: 'center' },
            { title: '单位', width: 10, align: 'left' },
            { title: '类别', width: 6, align: 'center' },
            { title: s.scores ? '得分' : '完成率', width: 6, align: 'right' },
            { title: '排名', width: 4, align: 'center' },
          ],
          rows: listRows,
          footnote: null,
          emptyText: '本期无红黑榜单位。',
        },
      },
    ],
  });

  // 四、交白卷
  annex.push({
    heading: '交白卷单位',
    blocks: [
      {
        kind: 'table',
        table: {
          key: 'blank',
          sheetName: '交白卷',
          caption: '本期签约、开工、到位资金均为零的单位',
          note: null,
          columns: [
            { title: '序号', width: 3, align: 'center' },
            { title: '单位', width: 12, align: 'left' },
            { title: '类别', width: 8, align: 'center' },
          ],
          rows: s.blankUnits.map((id, i) => ({
            cells: [int(i + 1), text(nameOf(id)), text(unitById.get(id)?.groupName ?? '')],
          })),
          footnote: null,
          emptyText: '本期无交白卷单位。',
        },
      },
    ],
  });

  // 五、停滞项目
  const stalled = [...s.stalledProjects].sort(
    (a, b) =>
      (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) ||
      a.since.localeCompare(b.since) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  annex.push({
    heading: '停滞项目',
    blocks: [
      {
        kind: 'table',
        table: {
          key: 'stalled',
          sheetName: '停滞项目',
          caption: '逾期未开工及开工后未报投资的项目',
          note: null,
          columns: [
            { title: '序号', width: 3, align: 'center' },
            { title: '项目名称', width: 14, align: 'left' },
            { title: '责任单位', width: 8, align: 'left' },
            { title: '情形', width: 8, align: 'center' },
            { title: '起始日期', width: 8, align: 'center' },
            { title: '签约额（万元）', width: 7, align: 'right' },
          ],
          rows: stalled.map((p, i) => ({
            cells: [
              int(i + 1),
              text(p.name),
              text(nameOf(p.unitId)),
              text(p.reason === 'not_started' ? '逾期未开工' : '开工后未报投资'),
              text(chineseDate(p.since)),
              p.signedAmountYuan === null
                ? text(EMPTY_CELL)
                : {
                    text: yuanToWanText(p.signedAmountYuan),
                    value: yuanToWanNumber(p.signedAmountYuan),
                    numFmt: '#,##0.00',
                  },
            ],
          })),
          footnote: stalled.length > 0 ? MONEY_FOOTNOTE : null,
          emptyText: '本期无停滞项目。',
        },
      },
    ],
  });

  // 六、月报缺报
  const missing = [...s.missingReports].sort(
    (a, b) =>
      (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) || a.month.localeCompare(b.month),
  );
  annex.push({
    heading: '资金月报缺报情况',
    blocks: [
      {
        kind: 'table',
        table: {
          key: 'missing',
          sheetName: '月报缺报',
          caption: `截至${chineseDate(s.cutoff)}未报送的资金到位月报`,
          note: null,
          columns: [
            { title: '序号', width: 3, align: 'center' },
            { title: '单位', width: 12, align: 'left' },
            { title: '月份', width: 8, align: 'center' },
            { title: '应报项目数（个）', width: 7, align: 'right' },
          ],
          rows: missing.map((m, i) => ({
            cells: [
              int(i + 1),
              text(nameOf(m.unitId)),
              text(chineseMonth(m.month)),
              { text: String(m.projects), value: m.projects, numFmt: '0' },
            ],
          })),
          footnote: null,
          emptyText: '本期无缺报单位。',
        },
      },
    ],
  });

  // 七、全市对比
  {
    const cityRows = s.city.map((c) => {
      const u = displayUnitOf(c.unit);
      const v = (x: string | null) => figure(x, c.unit);
      return {
        cells: [
          text(`${c.name}（${u}）`),
          v(c.ours),
          text(c.rank === null ? EMPTY_CELL : `${c.rank}/${c.of}`),
          text(c.ahead ? c.ahead.name : EMPTY_CELL),
          v(c.ahead?.gap ?? null),
          text(c.behind ? c.behind.name : EMPTY_CELL),
          v(c.behind?.gap ?? null),
          text(`前${c.goalRank}`),
          v(c.toGoal),
        ],
      };
    });
    const month = s.city[0]?.month ?? (s.kind === 'quarter' ? s.period * 3 : s.period);
    annex.push({
      heading: '全市对比',
      blocks: [
        {
          kind: 'table',
          table: {
            key: 'city',
            sheetName: '全市对比',
            caption: `${s.year}年1—${month}月全市各县区对比`,
            note: null,
            columns: [
              { title: '指标', width: 9, align: 'left' },
              { title: '我区累计', width: 6, align: 'right' },
              { title: '全市排名', width: 4, align: 'center' },
              { title: '标兵', width: 5, align: 'center' },
              { title: '落后标兵', width: 6, align: 'right' },
              { title: '追兵', width: 5, align: 'center' },
              { title: '领先追兵', width: 6, align: 'right' },
              { title: '目标名次', width: 4, align: 'center' },
              { title: '距目标差距', width: 6, align: 'right' },
            ],
            rows: cityRows,
            footnote: s.city.some((c) => isMoneyUnit(c.unit)) ? MONEY_FOOTNOTE : null,
            emptyText: '本期暂无全市各县区对比数据。',
          },
        },
      ],
    });
  }

  annex.forEach((sec, i) => {
    sec.heading = `${sectionNumeral(i + 1)}${sec.heading}`;
  });
  // Captions of the indicator tables already carry （一）…; the others are single tables under their heading.

  return {
    issuingBody: s.issuingBody,
    docNumber: s.docNumber,
    title: s.title,
    versionNote: s.version > 1 ? `（第${s.version}版${s.reason ? `，更正原因：${s.reason}` : ''}）` : null,
    sections,
    signature: s.issuingBody,
    dateText: chineseDate(s.issuedOn),
    annexTitle: `${s.periodLabel}招商引资主要指标完成情况`,
    annex,
    imprint: { body: s.issuingBody, date: `${chineseDate(s.issuedOn)}印发` },
  };
}

/** The 口径 in words for the cover sheet and the web page's footnote. */
export function definitionsSummary(definitions: Record<string, unknown>): string[] {
  const d = definitions as Partial<{
    amountBasis: string;
    minAmountYuan: string | null;
    industrialOnly: boolean;
    excludeWithdrawn: boolean;
    fundOrigins: string[];
    applyCreditShares: boolean;
    capitalIncreaseIncrementOnly: boolean;
  }>;
  const basis: Record<string, string> = {
    signed: '签约额',
    planned_total: '计划总投资',
    fixed_asset: '固定资产投资',
  };
  const origins: Record<string, string> = {
    out_of_province: '省外',
    in_province: '市外省内',
    foreign: '境外',
    local: '本地',
  };
  const lines = ['项目按签约日期计入期间'];
  if (d.amountBasis) lines.push(`金额口径：${basis[d.amountBasis] ?? d.amountBasis}`);
  lines.push(d.minAmountYuan ? `只计金额不低于${yuanToWanText(d.minAmountYuan)}万元的项目` : '不设金额门槛');
  if (d.industrialOnly) lines.push('只计工业项目');
  if (d.excludeWithdrawn !== false) lines.push('退库、终止项目不计');
  if (d.fundOrigins) lines.push(`到位资金来源：${d.fundOrigins.map((o) => origins[o] ?? o).join('、')}`);
  lines.push(
    d.applyCreditShares === false ? '联合认定项目全部计入项目所属单位' : '联合认定项目按认定份额分计',
  );
  if (d.capitalIncreaseIncrementOnly !== false) lines.push('增资扩股项目只计增量');
  return lines;
}
