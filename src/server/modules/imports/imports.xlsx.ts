import ExcelJS from 'exceljs';
import type { CellValue } from '../../../domain/imports/cell-values.js';
import {
  type HeaderMatch,
  IMPORT_COLUMNS,
  type ImportKind,
  matchHeaders,
} from '../../../domain/imports/import-columns.js';
import { IMPORT_MAX_ROWS, importsErrors } from './imports.errors.js';

// Reading an uploaded workbook: find the sheet and its header row (台账 sheets often carry a title row or two
// above it), then hand every data row's cells over as plain values. Merged cells in the data (a 责任单位 merged
// down over its projects) read as their master's value; merged cells in the header row are refused, since a
// two-level header cannot be mapped column by column.

export interface SheetRow {
  /** Excel's row number, as the person sees it */
  rowNumber: number;
  /** Values by 0-based column index, for the matched columns only */
  cells: Map<number, CellValue>;
}

export interface ImportSheet {
  sheetName: string;
  headerRow: number;
  match: HeaderMatch;
  rows: SheetRow[];
  totalRowsSkipped: number;
}

const HEADER_SCAN_ROWS = 10;
const SKIPPED_SHEETS = new Set(['说明', '填表说明', '选项', '下拉选项']);
const TOTAL_ROW = /^(合计|总计|小计|累计|总合计)$/;

/** An exceljs cell as the import rules read it (rich text joined, formulas by their cached result). */
export function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return null;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return { kind: 'error', text: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    if (f.result === undefined || f.result === null) {
      return { kind: 'formula_without_result', formula: f.formula ?? f.sharedFormula ?? '' };
    }
    return toCellValue(f.result as ExcelJS.CellValue);
  }
  if ('hyperlink' in v) {
    const text = (v as { text?: unknown }).text;
    return typeof text === 'string' ? text : toCellValue(text as ExcelJS.CellValue);
  }
  return null;
}

function cellText(cell: ExcelJS.Cell): string | null {
  const v = toCellValue(cell.value);
  if (v === null || typeof v === 'object') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

function mergesOf(ws: ExcelJS.Worksheet): { range: string; top: number; bottom: number }[] {
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  return merges.map((range) => {
    const [a, b = a] = range.split(':');
    const row = (addr: string) => Number(/\d+/.exec(addr ?? '')?.[0] ?? 0);
    return { range, top: row(a!), bottom: row(b!) };
  });
}

/** The best header row among the first rows: the one naming the most columns, and at least the required one. */
function findHeader(kind: ImportKind, ws: ExcelJS.Worksheet): { row: number; match: HeaderMatch } | null {
  let best: { row: number; match: HeaderMatch } | null = null;
  const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    const headers: (string | null)[] = [];
    for (let c = 1; c <= ws.columnCount; c++) headers.push(cellText(row.getCell(c)));
    const match = matchHeaders(kind, headers);
    if (match.missingRequired.length > 0 || match.matched.length === 0) continue;
    if (!best || match.matched.length > best.match.matched.length) best = { row: r, match };
  }
  return best;
}

export async function readImportWorkbook(
  kind: ImportKind,
  filename: string,
  content: Buffer,
): Promise<ImportSheet> {
  // Every .xlsx is a ZIP archive: anything else (a renamed CSV or text file, an old .xls) is refused by its bytes.
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) throw importsErrors.notXlsx(filename);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw importsErrors.notXlsx(filename);
  }
  const sheets = wb.worksheets.filter((ws) => !SKIPPED_SHEETS.has(ws.name.trim()) && ws.actualRowCount > 0);
  if (sheets.length === 0) throw importsErrors.emptySheet();
  let found: { ws: ExcelJS.Worksheet; row: number; match: HeaderMatch } | null = null;
  for (const ws of sheets) {
    const h = findHeader(kind, ws);
    if (h) {
      found = { ws, ...h };
      break;
    }
  }
  if (!found) {
    const required = IMPORT_COLUMNS[kind].filter((c) => c.required).map((c) => c.header);
    throw importsErrors.noHeader(required.join('、'));
  }
  const { ws, row: headerRow, match } = found;
  const mergedInHeader = mergesOf(ws).filter((m) => m.top <= headerRow && m.bottom >= headerRow);
  if (mergedInHeader.length > 0) throw importsErrors.mergedHeader(mergedInHeader.map((m) => m.range));

  const dataRows = ws.rowCount - headerRow;
  if (dataRows > IMPORT_MAX_ROWS) throw importsErrors.tooManyRows(dataRows);
  const textColumns = match.matched.filter((m) => m.column.type === 'text').map((m) => m.index);
  const rows: SheetRow[] = [];
  let totalRowsSkipped = 0;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const cells = new Map<number, CellValue>();
    let empty = true;
    for (const m of match.matched) {
      const v = toCellValue(row.getCell(m.index + 1).value);
      const blank = v === null || (typeof v === 'string' && v.trim() === '');
      cells.set(m.index, blank ? null : v);
      if (!blank) empty = false;
    }
    if (empty) continue;
    // A 合计 row (in the 序号 column or a name column) sums the rows above it: it is not a row to import.
    const first = cellText(row.getCell(1));
    const named = [first, ...textColumns.map((i) => cells.get(i))];
    if (named.some((v) => typeof v === 'string' && TOTAL_ROW.test(v.replace(/\s/g, '')))) {
      totalRowsSkipped++;
      continue;
    }
    rows.push({ rowNumber: r, cells });
  }
  if (rows.length === 0) throw importsErrors.noRows(headerRow);
  return { sheetName: ws.name, headerRow, match, rows, totalRowsSkipped };
}
