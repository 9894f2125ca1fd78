import ExcelJS from 'exceljs';
import { CATALOGUE, CATALOGUE_BY_KEY, type IndicatorKey } from '../../../domain/indicators/catalogue.js';
import { UNIT_KIND_LABELS } from '../../../domain/organization/organization.schemas.js';
import {
  displayUnitOf,
  fromDisplay,
  type TargetInputRow,
  toDisplay,
} from '../../../domain/targets/targets.rules.js';
import type { ImportProblem } from '../../../domain/targets/targets.schemas.js';
import type { TargetRow } from '../progress/progress.compute.js';
import { targetsErrors } from './targets.errors.js';
import type { AssessedUnit } from './targets.service.js';

// The 任务分解 workbook (issue 4 item 2): one sheet 任务分解 (units × indicators, each indicator 全年 and the
// four quarters, in the unit a person reads: 万元, 万美元, 个, %) and the city's usual 外资任务表 (foreign
// capital per unit by quarter, 万美元). Reading is the inverse; every cell is checked and every problem is
// reported by sheet, row and column before anything is saved.

export const MAIN_SHEET = '任务分解';
export const FOREIGN_SHEET = '外资任务表';
export const DISTRICT_ROW = '全区（市下达）';
const PARTS = ['全年', '一季度', '二季度', '三季度', '四季度'] as const;
const UNIT_HEADERS = new Set(['单位', '责任单位', '单位名称']);
const FORMULA_LIKE = /^[=+\-@\t\r]/;
export const DEFAULT_KEYS: IndicatorKey[] = [
  'signed_count',
  'signed_amount',
  'started_count',
  'funds_in_place',
  'foreign_capital_used',
  'completed_investment',
];

const headerOf = (key: IndicatorKey) => `${CATALOGUE_BY_KEY[key].name.zh}（${displayUnitOf(key)}）`;
const nameOfHeader = (h: string) => h.replace(/[（(][^）)]*[）)]\s*$/, '').trim();

function asNumber(text: string): number | string {
  const n = Number(text);
  // Keep as text when a number would lose digits (beyond 15 significant).
  return Number.isFinite(n) && String(n) === text.replace(/^0+(?=\d)/, '') ? n : text;
}

export async function targetsWorkbook(units: AssessedUnit[], rows: TargetRow[]): Promise<Buffer> {
  const byKey = new Map(rows.map((r) => [`${r.unitId ?? ''}|${r.indicatorKey}`, r]));
  const used = new Set(rows.map((r) => r.indicatorKey));
  const keys = CATALOGUE.map((e) => e.key).filter((k) => DEFAULT_KEYS.includes(k) || used.has(k));
  const owners: { id: string | null; name: string; kind: string }[] = [
    { id: null, name: DISTRICT_ROW, kind: '' },
    ...units.map((u) => ({ id: u.id, name: u.name, kind: UNIT_KIND_LABELS[u.kind].zh })),
  ];
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商调度';

  const ws = wb.addWorksheet(MAIN_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  ws.getCell(1, 1).value = '单位';
  ws.getCell(1, 2).value = '类别';
  ws.mergeCells(1, 1, 2, 1);
  ws.mergeCells(1, 2, 2, 2);
  keys.forEach((k, i) => {
    const c = 3 + i * 5;
    ws.getCell(1, c).value = headerOf(k);
    ws.mergeCells(1, c, 1, c + 4);
    PARTS.forEach((p, j) => {
      ws.getCell(2, c + j).value = p;
    });
  });
  ws.getRow(1).font = { bold: true };
  ws.getRow(2).font = { bold: true };
  ws.getColumn(1).width = 20;
  owners.forEach((o, i) => {
    const r = ws.getRow(3 + i);
    r.getCell(1).value = o.name;
    if (FORMULA_LIKE.test(o.name)) r.getCell(1).numFmt = '@';
    r.getCell(2).value = o.kind;
    keys.forEach((k, j) => {
      const t = byKey.get(`${o.id ?? ''}|${k}`);
      if (!t) return;
      const values = [t.annual, ...t.quarters];
      values.forEach((v, q) => {
        if (v !== null) r.getCell(3 + j * 5 + q).value = asNumber(toDisplay(k, v));
      });
    });
  });

  const fs = wb.addWorksheet(FOREIGN_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  fs.addRow(['单位', ...PARTS.map((p) => `${p}（万美元）`)]);
  fs.getRow(1).font = { bold: true };
  fs.getColumn(1).width = 20;
  for (const o of owners) {
    const t = byKey.get(`${o.id ?? ''}|foreign_capital_used`);
    const values = t ? [t.annual, ...t.quarters] : [];
    fs.addRow([
      o.name,
      ...values.map((v) => (v === null ? null : asNumber(toDisplay('foreign_capital_used', v)))),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function text(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean' || v instanceof Date) return String(v);
  if ('richText' in v)
    return (
      v.richText
        .map((r) => r.text)
        .join('')
        .trim() || null
    );
  if ('formula' in v || 'sharedFormula' in v) {
    const res = (v as { result?: unknown }).result;
    return res === undefined || res === null ? null : text(res as ExcelJS.CellValue);
  }
  if ('text' in v) return text((v as { text: ExcelJS.CellValue }).text);
  if ('error' in v) return `#${String(v.error)}`;
  return null;
}
const raw = (v: ExcelJS.CellValue): string | number | null => (typeof v === 'number' ? v : text(v));

function headerRowOf(ws: ExcelJS.Worksheet): number | null {
  for (let r = 1; r <= Math.min(6, ws.rowCount); r++) {
    const t = text(ws.getRow(r).getCell(1).value);
    if (t && UNIT_HEADERS.has(t)) return r;
  }
  return null;
}

export interface ParsedImport {
  rows: TargetInputRow[];
  problems: ImportProblem[];
}

/**
 * Reads either sheet (or both: the 外资任务表 then decides foreign capital) into target rows. A blank cell
 * leaves that target as it is; a row names a unit of the district by its name, or the district itself.
 */
export async function readTargetsWorkbook(content: Buffer, units: AssessedUnit[]): Promise<ParsedImport> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw targetsErrors.badFile();
  }
  const main = wb.getWorksheet(MAIN_SHEET);
  const foreign = wb.getWorksheet(FOREIGN_SHEET);
  if (!main && !foreign) throw targetsErrors.noSheet();
  const unitByName = new Map(units.map((u) => [u.name, u.id]));
  const problems: ImportProblem[] = [];
  const out = new Map<string, TargetInputRow>();
  const catalogueByName = new Map(CATALOGUE.map((e) => [e.name.zh, e.key]));

  const ownerOf = (sheet: string, rowNo: number, cell: ExcelJS.CellValue): string | null | undefined => {
    const name = text(cell);
    if (name === null) return undefined;
    if (name === DISTRICT_ROW || name === '全区') return null;
    const id = unitByName.get(name);
    if (id) return id;
    problems.push({
      sheet,
      row: rowNo,
      column: 'A 单位',
      message: `"${name}" is not an assessed unit of the district.`,
      messageZh: `“${name}”不是本区的考核单位。`,
    });
    return undefined;
  };

  const readBlock = (
    sheet: string,
    rowNo: number,
    ownerId: string | null,
    key: IndicatorKey,
    cells: { col: number; header: string; value: ExcelJS.CellValue }[],
  ) => {
    const parsed: (string | null)[] = [];
    let bad = false;
    for (const c of cells) {
      const v = raw(c.value);
      if (v === null) {
        parsed.push(null);
        continue;
      }
      const r = fromDisplay(key, v);
      if ('value' in r) parsed.push(r.value);
      else {
        bad = true;
        problems.push({ sheet, row: rowNo, column: `${colLetter(c.col)} ${c.header}`, ...r });
      }
    }
    if (bad || parsed.every((p) => p === null)) return;
    const [annual, q1, q2, q3, q4] = parsed;
    const colOf = (i: number) => `${colLetter(cells[i]!.col)} ${cells[i]!.header}`;
    if (annual === null || annual === undefined) {
      problems.push({
        sheet,
        row: rowNo,
        column: colOf(0),
        message: 'Quarter targets are given without the annual target.',
        messageZh: '填写了季度任务，但未填写全年任务。',
      });
      return;
    }
    const row: TargetInputRow = { unitId: ownerId, indicatorKey: key, annual, q1, q2, q3, q4 };
    if ([q1, q2, q3, q4].every((q) => q !== null && q !== undefined)) {
      const sum = [q1, q2, q3, q4].reduce((s, q) => s + BigInt(scaled(q!)), 0n);
      if (sum !== BigInt(scaled(annual))) {
        problems.push({
          sheet,
          row: rowNo,
          column: colOf(4),
          message: `The four quarters add up to ${toDisplay(key, unscaled(sum))}, not the annual ${toDisplay(key, annual)} (${displayUnitOf(key)}).`,
          messageZh: `四个季度合计 ${toDisplay(key, unscaled(sum))}，与全年 ${toDisplay(key, annual)} 不一致（${displayUnitOf(key)}）。`,
        });
        return;
      }
    }
    out.set(`${ownerId ?? ''}|${key}`, row);
  };

  if (main) {
    const h = headerRowOf(main);
    if (h === null) {
      problems.push({
        sheet: MAIN_SHEET,
        row: 1,
        column: 'A',
        message: 'No header row starting with 单位 in the first rows.',
        messageZh: '前几行中没有以“单位”开头的表头行。',
      });
    } else {
      // Indicator blocks: the header row names the indicator (merged over its columns: a merged cell reads as
      // its master), the row below says which part (全年, 一季度…). A one-row header means 全年 only.
      const blocks: { key: IndicatorKey; cols: number[] }[] = [];
      const top = main.getRow(h);
      const sub = main.getRow(h + 1);
      const twoRows = Array.from({ length: main.columnCount }, (_, i) => text(sub.getCell(i + 1).value)).some(
        (t) => PARTS.includes((t ?? '') as (typeof PARTS)[number]),
      );
      const reported = new Set<string>();
      for (let c = 2; c <= main.columnCount; c++) {
        const head = text(top.getCell(c).value);
        if (!head) continue;
        const name = nameOfHeader(head);
        if (name === '类别') continue;
        const key = catalogueByName.get(name);
        if (!key) {
          if (!reported.has(head)) {
            reported.add(head);
            problems.push({
              sheet: MAIN_SHEET,
              row: h,
              column: `${colLetter(c)} ${head}`,
              message: `"${name}" is not an indicator of the catalogue.`,
              messageZh: `“${name}”不是指标目录中的指标。`,
            });
          }
          continue;
        }
        let block = blocks.find((x) => x.key === key);
        if (!block) {
          block = { key, cols: [] };
          blocks.push(block);
        }
        const i = twoRows ? PARTS.indexOf((text(sub.getCell(c).value) ?? '') as (typeof PARTS)[number]) : 0;
        if (i >= 0) block.cols[i] = c;
      }
      const first = h + (twoRows ? 2 : 1);
      for (let r = first; r <= main.rowCount; r++) {
        const row = main.getRow(r);
        const owner = ownerOf(MAIN_SHEET, r, row.getCell(1).value);
        if (owner === undefined) continue;
        for (const b of blocks) {
          const cells = PARTS.map((p, i) => {
            const col = b.cols[i];
            return col
              ? { col, header: `${CATALOGUE_BY_KEY[b.key].name.zh}·${p}`, value: row.getCell(col).value }
              : { col: 0, header: p, value: null };
          });
          readBlock(MAIN_SHEET, r, owner, b.key, cells);
        }
      }
    }
  }
  if (foreign) {
    const h = headerRowOf(foreign) ?? 1;
    for (let r = h + 1; r <= foreign.rowCount; r++) {
      const row = foreign.getRow(r);
      const owner = ownerOf(FOREIGN_SHEET, r, row.getCell(1).value);
      if (owner === undefined) continue;
      const cells = PARTS.map((p, i) => ({
        col: 2 + i,
        header: `${p}（万美元）`,
        value: row.getCell(2 + i).value,
      }));
      readBlock(FOREIGN_SHEET, r, owner, 'foreign_capital_used', cells);
    }
  }
  return { rows: [...out.values()], problems };
}

function colLetter(n: number): string {
  if (n <= 0) return '';
  let s = '';
  let x = n;
  while (x > 0) {
    const m = (x - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}
const scaled = (v: string) => {
  const [i, f = ''] = v.split('.');
  return `${i}${f.padEnd(4, '0')}`;
};
const unscaled = (v: bigint) => {
  const t = v.toString().padStart(5, '0');
  return `${t.slice(0, -4)}.${t.slice(-4)}`.replace(/\.?0+$/, '') || '0';
};
