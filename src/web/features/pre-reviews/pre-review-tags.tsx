import { Tag } from 'antd';
import {
  PRE_REVIEW_DECISION_LABELS,
  PRE_REVIEW_STATUS_LABELS,
  PRE_REVIEW_VERDICT_LABELS,
  type PreReviewDecision,
  type PreReviewStatus,
  type PreReviewVerdict,
} from '../../../domain/landing/landing-codes.js';
import type { Lang } from '../../app/i18n.js';

const VERDICT: Record<PreReviewVerdict, string> = {
  agree: 'success',
  conditional: 'warning',
  disagree: 'error',
};
const DECISION: Record<PreReviewDecision, string> = {
  approved: 'success',
  conditional: 'warning',
  rejected: 'error',
};
const STATUS: Record<PreReviewStatus, string> = {
  open: 'processing',
  decided: 'success',
  cancelled: 'default',
};

export function VerdictTag({ verdict, lang }: { verdict: PreReviewVerdict; lang: Lang }) {
  return <Tag color={VERDICT[verdict]}>{PRE_REVIEW_VERDICT_LABELS[verdict][lang]}</Tag>;
}

export function DecisionTag({ decision, lang }: { decision: PreReviewDecision; lang: Lang }) {
  return <Tag color={DECISION[decision]}>{PRE_REVIEW_DECISION_LABELS[decision][lang]}</Tag>;
}

export function ReviewStatusTag({ status, lang }: { status: PreReviewStatus; lang: Lang }) {
  return <Tag color={STATUS[status]}>{PRE_REVIEW_STATUS_LABELS[status][lang]}</Tag>;
}
