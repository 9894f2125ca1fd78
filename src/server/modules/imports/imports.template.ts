import ExcelJS from 'exceljs';
import {
  IMPORT_COLUMNS,
  IMPORT_KIND_LABELS,
  type ImportColumn,
  type ImportKind,
  columnLetter as letter,
} from '../../../domain/imports/import-columns.js';
import { INDUSTRY_DIVISIONS } from '../../../domain/imports/industry-divisions.js';
import { LEAD_CHANNEL_LABELS } from '../../../domain/leads/leads.schemas.js';
import { AGREEMENT_TYPE_LABELS, MAIN_PATH, STAGE_LABELS } from '../../../domain/projects/stages.js';

// The template a unit downloads: the data sheet with Chinese headers (required ones marked *), dropdowns fed
// from a hidden 选项 sheet (a list longer than 255 characters cannot sit in the validation itself), and a 说明
// sheet saying what each column takes.

const TEMPLATE_ROWS = 5000;

function listsOf(kind: ImportKind, unitNames: string[]): Record<string, string[]> {
  const lists: Record<string, string[]> = {
    unit: unitNames,
    industryDivision: INDUSTRY_DIVISIONS.map(([code, name]) => `${code} ${name}`),
    industrial: ['是', '否'],
    foreignFunded: ['是', '否'],
  };
  if (kind === 'projects') {
    lists.stage = MAIN_PATH.map((s) => STAGE_LABELS[s].zh);
    lists.agreementType = Object.values(AGREEMENT_TYPE_LABELS).map((l) => l.zh);
  }
  if (kind === 'leads') lists.channel = Object.values(LEAD_CHANNEL_LABELS).map((l) => l.zh);
  return lists;
}

// exceljs applies a validation to a whole range, but its typings only know the per-cell form.
type RangeValidations = { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

const EXAMPLES: Record<ImportKind, string> = {
  projects:
    '示例：项目名称“年产5万吨高强度紧固件项目”，责任单位“东阳镇”，项目阶段“签约”，计划总投资 12000（万元），签约金额 10000，协议类型“正式协议”，签约日期 2026-03-05。',
  capital_reports:
    '示例：项目名称“年产5万吨高强度紧固件项目”，月份 2026-03，省外资金 500（万元），完成投资额 800（万元）。同一项目同一月份已填报的，导入后以文件中的数字为准（覆盖原数）。',
  leads:
    '示例：线索名称“某紧固件企业扩产意向”，投资企业“某某紧固件有限公司”，招商方式“以商招商”，获取日期 2026-03-05。',
};

export async function importTemplate(kind: ImportKind, unitNames: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商调度';
  const columns: readonly ImportColumn[] = IMPORT_COLUMNS[kind];
  const data = wb.addWorksheet(IMPORT_KIND_LABELS[kind].zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet('说明');
  const options = wb.addWorksheet('选项', { state: 'hidden' });

  data.columns = columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    width: c.width ?? 14,
  }));
  data.getRow(1).font = { bold: true };
  data.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

  const lists = listsOf(kind, unitNames);
  let listColumn = 0;
  columns.forEach((c, i) => {
    const col = data.getColumn(i + 1);
    const range = `${letter(i)}2:${letter(i)}${TEMPLATE_ROWS + 1}`;
    if (c.type === 'amount' || c.type === 'usd') col.numFmt = '#,##0.00##';
    if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
    if (c.type === 'month') col.numFmt = '@';
    if (c.key === 'creditCode' || c.key === 'contactPhone') col.numFmt = '@';
    const values = lists[c.key];
    if (!values || values.length === 0) return;
    const optLetter = letter(listColumn++);
    options.getCell(`${optLetter}1`).value = c.header;
    values.forEach((v, j) => {
      options.getCell(`${optLetter}${j + 2}`).value = v;
    });
    (data as unknown as RangeValidations).dataValidations.add(range, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`选项!$${optLetter}$2:$${optLetter}$${values.length + 1}`],
      showErrorMessage: c.type !== 'division',
      errorStyle: 'warning',
      errorTitle: c.header,
      error: '请从下拉列表中选择。',
    });
  });

  guide.columns = [
    { header: '列名', width: 24 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of columns) {
    guide.addRow([c.header, c.required ? '必填' : c.key === 'unit' ? '见说明' : '', c.note]);
  }
  guide.addRow([]);
  for (const line of [
    '金额单位为万元（外资为万美元），可填数字，也可写“1.2亿元”“3500万元”。',
    '日期可填 Excel 日期，或写作 2026-03-05、2026/3/5、2026年3月5日。',
    '表头可沿用原台账的叫法（如“项目名”“投资总额”“签约时间”“所属乡镇”“客商名称”），系统会自动识别；表头请保持单行、不要合并单元格。',
    '“合计”“小计”行会自动跳过；公式单元格取其计算结果。',
    '上传后系统先核对：逐行逐列列出问题和重复项，确认无误后点击“确认导入”才会写入，且全部写入或全部不写入。',
    EXAMPLES[kind],
  ]) {
    guide.addRow(['', '', line]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
