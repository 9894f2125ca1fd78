import ExcelJS from 'exceljs';
import { industryLabel } from '../../../domain/enterprises/industry.js';
import type { CellValue } from '../../../domain/imports/cell-values.js';
import { columnLetter, headerKey } from '../../../domain/imports/import-columns.js';
import { INDUSTRY_DIVISIONS } from '../../../domain/imports/industry-divisions.js';
import { TARGET_STATUS_LABELS, TARGET_TAG_LABELS } from '../../../domain/network/network-codes.js';
import {
  TARGET_IMPORT_COLUMNS,
  type TargetEnterpriseView,
  type TargetImportColumnKey,
  tagsCell,
} from '../../../domain/network/targets.schemas.js';
import { toCellValue } from '../imports/imports.xlsx.js';
import { targetEnterprisesErrors as errors } from './target-enterprises.errors.js';

// The target list as .xlsx and back. The export's first columns are exactly the import's, so an exported list
// edited in Excel can be imported again (the extra columns after them are ignored by the import).

export const SHEET = '目标企业库';
export const IMPORT_MAX_ROWS = 5000;
const FORMULA_LIKE = /^[=+\-@\t\r]/;
const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export { MIME as XLSX_MIME };

/** Other names a list from elsewhere may use for a column (compared after headerKey). */
const ALIASES: Partial<Record<TargetImportColumnKey, string[]>> = {
  enterpriseName: ['企业', '目标企业', '企业全称', '公司名称'],
  creditCode: ['信用代码', '社会信用代码', '统一信用代码'],
  tags: ['企业标签', '类别', '企业类别'],
  industryDivision: ['行业', '国民经济行业'],
  chainLink: ['产业链', '所属产业链', '环节', '链条环节'],
  unit: ['负责单位', '牵头单位', '责任乡镇'],
  leaderInCharge: ['包联县领导', '分包领导', '联系领导'],
  approach: ['招商方案', '思路', '一企一策'],
  contacts: ['对接人员', '联系人'],
  offer: ['可提供条件', '优惠条件', '条件'],
  nextStep: ['下一步工作', '下步打算'],
  nextStepOn: ['下一步时间', '计划日期'],
  priority: ['是否重点', '重点企业'],
  status: ['跟进状态', '进展'],
};

const exportValue: Record<TargetImportColumnKey, (t: TargetEnterpriseView) => string | null> = {
  enterpriseName: (t) => t.enterpriseName,
  creditCode: (t) => t.creditCode,
  tags: (t) => tagsCell(t.tags) || null,
  industryDivision: (t) => industryLabel(t.industryDivision),
  chainLink: (t) => t.chainLinkLabel,
  unit: (t) => t.unitName,
  leaderInCharge: (t) => t.leaderInCharge,
  approach: (t) => t.approach,
  contacts: (t) => t.contacts,
  offer: (t) => t.offer,
  nextStep: (t) => t.nextStep,
  nextStepOn: (t) => t.nextStepOn,
  priority: (t) => (t.priority === 'key' ? '是' : '否'),
  status: (t) => TARGET_STATUS_LABELS[t.status].zh,
};

function newBook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商调度';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  return { wb, ws };
}

function textCell(cell: ExcelJS.Cell, v: string | null) {
  cell.value = v;
  if (v && FORMULA_LIKE.test(v)) cell.numFmt = '@';
}

export async function targetsExportWorkbook(rows: TargetEnterpriseView[]): Promise<Buffer> {
  const { wb, ws } = newBook();
  ws.columns = [
    ...TARGET_IMPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
    { header: '已有线索', width: 10 },
    { header: '已有项目', width: 10 },
    { header: '下一步逾期', width: 10 },
    { header: '最近更新', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getColumn(2).numFmt = '@';
  for (const t of rows) {
    const r = ws.addRow([]);
    TARGET_IMPORT_COLUMNS.forEach((c, i) => {
      textCell(r.getCell(i + 1), exportValue[c.key](t));
    });
    const n = TARGET_IMPORT_COLUMNS.length;
    r.getCell(n + 1).value = t.hasLead ? '是' : '否';
    r.getCell(n + 2).value = t.hasProject ? '是' : '否';
    r.getCell(n + 3).value = t.overdue ? '是' : '否';
    r.getCell(n + 4).value = t.updatedAt.slice(0, 10);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// exceljs applies a validation to a whole range, but its typings only know the per-cell form.
type RangeValidations = { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

/** The empty list to fill in: the headers (企业名称 required), dropdowns, a 说明 sheet and one example row. */
export async function targetsTemplate(unitNames: string[], linkLabels: string[]): Promise<Buffer> {
  const { wb, ws } = newBook();
  const guide = wb.addWorksheet('说明');
  const options = wb.addWorksheet('选项', { state: 'hidden' });
  ws.columns = TARGET_IMPORT_COLUMNS.map((c) => ({
    header: 'required' in c && c.required ? `${c.header}*` : c.header,
    width: c.width,
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  ws.getColumn(2).numFmt = '@';
  ws.getColumn(12).numFmt = 'yyyy-mm-dd';
  const lists: Partial<Record<TargetImportColumnKey, string[]>> = {
    industryDivision: INDUSTRY_DIVISIONS.map(([code, name]) => `${code} ${name}`),
    chainLink: linkLabels,
    unit: unitNames,
    priority: ['是', '否'],
    status: Object.values(TARGET_STATUS_LABELS).map((l) => l.zh),
  };
  let optCol = 0;
  TARGET_IMPORT_COLUMNS.forEach((c, i) => {
    const values = lists[c.key];
    if (!values || values.length === 0) return;
    const L = columnLetter(optCol++);
    options.getCell(`${L}1`).value = c.header;
    values.forEach((v, j) => {
      options.getCell(`${L}${j + 2}`).value = v;
    });
    (ws as unknown as RangeValidations).dataValidations.add(`${columnLetter(i)}2:${columnLetter(i)}2001`, {
      type: 'list',
      allowBlank: true,
      formulae: [`选项!$${L}$2:$${L}$${values.length + 1}`],
      showErrorMessage: c.key !== 'industryDivision',
      errorStyle: 'warning',
      error: '请从下拉列表中选择。',
    });
  });
  const tagNames = Object.values(TARGET_TAG_LABELS).map((l) => l.zh);
  guide.columns = [
    { header: '列名', width: 18 },
    { header: '填写说明', width: 100 },
  ];
  guide.getRow(1).font = { bold: true };
  const notes: Record<TargetImportColumnKey, string> = {
    enterpriseName: '必填。企业全称；已在企业库中的企业（名称或信用代码相同）自动关联，不会重复建档。',
    creditCode: '选填。18 位统一社会信用代码，用于准确匹配企业。',
    tags: `选填。可填多个，用顿号或逗号分隔：${tagNames.join('、')}。`,
    industryDivision: '选填。国民经济行业大类，如“C33 金属制品业”；只补填企业库中尚无行业的企业。',
    chainLink: '选填。“产业链 · 环节”，如“高端标准件/紧固件 · 线材”，从下拉列表选择。',
    unit: '乡镇、部门、园区账号可留空（默认本单位）；投促中心须填写。已入库企业留空则不变。',
    leaderInCharge: '选填。包联领导姓名。',
    approach: '选填。招商思路（一企一策）。',
    contacts: '选填。对方对接人及联系方式。',
    offer: '选填。可提供的土地、政策、配套等条件。',
    nextStep: '选填。下一步工作。',
    nextStepOn: '选填。下一步计划日期，如 2026-12-15。',
    priority: '选填。“是”为重点目标企业。',
    status: `选填。${Object.values(TARGET_STATUS_LABELS)
      .map((l) => l.zh)
      .join('、')}；新入库默认“研究中”。`,
  };
  for (const c of TARGET_IMPORT_COLUMNS) guide.addRow([c.header, notes[c.key]]);
  guide.addRow([]);
  guide.addRow([
    '',
    '上传后先核对：逐行逐列列出问题，什么都不保存；核对无误后点击“确认导入”，全部写入或全部不写入。已在库的目标企业按文件更新（空白单元格保持原值），或按选择跳过；其他单位负责的目标企业一律跳过。',
  ]);
  guide.addRow(['', '本模板不含任何榜单内容，名单由使用单位自行整理。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface TargetSheetRow {
  rowNumber: number;
  cells: Partial<Record<TargetImportColumnKey, CellValue>>;
}
export interface TargetSheet {
  rows: TargetSheetRow[];
  /** "C 标签" for each matched column key: how a problem names its column. */
  columnNames: Partial<Record<TargetImportColumnKey, string>>;
}

const BY_HEADER = new Map<string, TargetImportColumnKey>();
for (const c of TARGET_IMPORT_COLUMNS) {
  for (const h of [c.header, ...(ALIASES[c.key] ?? [])]) BY_HEADER.set(headerKey(h), c.key);
}

function cellText(v: CellValue): string | null {
  if (v === null || typeof v === 'object') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** The first sheet whose first rows hold a header naming 企业名称, and every non-empty row below it. */
export async function readTargetsWorkbook(content: Buffer): Promise<TargetSheet> {
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) throw errors.notXlsx();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw errors.notXlsx();
  }
  for (const ws of wb.worksheets) {
    if (['说明', '选项'].includes(ws.name.trim())) continue;
    for (let h = 1; h <= Math.min(10, ws.rowCount); h++) {
      const header = ws.getRow(h);
      const cols = new Map<number, TargetImportColumnKey>();
      const columnNames: TargetSheet['columnNames'] = {};
      for (let c = 1; c <= ws.columnCount; c++) {
        const text = cellText(toCellValue(header.getCell(c).value));
        const key = text ? BY_HEADER.get(headerKey(text)) : undefined;
        if (!key || [...cols.values()].includes(key)) continue;
        cols.set(c, key);
        columnNames[key] = `${columnLetter(c - 1)} ${text!.replace(/[*※]/g, '')}`;
      }
      if (![...cols.values()].includes('enterpriseName')) continue;
      if (ws.rowCount - h > IMPORT_MAX_ROWS) throw errors.tooManyRows(IMPORT_MAX_ROWS);
      const rows: TargetSheetRow[] = [];
      for (let r = h + 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        if (!row.hasValues) continue;
        const cells: TargetSheetRow['cells'] = {};
        let empty = true;
        for (const [c, key] of cols) {
          const v = toCellValue(row.getCell(c).value);
          const blank = v === null || (typeof v === 'string' && v.trim() === '');
          cells[key] = blank ? null : v;
          if (!blank) empty = false;
        }
        if (!empty) rows.push({ rowNumber: r, cells });
      }
      return { rows, columnNames };
    }
  }
  throw errors.noHeader();
}
