import { Tag } from 'antd';
import { PROBLEM_STATUS_LABELS, type ProblemStatus } from '../../../domain/landing/landing-codes.js';
import { useLang, useT } from '../../app/i18n.js';
import { problemsMessages } from './problems.messages.js';

const STATUS_COLORS: Record<ProblemStatus, string> = {
  raised: 'orange',
  assigned: 'blue',
  accepted: 'processing',
  replied: 'cyan',
  closed: 'green',
};

export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  const lang = useLang();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="problem-status">
      {PROBLEM_STATUS_LABELS[status][lang]}
    </Tag>
  );
}

/** 逾期N天 in red, and the escalation level, for a row or the detail header. */
export function ProblemClockTags({
  daysOverdue,
  escalationLevel,
}: {
  daysOverdue: number;
  escalationLevel: number;
}) {
  const t = useT(problemsMessages);
  return (
    <>
      {daysOverdue > 0 ? (
        <Tag color="red" data-testid="problem-overdue">
          {t.overdue(daysOverdue)}
        </Tag>
      ) : null}
      {escalationLevel > 0 ? (
        <Tag color="volcano" data-testid="problem-escalated">
          {t.escalated(escalationLevel)}
        </Tag>
      ) : null}
    </>
  );
}
