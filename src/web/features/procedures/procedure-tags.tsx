import { Tag } from 'antd';
import { PROCEDURE_STATUS_LABELS, type ProcedureStatus } from '../../../domain/landing/landing-codes.js';
import type { Lang } from '../../app/i18n.js';

const COLORS: Record<ProcedureStatus, string> = {
  pending: 'default',
  in_progress: 'processing',
  done: 'success',
  not_needed: 'default',
};

export function ProcedureStatusTag({ status, lang }: { status: ProcedureStatus; lang: Lang }) {
  return <Tag color={COLORS[status]}>{PROCEDURE_STATUS_LABELS[status][lang]}</Tag>;
}

/** "6/9 (66.67%)": the maturity as counts and share. */
export function maturityText(m: { done: number; needed: number; percent: string | null }): string {
  return `${m.done}/${m.needed} (${m.percent ?? '0.00'}%)`;
}
