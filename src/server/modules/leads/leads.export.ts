import {
  LEAD_CHANNEL_LABELS,
  LEAD_CLOCK_LABELS,
  LEAD_STATUS_LABELS,
  type LeadView,
} from '../../../domain/leads/leads.schemas.js';
import { formatWanYuan } from '../../../domain/money/money.js';
import { type SheetColumn, writeSheet } from '../../xlsx/workbook.js';

const wan = (yuan: string | null) =>
  yuan === null ? null : Number(formatWanYuan(BigInt(yuan), { decimals: 4 }).replace(/,/g, ''));

const overdueOf = (l: LeadView) =>
  l.clocks
    .filter((c) => c.state === 'overdue')
    .map((c) => LEAD_CLOCK_LABELS[c.kind].zh)
    .join('、') || null;

const COLUMNS: SheetColumn<LeadView>[] = [
  { header: '线索名称', width: 36, value: (l) => l.title },
  { header: '责任单位', width: 16, value: (l) => l.unitName },
  { header: '投资企业', width: 30, value: (l) => l.enterpriseName },
  { header: '来源渠道', width: 14, value: (l) => LEAD_CHANNEL_LABELS[l.channel].zh },
  { header: '引荐人/信息来源', width: 18, value: (l) => l.referrer },
  { header: '状态', width: 10, value: (l) => LEAD_STATUS_LABELS[l.status].zh },
  { header: '意向投资额（万元）', width: 18, numFmt: '#,##0.00##', value: (l) => wan(l.intendedAmountYuan) },
  { header: '产业链', width: 16, value: (l) => l.chain },
  { header: '行业代码', width: 10, value: (l) => l.industryDivision },
  { header: '接收日期', width: 12, value: (l) => l.receivedOn },
  { header: '响应日期', width: 12, value: (l) => l.respondedOn },
  { header: '研判日期', width: 12, value: (l) => l.screenedOn },
  { header: '研判得分', width: 10, value: (l) => l.screeningTotal },
  { header: '不跟进原因', width: 24, value: (l) => l.declineReason },
  { header: '反馈日期', width: 12, value: (l) => l.fedBackOn },
  { header: '最近进展报告', width: 14, value: (l) => l.lastReportedOn },
  { header: '逾期事项', width: 16, value: overdueOf },
  { header: '共享', width: 8, value: (l) => (l.shared ? '是' : '否') },
  { header: '投资意向', width: 40, value: (l) => l.intention },
  { header: '推荐来源', width: 24, value: (l) => l.referralSourceName },
  { header: '招商活动', width: 24, value: (l) => l.eventName },
  { header: '产业链环节', width: 30, value: (l) => l.chainLinkLabel },
];

export function leadsWorkbook(rows: LeadView[]): Promise<Buffer> {
  return writeSheet('招商线索', COLUMNS, rows);
}
