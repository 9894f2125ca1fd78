import { formatWanYuan } from '../../../domain/money/money.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { AGREEMENT_TYPE_LABELS, STAGE_LABELS, type Stage } from '../../../domain/projects/stages.js';
import { type SheetColumn, writeSheet } from '../../xlsx/workbook.js';

// 万元 as numbers with 4 decimals (exact to the 元), so the sheet can sum them.
const wan = (yuan: string | null) =>
  yuan === null ? null : Number(formatWanYuan(BigInt(yuan), { decimals: 4 }).replace(/,/g, ''));

const COLUMNS: SheetColumn<ProjectView>[] = [
  { header: '项目名称', width: 36, value: (p) => p.name },
  { header: '责任单位', width: 16, value: (p) => p.unitName },
  { header: '投资企业', width: 30, value: (p) => p.enterpriseName },
  { header: '阶段', width: 8, value: (p) => STAGE_LABELS[p.stage as Stage].zh },
  { header: '产业链', width: 16, value: (p) => p.chain },
  { header: '行业代码', width: 10, value: (p) => p.industryDivision },
  { header: '产业类', width: 8, value: (p) => (p.industrial ? '是' : '否') },
  { header: '计划总投资（万元）', width: 18, numFmt: '#,##0.00##', value: (p) => wan(p.plannedTotalYuan) },
  { header: '签约金额（万元）', width: 18, numFmt: '#,##0.00##', value: (p) => wan(p.signedAmountYuan) },
  {
    header: '协议类型',
    width: 10,
    value: (p) => (p.agreementType ? AGREEMENT_TYPE_LABELS[p.agreementType].zh : null),
  },
  { header: '签约日期', width: 12, value: (p) => p.signingDate },
  { header: '落地日期', width: 12, value: (p) => p.landedDate },
  { header: '开工日期', width: 12, value: (p) => p.startDate },
  { header: '投产日期', width: 12, value: (p) => p.productionDate },
];

export function projectsWorkbook(rows: ProjectView[]): Promise<Buffer> {
  return writeSheet('项目库', COLUMNS, rows);
}
