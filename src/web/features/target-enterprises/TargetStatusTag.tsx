import { Tag } from 'antd';
import { TARGET_STATUS_LABELS, type TargetStatus } from '../../../domain/network/network-codes.js';
import { useLang } from '../../app/i18n.js';

const COLORS: Record<TargetStatus, string> = {
  researching: 'default',
  contacting: 'processing',
  visited: 'cyan',
  negotiating: 'orange',
  converted: 'success',
  dropped: 'error',
};

export function TargetStatusTag({ status }: { status: TargetStatus }) {
  const lang = useLang();
  return <Tag color={COLORS[status]}>{TARGET_STATUS_LABELS[status][lang]}</Tag>;
}
