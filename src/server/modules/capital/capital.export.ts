import { SUBMISSION_STATUS_LABELS, type SubmissionStatus } from '../../../domain/capital/capital.rules.js';
import type { CapitalReportView } from '../../../domain/capital/capital.schemas.js';
import { formatWanUsd, formatWanYuan } from '../../../domain/money/money.js';
import { type SheetColumn, writeSheet } from '../../xlsx/workbook.js';

type Row = CapitalReportView & { projectName: string; unitName: string; status: SubmissionStatus };

// 万元 with 4 decimals and 万美元 with 6 are exact to the 元 / cent, and stay numbers so the sheet can sum them.
const wan = (yuan: string) => Number(formatWanYuan(BigInt(yuan), { decimals: 4 }).replace(/,/g, ''));
const wanUsd = (cents: string) => Number(formatWanUsd(BigInt(cents), { decimals: 6 }).replace(/,/g, ''));
const FMT = '#,##0.00##';

const COLUMNS: SheetColumn<Row>[] = [
  { header: '责任单位', width: 16, value: (r) => r.unitName },
  { header: '项目名称', width: 36, value: (r) => r.projectName },
  { header: '月份', width: 9, value: (r) => r.month },
  { header: '到位资金合计（万元）', width: 18, numFmt: FMT, value: (r) => wan(r.fundsInPlaceYuan) },
  { header: '省外（万元）', width: 14, numFmt: FMT, value: (r) => wan(r.fundsOutOfProvinceYuan) },
  { header: '市外省内（万元）', width: 16, numFmt: FMT, value: (r) => wan(r.fundsInProvinceYuan) },
  { header: '境外（万元）', width: 14, numFmt: FMT, value: (r) => wan(r.fundsForeignYuan) },
  { header: '本地（万元）', width: 14, numFmt: FMT, value: (r) => wan(r.fundsLocalYuan) },
  { header: '完成投资额（万元）', width: 18, numFmt: FMT, value: (r) => wan(r.completedInvestmentYuan) },
  {
    header: '实际使用外资（万美元）',
    width: 20,
    numFmt: '#,##0.00####',
    value: (r) => wanUsd(r.foreignUsedUsdCents),
  },
  { header: '报送状态', width: 10, value: (r) => SUBMISSION_STATUS_LABELS[r.status].zh },
  { header: '备注', width: 30, value: (r) => r.note },
];

export function capitalWorkbook(month: string, rows: Row[]): Promise<Buffer> {
  return writeSheet(`资金到位 ${month}`, COLUMNS, rows);
}
