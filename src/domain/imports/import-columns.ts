import type { AmountUnit } from './cell-values.js';

// The columns of each import, with the headers existing 台账 sheets use for them. The template writes the first
// header; an uploaded sheet may use any of the variants. Matching compares headers after normalisation, so
// 「总投资（万元）」, 「总投资(万元)」 and 「 总投资 *」 are one header, and the bracket's unit says what numbers mean.

export const IMPORT_KINDS = ['projects', 'capital_reports', 'leads'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, { zh: string; en: string }> = {
  projects: { zh: '招商项目', en: 'Projects' },
  capital_reports: { zh: '月度资金', en: 'Monthly capital reports' },
  leads: { zh: '招商线索', en: 'Leads' },
};

export type ColumnType =
  | 'text'
  | 'unit'
  | 'amount'
  | 'usd'
  | 'date'
  | 'month'
  | 'bool'
  | 'choice'
  | 'division'
  | 'int';

export interface ImportColumn {
  key: string;
  /** The template's header, with its unit in brackets where it has one. */
  header: string;
  aliases: readonly string[];
  type: ColumnType;
  required?: boolean;
  /** What the 说明 sheet says about the column. */
  note: string;
  width?: number;
}

const UNIT_ALIASES = [
  '责任单位',
  '所属乡镇',
  '所属单位',
  '乡镇',
  '乡镇街道',
  '乡镇部门',
  '乡镇园区',
  '单位',
  '单位名称',
  '填报单位',
  '责任乡镇',
  '牵头单位',
  '所属园区',
  '责任单位名称',
];
const unitColumn: ImportColumn = {
  key: 'unit',
  header: '责任单位',
  aliases: UNIT_ALIASES,
  type: 'unit',
  note: '从下拉列表选择；乡镇、部门、园区账号只能导入本单位，可留空（默认本单位）。',
  width: 16,
};
const enterpriseColumns: ImportColumn[] = [
  {
    key: 'enterpriseName',
    header: '投资企业',
    aliases: [
      '客商名称',
      '投资方',
      '企业名称',
      '投资主体',
      '投资商',
      '签约企业',
      '投资单位',
      '客商',
      '投资企业名称',
    ],
    type: 'text',
    note: '企业全称；已在库中的企业（名称或信用代码相同）自动关联，不会重复建档。',
    width: 30,
  },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['信用代码', '社会信用代码', '企业信用代码', '统一信用代码'],
    type: 'text',
    note: '18 位，可不填。',
    width: 22,
  },
];
const industryColumn: ImportColumn = {
  key: 'industryDivision',
  header: '行业代码',
  aliases: ['国民经济行业代码', '行业分类代码', '行业大类', '行业分类', '所属行业', '行业'],
  type: 'division',
  note: 'GB/T 4754 行业大类，从下拉列表选择，如“C33 金属制品业”。',
  width: 22,
};
const chainColumn: ImportColumn = {
  key: 'chain',
  header: '产业链',
  aliases: ['所属产业链', '产业链条', '产业方向', '所属产业'],
  type: 'text',
  note: '本区产业链名称，如“高端标准件/紧固件”。',
  width: 16,
};

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  projects: [
    {
      key: 'name',
      header: '项目名称',
      aliases: ['项目名', '项目', '项目全称', '项目名字'],
      type: 'text',
      required: true,
      note: '必填，2–100 字；同一单位内不得与已有项目重名。',
      width: 36,
    },
    unitColumn,
    ...enterpriseColumns,
    {
      key: 'stage',
      header: '项目阶段',
      aliases: ['阶段', '进展阶段', '项目状态', '状态', '项目进度', '所处阶段'],
      type: 'choice',
      note: '在谈、签约、落地、开工、投产，留空为在谈；签约及以后须填写该阶段及之前阶段的日期等信息。',
      width: 10,
    },
    industryColumn,
    chainColumn,
    {
      key: 'industrial',
      header: '是否产业类项目',
      aliases: ['产业类', '是否产业类', '产业类项目', '是否工业项目', '产业项目'],
      type: 'bool',
      note: '是/否，留空为是。',
      width: 12,
    },
    {
      key: 'plannedTotalYuan',
      header: '计划总投资（万元）',
      aliases: [
        '总投资',
        '计划总投资',
        '投资总额',
        '项目总投资',
        '总投资额',
        '计划投资',
        '计划总投资额',
        '计划投资额',
      ],
      type: 'amount',
      note: '万元，最多 4 位小数；也可写“1.2亿元”。',
      width: 16,
    },
    {
      key: 'fixedAssetYuan',
      header: '固定资产投资（万元）',
      aliases: ['固投', '固定资产投资额', '其中固定资产投资', '固定资产投资'],
      type: 'amount',
      note: '万元。',
      width: 16,
    },
    {
      key: 'signedAmountYuan',
      header: '签约金额（万元）',
      aliases: ['签约额', '协议金额', '合同金额', '签约投资额', '协议投资额', '签约资金'],
      type: 'amount',
      note: '万元；签约及以后阶段必填且大于 0。',
      width: 16,
    },
    {
      key: 'agreementType',
      header: '协议类型',
      aliases: ['签约类型', '协议性质', '合同类型'],
      type: 'choice',
      note: '正式协议、框架协议、补充协议；签约及以后阶段必填。',
      width: 12,
    },
    {
      key: 'signingDate',
      header: '签约日期',
      aliases: ['签约时间', '协议签订日期', '签订日期', '签约日'],
      type: 'date',
      note: '如 2026-03-05、2026/3/5 或 2026年3月5日；签约及以后阶段必填。',
      width: 12,
    },
    {
      key: 'landedDate',
      header: '落地日期',
      aliases: ['落地时间', '注册日期', '注册时间', '落地注册时间'],
      type: 'date',
      note: '落地及以后阶段必填。',
      width: 12,
    },
    {
      key: 'startDate',
      header: '开工日期',
      aliases: ['开工时间', '实际开工时间', '实际开工日期', '开工开业日期'],
      type: 'date',
      note: '开工及以后阶段必填。',
      width: 12,
    },
    {
      key: 'productionDate',
      header: '投产日期',
      aliases: ['投产时间', '竣工投产时间', '实际投产时间', '实际投产日期'],
      type: 'date',
      note: '投产阶段必填。',
      width: 12,
    },
    {
      key: 'foreignFunded',
      header: '是否外资项目',
      aliases: ['是否外资', '外资项目', '外资'],
      type: 'bool',
      note: '是/否，留空为否。',
      width: 12,
    },
    {
      key: 'contractedForeignUsdCents',
      header: '合同外资（万美元）',
      aliases: ['合同外资', '合同外资额', '合同利用外资', '合同外资金额'],
      type: 'usd',
      note: '万美元。',
      width: 16,
    },
  ],
  capital_reports: [
    {
      key: 'projectName',
      header: '项目名称',
      aliases: ['项目名', '项目', '项目全称'],
      type: 'text',
      required: true,
      note: '必填，须与系统中该单位的项目名称一致。',
      width: 36,
    },
    unitColumn,
    {
      key: 'month',
      header: '月份',
      aliases: ['填报月份', '所属月份', '报告月份', '年月', '统计月份', '报送月份'],
      type: 'month',
      required: true,
      note: '必填，如 2026-03 或 2026年3月；已报送或已审核的月份不能导入。',
      width: 10,
    },
    {
      key: 'fundsOutOfProvinceYuan',
      header: '省外资金（万元）',
      aliases: ['省外到位资金', '省外资金', '到位资金省外', '省外到位'],
      type: 'amount',
      note: '到位资金中来自省外的部分，万元。',
      width: 14,
    },
    {
      key: 'fundsInProvinceYuan',
      header: '市外省内资金（万元）',
      aliases: ['市外省内到位资金', '省内市外到位资金', '省内市外资金', '市外省内资金', '市外省内'],
      type: 'amount',
      note: '万元。',
      width: 16,
    },
    {
      key: 'fundsForeignYuan',
      header: '境外资金（万元）',
      aliases: ['境外到位资金', '境外资金', '到位资金境外'],
      type: 'amount',
      note: '折合人民币万元。',
      width: 14,
    },
    {
      key: 'fundsLocalYuan',
      header: '本地资金（万元）',
      aliases: ['本地到位资金', '本地资金', '市内到位资金', '市内资金'],
      type: 'amount',
      note: '万元。',
      width: 14,
    },
    {
      key: 'completedInvestmentYuan',
      header: '完成投资额（万元）',
      aliases: ['完成投资', '完成投资额', '本月完成投资', '当月完成投资', '完成固定资产投资'],
      type: 'amount',
      note: '万元。',
      width: 16,
    },
    {
      key: 'foreignUsedUsdCents',
      header: '实际使用外资（万美元）',
      aliases: ['实际使用外资', '实际利用外资', '实际使用外资额', '实际到位外资', '实际利用外资额'],
      type: 'usd',
      note: '万美元。',
      width: 18,
    },
    {
      key: 'note',
      header: '备注',
      aliases: ['说明', '备注说明'],
      type: 'text',
      note: '500 字以内。',
      width: 24,
    },
  ],
  leads: [
    {
      key: 'title',
      header: '线索名称',
      aliases: ['线索标题', '项目名称', '项目名', '招商信息', '信息名称', '线索'],
      type: 'text',
      required: true,
      note: '必填，2–100 字。',
      width: 36,
    },
    unitColumn,
    { ...enterpriseColumns[0]!, required: true, note: '必填；已在库中的企业自动关联。' },
    enterpriseColumns[1]!,
    {
      key: 'channel',
      header: '招商方式',
      aliases: ['招商渠道', '信息来源', '来源渠道', '线索来源', '渠道'],
      type: 'choice',
      required: true,
      note: '从下拉列表选择：定向招商、以商招商、驻外招商、以情招商、活动招商、企业主动对接、上级交办。',
      width: 14,
    },
    {
      key: 'receivedOn',
      header: '获取日期',
      aliases: ['获取时间', '登记日期', '接洽日期', '收到日期', '信息获取时间', '首次接洽时间'],
      type: 'date',
      required: true,
      note: '必填，不晚于今天。',
      width: 12,
    },
    {
      key: 'intendedAmountYuan',
      header: '意向投资额（万元）',
      aliases: ['意向投资', '拟投资额', '意向金额', '计划总投资', '总投资', '投资额'],
      type: 'amount',
      note: '万元。',
      width: 16,
    },
    industryColumn,
    chainColumn,
    {
      key: 'referrer',
      header: '引荐人',
      aliases: ['信息提供人', '引荐单位', '推荐人', '介绍人'],
      type: 'text',
      note: '100 字以内。',
      width: 14,
    },
    {
      key: 'intention',
      header: '投资意向',
      aliases: ['项目内容', '建设内容', '意向内容', '项目概况', '主要内容'],
      type: 'text',
      note: '2000 字以内。',
      width: 40,
    },
    {
      key: 'contactName',
      header: '联系人',
      aliases: ['企业联系人', '对接人'],
      type: 'text',
      note: '企业一方的联系人。',
      width: 10,
    },
    {
      key: 'contactPhone',
      header: '联系电话',
      aliases: ['电话', '手机', '联系方式'],
      type: 'text',
      note: '',
      width: 14,
    },
  ],
};

/** Where a column's amounts are in a unit other than the default, the header says so in brackets. */
function unitOfHeader(raw: string, type: ColumnType): AmountUnit | null {
  if (type !== 'amount' && type !== 'usd') return null;
  if (/万美元/.test(raw)) return 'wan_usd';
  if (/美元/.test(raw)) return 'usd';
  if (/亿/.test(raw)) return 'yi';
  if (/万/.test(raw)) return 'wan';
  if (/元/.test(raw)) return 'yuan';
  return type === 'usd' ? 'wan_usd' : 'wan';
}

/**
 * The comparison key of a header: NFKC (full-width brackets become ASCII), no whitespace, no required-marks
 * (* ※ ★), no bracketed part (units, hints), no punctuation.
 */
export function headerKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/[*※★☆]/g, '')
    .replace(/[([{【〔][^)\]}】〕]*[)\]}】〕]/g, '')
    .replace(/[/、,，.。:：;；\-—_|]/g, '');
}

export interface MatchedColumn {
  /** 0-based position in the header row */
  index: number;
  header: string;
  column: ImportColumn;
  amountUnit: AmountUnit | null;
}

export interface HeaderMatch {
  matched: MatchedColumn[];
  /** Headers that name no column of this import: their cells are ignored (and said so in the summary). */
  ignored: { index: number; header: string }[];
  /** The same column named twice: the second is ignored. */
  repeated: { index: number; header: string; column: ImportColumn }[];
  missingRequired: ImportColumn[];
}

const IGNORED_SILENTLY = new Set(['序号', '编号', 'No', 'no', 'NO']);

/** Which of a sheet's header cells mean which column. A header that is only whitespace is skipped. */
export function matchHeaders(kind: ImportKind, headers: readonly (string | null)[]): HeaderMatch {
  const columns = IMPORT_COLUMNS[kind];
  const byKey = new Map<string, ImportColumn>();
  for (const c of columns) {
    for (const name of [c.header, ...c.aliases]) {
      const k = headerKey(name);
      if (!byKey.has(k)) byKey.set(k, c);
    }
  }
  const result: HeaderMatch = { matched: [], ignored: [], repeated: [], missingRequired: [] };
  const seen = new Set<string>();
  headers.forEach((raw, index) => {
    const header = raw?.trim() ?? '';
    if (header === '') return;
    const k = headerKey(header);
    const column = byKey.get(k);
    if (!column) {
      if (!IGNORED_SILENTLY.has(k)) result.ignored.push({ index, header });
      return;
    }
    if (seen.has(column.key)) {
      result.repeated.push({ index, header, column });
      return;
    }
    seen.add(column.key);
    result.matched.push({ index, header, column, amountUnit: unitOfHeader(header, column.type) });
  });
  result.missingRequired = columns.filter((c) => c.required && !seen.has(c.key) && c.type !== 'unit');
  return result;
}

/** 0 → A, 25 → Z, 26 → AA: how Excel names the column a problem is in. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
