import { Tag } from 'antd';
import { LEAD_STATUS_LABELS, type LeadStatus } from '../../../domain/leads/leads.schemas.js';
import { useLang } from '../../app/i18n.js';

const COLORS: Record<LeadStatus, string> = {
  new: 'blue',
  following: 'processing',
  declined: 'default',
  converted: 'success',
};

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const lang = useLang();
  return <Tag color={COLORS[status]}>{LEAD_STATUS_LABELS[status][lang]}</Tag>;
}
