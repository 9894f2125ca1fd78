import ExcelJS from 'exceljs';
import { chineseDate, formatPercent, MONEY_FOOTNOTE } from '../../../../domain/bulletins/format.js';
import { definitionsSummary, type LayoutTable, layoutBulletin } from '../../../../domain/bulletins/layout.js';
import type { BulletinSnapshot } from '../../../../domain/bulletins/snapshot.js';
import { pinPackage } from './zip-pin.js';

// The bulletin as a workbook: a 说明 sheet (what, when, the 口径, the input hash), then every table of the
// document, one per sheet, in the document's order (layout.ts). Figures are numbers, not text: money in 万元 /
// 万美元 exact to the 元 / cent (shown with 2 decimals), percents as plain numbers shown with a % sign, so the
// center can sort and sum; what is printed is what format.ts prints. The same snapshot gives the same bytes.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = 'SimSun';

/** Display width of a string in Excel columns (CJK counts double). */
function widthOf(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 1 : 2;
  return w;
}

function coverSheet(wb: ExcelJS.Workbook, s: BulletinSnapshot): void {
  const ws = wb.addWorksheet('说明');
  ws.columns = [
    { key: 'k', width: 16 },
    { key: 'v', width: 90 },
  ];
  const rows: [string, string][] = [
    ['标题', s.title],
    ['发文机关', s.issuingBody],
    ['文号', s.docNumber ?? ''],
    ['期间', s.periodLabel],
    ['统计区间', `${chineseDate(s.periodStart)}至${chineseDate(s.periodEnd)}`],
    ['数据截止', chineseDate(s.cutoff)],
    [
      '序时进度',
      `${formatPercent(s.timeProgress)}（${s.timeProgressBasis === 'days' ? '按天数计算' : '按月份计算'}）`,
    ],
    ['成文日期', chineseDate(s.issuedOn)],
    ['版本', s.version > 1 ? `第${s.version}版（${s.reason ?? ''}）` : `第${s.version}版`],
    ['考核方案', s.scores ? `${s.scores.schemeName}（第${s.scores.schemeVersion}版）` : '无'],
    ['金额单位', MONEY_FOOTNOTE.replace('金额单位：', '')],
    ...definitionsSummary(s.definitions).map((line, i): [string, string] => [
      i === 0 ? '统计口径' : '',
      line,
    ]),
    ['数据指纹', s.inputHash],
  ];
  const title = ws.addRow([s.title]);
  ws.mergeCells(1, 1, 1, 2);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  title.height = 28;
  for (const [k, v] of rows) {
    const r = ws.addRow([k, v]);
    r.getCell(1).font = { name: FONT, bold: true };
    r.getCell(2).font = { name: FONT };
    r.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
}

/** A table with a 类别 column after the first where its rows carry their ranking group (sortable, filterable). */
function withGroupColumn(t: LayoutTable): LayoutTable {
  if (!t.rows.some((r) => r.group !== undefined)) return t;
  return {
    ...t,
    columns: [t.columns[0]!, { title: '类别', width: 6, align: 'center' }, ...t.columns.slice(1)],
    rows: t.rows.map((r) => ({
      ...r,
      cells: [r.cells[0]!, { text: r.group ?? '', value: r.group ?? null }, ...r.cells.slice(1)],
    })),
  };
}

function tableSheet(wb: ExcelJS.Workbook, table: LayoutTable, name: string): void {
  const t = withGroupColumn(table);
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }] });
  const n = t.columns.length;
  ws.columns = t.columns.map((c, i) => ({
    key: `c${i}`,
    width: Math.max(
      widthOf(c.title) + 2,
      c.width * 2,
      ...t.rows.map((r) => widthOf(r.cells[i]?.text ?? '') + 2),
    ),
  }));
  const caption = ws.addRow([t.caption.replace(/^（[一二三四五六七八九十]+）/, '')]);
  ws.mergeCells(1, 1, 1, n);
  caption.font = { name: FONT, size: 14, bold: true };
  caption.alignment = { horizontal: 'center' };
  caption.height = 24;
  const note = ws.addRow([t.note ?? '']);
  ws.mergeCells(2, 1, 2, n);
  note.font = { name: FONT, size: 10 };
  note.alignment = { horizontal: 'right' };
  const header = ws.addRow(t.columns.map((c) => c.title));
  header.height = 32;
  header.eachCell((cell) => {
    cell.font = { name: FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  if (t.rows.length === 0) {
    const r = ws.addRow([t.emptyText]);
    ws.mergeCells(r.number, 1, r.number, n);
    r.getCell(1).font = { name: FONT };
  }
  for (const row of t.rows) {
    const r = ws.addRow(row.cells.map((c) => c.value));
    row.cells.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      cell.border = THIN;
      cell.font = { name: FONT, bold: row.total === true };
      if (row.total) cell.fill = TOTAL_FILL;
      if (typeof c.value === 'number' && c.numFmt) cell.numFmt = c.numFmt;
      const align = t.columns[i]?.align ?? 'left';
      cell.alignment = { horizontal: typeof c.value === 'number' && align === 'left' ? 'right' : align };
    });
  }
  if (t.footnote) {
    const f = ws.addRow([`注：${t.footnote}。`]);
    ws.mergeCells(f.number, 1, f.number, n);
    f.font = { name: FONT, size: 10 };
  }
  ws.pageSetup = {
    paperSize: 9,
    orientation: n > 6 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  ws.pageSetup.printTitlesRow = '3:3';
}

/** The bulletin as an .xlsx, byte-for-byte the same for the same snapshot. */
export async function renderBulletinXlsx(snapshot: BulletinSnapshot): Promise<Buffer> {
  const layout = layoutBulletin(snapshot);
  const wb = new ExcelJS.Workbook();
  const day = new Date(`${snapshot.issuedOn}T00:00:00Z`);
  wb.creator = snapshot.issuingBody;
  wb.lastModifiedBy = snapshot.issuingBody;
  wb.title = snapshot.title;
  wb.subject = snapshot.periodLabel;
  wb.created = day;
  wb.modified = day;
  wb.lastPrinted = day;
  coverSheet(wb, snapshot);
  const used = new Set(['说明']);
  for (const sec of layout.annex) {
    for (const b of sec.blocks) {
      if (b.kind !== 'table') continue;
      let name = b.table.sheetName;
      for (let i = 2; used.has(name); i++) name = `${b.table.sheetName.slice(0, 28)}(${i})`;
      used.add(name);
      tableSheet(wb, b.table, name);
    }
  }
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return pinPackage(raw, {
    day: snapshot.issuedOn,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
