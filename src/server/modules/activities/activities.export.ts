import { ACTIVITY_KIND_LABELS, type ActivityView } from '../../../domain/activities/activities.schemas.js';
import { type SheetColumn, writeSheet } from '../../xlsx/workbook.js';

const COLUMNS: SheetColumn<ActivityView>[] = [
  { header: '日期', width: 12, value: (a) => a.occurredOn },
  { header: '类型', width: 10, value: (a) => ACTIVITY_KIND_LABELS[a.kind].zh },
  { header: '单位', width: 16, value: (a) => a.unitName },
  { header: '项目', width: 32, value: (a) => a.projectName },
  { header: '线索', width: 28, value: (a) => a.leadTitle },
  { header: '地点', width: 20, value: (a) => a.place },
  { header: '参加人员', width: 24, value: (a) => a.participants },
  { header: '领导带队', width: 10, value: (a) => (a.ledByLeader ? '是' : '否') },
  { header: '内容摘要', width: 48, value: (a) => a.summary },
  { header: '记录人', width: 16, value: (a) => a.createdByName },
];

export function activitiesWorkbook(rows: ActivityView[]): Promise<Buffer> {
  return writeSheet('走访记录', COLUMNS, rows);
}
