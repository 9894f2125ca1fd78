import { Tag } from 'antd';
import { MILESTONE_STATUS_LABELS } from '../../../domain/agreements/agreements.schemas.js';
import {
  type MilestoneStatus,
  PERFORMANCE_LABELS,
  type PerformanceStatus,
} from '../../../domain/agreements/performance.js';
import type { Lang } from '../../app/i18n.js';

const PERF_COLORS: Record<PerformanceStatus, string> = {
  performing: 'success',
  behind: 'error',
  not_due: 'processing',
  none: 'default',
};
export function PerformanceTag({ status, lang }: { status: PerformanceStatus; lang: Lang }) {
  return (
    <Tag color={PERF_COLORS[status]} data-testid="performance-tag">
      {PERFORMANCE_LABELS[status][lang]}
    </Tag>
  );
}

const STATUS_COLORS: Record<MilestoneStatus, string> = {
  pending: 'processing',
  met: 'success',
  missed: 'error',
  waived: 'default',
};
export function MilestoneStatusTag({
  status,
  overdue,
  lang,
}: {
  status: MilestoneStatus;
  overdue: boolean;
  lang: Lang;
}) {
  if (overdue) return <Tag color="error">{lang === 'zh' ? '逾期未履约' : 'Overdue'}</Tag>;
  return <Tag color={STATUS_COLORS[status]}>{MILESTONE_STATUS_LABELS[status][lang]}</Tag>;
}
