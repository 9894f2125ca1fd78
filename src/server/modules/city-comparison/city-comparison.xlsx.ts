import ExcelJS from 'exceljs';
import {
  type CityComparisonView,
  COMPARISON_KEYS,
  type ComparisonKey,
  countString,
  PEER_NAME_MAX,
} from '../../../domain/city-comparison/city-comparison.schemas.js';
import {
  type AmountUnit,
  type CellValue,
  readAmount,
  readText,
} from '../../../domain/imports/cell-values.js';
import { columnLetter } from '../../../domain/imports/import-columns.js';
import { CATALOGUE_BY_KEY } from '../../../domain/indicators/catalogue.js';
import { toCellValue } from '../imports/imports.xlsx.js';
import { cityErrors } from './city-comparison.errors.js';

// The city's bulletin table as a workbook: one row per district, one column per indicator, in the units the
// city prints (万元, 万美元, 个). The template is filled with what is known for the month so the center only
// corrects it; reading accepts the city's own sheet too: title rows above the header, 序号 and 排名 columns,
// units in the header (亿元 / 万元 / 元 / 万美元), a 合计 or 全市 row, our own district's row (left alone: our
// figures are computed from our data, not typed).

export const DISPLAY_UNIT: Record<ComparisonKey, string> = {
  signed_count: '个',
  signed_amount: '万元',
  started_count: '个',
  funds_in_place: '万元',
  completed_investment: '万元',
  foreign_capital_used: '万美元',
};

const headerOf = (k: ComparisonKey) => `${CATALOGUE_BY_KEY[k].name.zh}（${DISPLAY_UNIT[k]}）`;
const isMoney = (k: ComparisonKey) => k !== 'signed_count' && k !== 'started_count';

/** A stored value (元 / 美分 / count) as the number the sheet shows (万元 / 万美元 / 个), exactly. */
function displayNumber(k: ComparisonKey, value: string): number {
  if (!isMoney(k)) return Number(value);
  const digits = k === 'foreign_capital_used' ? 6 : 4;
  const t = value.padStart(digits + 1, '0');
  return Number(`${t.slice(0, -digits)}.${t.slice(-digits)}`);
}

export async function cityTemplate(view: CityComparisonView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商调度';
  const ws = wb.addWorksheet('各区县对比', { views: [{ state: 'frozen', ySplit: 2 }] });
  const guide = wb.addWorksheet('说明');
  const width = 2 + COMPARISON_KEYS.length;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value =
    `${view.cityName ?? ''}各区县招商引资主要指标完成情况（${view.year}年1-${view.month}月累计）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  ['序号', '区县', ...COMPARISON_KEYS.map(headerOf)].forEach((h, i) => {
    header.getCell(i + 1).value = h;
  });
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 14;
  COMPARISON_KEYS.forEach((k, i) => {
    const col = ws.getColumn(i + 3);
    col.width = 18;
    col.numFmt = isMoney(k) ? '#,##0.00' : '0';
  });
  view.rows.forEach((row, i) => {
    const r = ws.getRow(3 + i);
    r.getCell(1).value = i + 1;
    r.getCell(2).value = row.name;
    COMPARISON_KEYS.forEach((k, j) => {
      const cell = row.values[k];
      // Live figures are left blank: typing nothing keeps them live; a number typed over one replaces it.
      if (cell && cell.source !== 'live' && cell.source !== 'published')
        r.getCell(j + 3).value = displayNumber(k, cell.value);
    });
    if (row.ours) r.font = { color: { argb: 'FF808080' } };
  });
  guide.getColumn(1).width = 100;
  [
    '填表说明',
    `每行一个区县，每列一项指标（${view.year}年1月至${view.month}月累计数）。金额单位：万元（实际使用外资为万美元），个数单位：个。`,
    `本区（${view.districtName}）的数据由系统按本区口径实时计算，表中本区一行仅供参考，导入时不读取。`,
    '留空的单元格不导入（已录入的数保持不变；同城在本系统运行的区县，留空即采用其实时数）。',
    '可直接使用市里通报的表格：标题行、序号、排名、合计/全市行会自动跳过；表头写明“亿元”“万元”“元”时按表头单位读取。',
    '任何一格有误时整张表不导入，并逐格列出问题。',
  ].forEach((line, i) => {
    guide.getCell(i + 1, 1).value = line;
    if (i === 0) guide.getCell(1, 1).font = { bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReadFigure {
  peerName: string;
  indicatorKey: ComparisonKey;
  value: string;
}
export interface ReadProblem {
  row: number;
  column: string;
  header: string;
  en: string;
  zh: string;
}
export interface ReadResult {
  figures: ReadFigure[];
  problems: ReadProblem[];
  skipped: { row: number; name: string; reason: string }[];
}

const HEADER_SCAN_ROWS = 10;
const NOT_A_FIGURE = /排名|位次|名次|增速|增幅|增长|同比|环比|%|％|率|进度|本月|当月|备注/;
const NAME_HEADER =
  /^(区县|县区|区\(县\)|县\(市、区\)|县\(市\)区|县市区|区\/县|地区|区域|单位|单位名称|名称)$/;
const TOTAL_ROW = /^(合计|总计|小计|全市|全市合计|全市总计)$/;

function indicatorOfHeader(h: string): ComparisonKey | null {
  if (NOT_A_FIGURE.test(h)) return null;
  if (/外资/.test(h)) return 'foreign_capital_used';
  if (/签约/.test(h) && /额|金额|总投资|资金/.test(h)) return 'signed_amount';
  if (/签约/.test(h) && /项目|个数|数量/.test(h)) return 'signed_count';
  if (/开工/.test(h) && /项目|个数|数量/.test(h)) return 'started_count';
  if (/到位/.test(h)) return 'funds_in_place';
  if (/完成.*投资|固定资产投资/.test(h)) return 'completed_investment';
  return null;
}

function unitOfHeader(k: ComparisonKey, h: string): AmountUnit {
  if (k === 'foreign_capital_used') return /万美元/.test(h) ? 'wan_usd' : /美元/.test(h) ? 'usd' : 'wan_usd';
  if (/亿元/.test(h)) return 'yi';
  if (/万元/.test(h)) return 'wan';
  if (/[(（]元[)）]|单位：元/.test(h)) return 'yuan';
  return 'wan';
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s/g, '');
function textOf(cell: ExcelJS.Cell): string | null {
  const t = readText(toCellValue(cell.value));
  return t.ok ? t.value : null;
}

/** A count cell: a non-negative number with at most 4 decimals. */
function readCount(v: CellValue): { ok: true; value: string | null } | { ok: false; en: string; zh: string } {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return { ok: false, en: 'Must not be negative.', zh: '不能为负数。' };
    const s = Number(v.toFixed(4)).toString();
    if (Math.abs(Number(s) - v) > 1e-9 || /e/i.test(s)) {
      return { ok: false, en: `${v}: at most 4 decimals.`, zh: `“${v}”：最多4位小数。` };
    }
    return { ok: true, value: s };
  }
  const t = readText(v);
  if (!t.ok) return t;
  if (t.value === null) return t;
  const s = norm(t.value).replace(/个$/, '').replace(/,/g, '');
  if (s.startsWith('-'))
    return { ok: false, en: `“${t.value}”: must not be negative.`, zh: `“${t.value}”：不能为负数。` };
  if (!countString.safeParse(s).success) {
    return {
      ok: false,
      en: `“${t.value}” is not a count (a number, at most 4 decimals).`,
      zh: `“${t.value}”不是有效的个数（数字，最多4位小数）。`,
    };
  }
  return { ok: true, value: s.includes('.') ? s.replace(/\.?0+$/, '') : s };
}

/**
 * Every figure of the sheet, or every problem with its row and column. `ourName` is our district: its row is
 * skipped, never read as a peer.
 */
export async function readCityWorkbook(content: Buffer, ourName: string): Promise<ReadResult> {
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) throw cityErrors.notXlsx();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw cityErrors.notXlsx();
  }
  let found: {
    ws: ExcelJS.Worksheet;
    row: number;
    nameCol: number;
    cols: Map<number, ComparisonKey>;
  } | null = null;
  for (const ws of wb.worksheets) {
    if (ws.name.trim() === '说明' || ws.actualRowCount === 0) continue;
    for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SCAN_ROWS) && !found; r++) {
      const row = ws.getRow(r);
      let nameCol = 0;
      const cols = new Map<number, ComparisonKey>();
      for (let c = 1; c <= ws.columnCount; c++) {
        const h = textOf(row.getCell(c));
        if (!h) continue;
        const n = norm(h);
        const k = indicatorOfHeader(n);
        if (k) cols.set(c, k);
        else if (!nameCol && NAME_HEADER.test(n.replace(/（/g, '(').replace(/）/g, ')'))) nameCol = c;
      }
      if (nameCol && cols.size > 0) found = { ws, row: r, nameCol, cols };
    }
    if (found) break;
  }
  if (!found) throw cityErrors.noHeader();

  const { ws, row: headerRow, nameCol, cols } = found;
  const problems: ReadProblem[] = [];
  const headerText = (c: number) => textOf(ws.getRow(headerRow).getCell(c)) ?? '';
  const problem = (row: number, c: number, en: string, zh: string) =>
    problems.push({ row, column: columnLetter(c - 1), header: headerText(c), en, zh });
  const seenKeys = new Map<ComparisonKey, number>();
  for (const [c, k] of cols) {
    const first = seenKeys.get(k);
    if (first !== undefined) {
      problem(
        headerRow,
        c,
        `A second column for ${CATALOGUE_BY_KEY[k].name.en} (the first is column ${columnLetter(first - 1)}).`,
        `“${CATALOGUE_BY_KEY[k].name.zh}”有两列（另一列为${columnLetter(first - 1)}列），请只保留累计数一列。`,
      );
    } else seenKeys.set(k, c);
  }
  const figures: ReadFigure[] = [];
  const skipped: ReadResult['skipped'] = [];
  const names = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const rawName = textOf(row.getCell(nameCol));
    const values = [...cols.keys()].map((c) => toCellValue(row.getCell(c).value));
    const blank = values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
    if (!rawName && blank) continue;
    const name = rawName ? norm(rawName) : '';
    if (TOTAL_ROW.test(name)) {
      skipped.push({ row: r, name, reason: '合计行' });
      continue;
    }
    if (name === ourName) {
      skipped.push({ row: r, name, reason: '本区数据由系统计算' });
      continue;
    }
    if (!name) {
      problem(r, nameCol, 'The district’s name is missing.', '缺少区县名称。');
      continue;
    }
    if (name.length > PEER_NAME_MAX) {
      problem(
        r,
        nameCol,
        `A name of at most ${PEER_NAME_MAX} characters.`,
        `名称不能超过${PEER_NAME_MAX}个字。`,
      );
      continue;
    }
    const dup = names.get(name);
    if (dup !== undefined) {
      problem(r, nameCol, `“${name}” is already on row ${dup}.`, `“${name}”与第${dup}行重复。`);
      continue;
    }
    names.set(name, r);
    for (const [c, k] of cols) {
      if (seenKeys.get(k) !== c) continue;
      const v = toCellValue(row.getCell(c).value);
      const read = isMoney(k) ? readAmount(v, unitOfHeader(k, norm(headerText(c)))) : readCount(v);
      if (!read.ok) problem(r, c, read.en, read.zh);
      else if (read.value !== null) figures.push({ peerName: name, indicatorKey: k, value: read.value });
    }
  }
  return { figures, problems, skipped };
}
