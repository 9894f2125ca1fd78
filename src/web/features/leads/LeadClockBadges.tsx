import { Flex, Tag, Tooltip, Typography } from 'antd';
import { LEAD_CLOCK_LABELS, type LeadClockView } from '../../../domain/leads/leads.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { leadsMessages } from './leads.messages.js';

/**
 * The service clocks as coloured tags: overdue in red, due in gold; with `all`, done ones too (green). The
 * list shows only what is open, so a glance down the column finds the late ones.
 */
export function LeadClockBadges({ clocks, all = false }: { clocks: LeadClockView[]; all?: boolean }) {
  const t = useT(leadsMessages);
  const lang = useLang();
  const shown = clocks.filter(
    (c) => c.state === 'due' || c.state === 'overdue' || (all && c.state === 'done'),
  );
  if (shown.length === 0) {
    return <Typography.Text type="secondary">{t.noOpenClock}</Typography.Text>;
  }
  return (
    <Flex gap={4} wrap>
      {shown.map((c) => {
        const label = LEAD_CLOCK_LABELS[c.kind][lang];
        if (c.state === 'done') {
          return (
            <Tag key={c.kind} color="green">
              {t.clockDone(label, c.doneOn ?? '')}
            </Tag>
          );
        }
        const overdue = c.state === 'overdue';
        return (
          <Tooltip
            key={c.kind}
            title={overdue ? t.clockOverdue(label, c.dueOn ?? '') : t.clockDue(label, c.dueOn ?? '')}
          >
            <Tag color={overdue ? 'red' : 'gold'} data-clock={`${c.kind}-${c.state}`}>
              {all
                ? overdue
                  ? t.clockOverdue(label, c.dueOn ?? '')
                  : t.clockDue(label, c.dueOn ?? '')
                : overdue
                  ? t.clockOverdueShort(label)
                  : t.clockDueShort(label)}
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}
