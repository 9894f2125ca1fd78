import { formatWanYuan } from '../../../domain/money/money.js';
import {
  CHAIN_ROLE_LABELS,
  CHANNEL_LABELS,
  SOURCE_AREA_LABELS,
} from '../../../domain/projects/project-attributes.js';
import type { ProjectColumn } from '../../../domain/projects/project-list.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { AGREEMENT_TYPE_LABELS, STAGE_LABELS, type Stage } from '../../../domain/projects/stages.js';
import { type SheetColumn, writeSheet } from '../../xlsx/workbook.js';

// 万元 as numbers with 4 decimals (exact to the 元), so the sheet can sum them.
const wan = (yuan: string | null) =>
  yuan === null ? null : Number(formatWanYuan(BigInt(yuan), { decimals: 4 }).replace(/,/g, ''));
const yesNo = (b: boolean | undefined) => (b === undefined ? null : b ? '是' : '否');
const WAN = '#,##0.00##';
// The China calendar day of a timestamp, as the list shows it.
const chinaDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** Every column a person may choose, by the list's column key. */
const COLUMNS: Record<ProjectColumn, SheetColumn<ProjectView>> = {
  name: { header: '项目名称', width: 36, value: (p) => p.name },
  unit: { header: '责任单位', width: 16, value: (p) => p.unitName },
  enterprise: { header: '投资企业', width: 30, value: (p) => p.enterpriseName },
  stage: { header: '阶段', width: 8, value: (p) => STAGE_LABELS[p.stage as Stage].zh },
  chain: { header: '产业链', width: 16, value: (p) => p.chain },
  chainRole: {
    header: '链上位置',
    width: 10,
    value: (p) => (p.chainRole ? CHAIN_ROLE_LABELS[p.chainRole].zh : null),
  },
  industryDivision: { header: '行业代码', width: 10, value: (p) => p.industryDivision },
  industrial: { header: '产业类', width: 8, value: (p) => yesNo(p.industrial) },
  highTech: { header: '高新技术', width: 10, value: (p) => yesNo(p.highTech) },
  channel: {
    header: '招商方式',
    width: 14,
    value: (p) => (p.channel ? CHANNEL_LABELS[p.channel].zh : null),
  },
  sourceArea: {
    header: '资金来源地',
    width: 12,
    value: (p) => (p.sourceArea ? SOURCE_AREA_LABELS[p.sourceArea].zh : null),
  },
  plannedTotal: {
    header: '计划总投资（万元）',
    width: 18,
    numFmt: WAN,
    value: (p) => wan(p.plannedTotalYuan),
  },
  fixedAsset: { header: '固定资产投资（万元）', width: 18, numFmt: WAN, value: (p) => wan(p.fixedAssetYuan) },
  signedAmount: { header: '签约金额（万元）', width: 18, numFmt: WAN, value: (p) => wan(p.signedAmountYuan) },
  agreementType: {
    header: '协议类型',
    width: 10,
    value: (p) => (p.agreementType ? AGREEMENT_TYPE_LABELS[p.agreementType].zh : null),
  },
  signingDate: { header: '签约日期', width: 12, value: (p) => p.signingDate },
  landedDate: { header: '落地日期', width: 12, value: (p) => p.landedDate },
  startDate: { header: '开工日期', width: 12, value: (p) => p.startDate },
  productionDate: { header: '投产日期', width: 12, value: (p) => p.productionDate },
  greenChannel: { header: '绿色通道', width: 10, value: (p) => yesNo(p.greenChannel) },
  liaisonLeader: { header: '包联领导', width: 12, value: (p) => p.liaisonLeader ?? null },
  cityProjectCode: { header: '市平台项目编号', width: 18, value: (p) => p.cityProjectCode ?? null },
  createdAt: { header: '录入日期', width: 12, value: (p) => chinaDay(p.createdAt) },
  updatedAt: { header: '更新日期', width: 12, value: (p) => chinaDay(p.updatedAt) },
};

/** The sheet as it always was, when no columns are chosen. */
const STANDARD: readonly ProjectColumn[] = [
  'name',
  'unit',
  'enterprise',
  'stage',
  'chain',
  'industryDivision',
  'industrial',
  'plannedTotal',
  'signedAmount',
  'agreementType',
  'signingDate',
  'landedDate',
  'startDate',
  'productionDate',
];

export function projectsWorkbook(rows: ProjectView[], columns?: readonly ProjectColumn[]): Promise<Buffer> {
  const chosen = columns && columns.length > 0 ? columns : STANDARD;
  return writeSheet(
    '项目库',
    chosen.map((c) => COLUMNS[c]),
    rows,
  );
}
