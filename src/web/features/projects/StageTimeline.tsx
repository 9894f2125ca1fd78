import { Empty, Flex, Timeline, Typography } from 'antd';
import { STAGE_LABELS, STAGES, type Stage } from '../../../domain/projects/stages.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import type { StageHistoryEntry } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';

const isStage = (s: string | null): s is Stage => (STAGES as readonly (string | null)[]).includes(s);

const DOT: Partial<Record<Stage, string>> = { producing: 'green', paused: 'gray', withdrawn: 'red' };

/** Every stage change, oldest first: the effective date, the change, who recorded it and when, the note. */
export function StageTimeline({ history }: { history: StageHistoryEntry[] }) {
  const t = useT(projectsMessages);
  const lang = useLang();
  const name = (s: string | null) => (isStage(s) ? STAGE_LABELS[s][lang] : (s ?? '—'));
  if (history.length === 0) return <Empty description={t.noHistory} />;
  return (
    <Timeline
      items={history.map((h, i) => ({
        key: `${h.at}-${i}`,
        className: 'stage-history-entry',
        color: isStage(h.toStage) ? (DOT[h.toStage] ?? 'blue') : 'blue',
        content: (
          <Flex vertical gap={2}>
            <Typography.Text strong>
              <span style={{ marginInlineEnd: 8 }}>{h.effectiveDate}</span>
              {h.fromStage ? `${name(h.fromStage)} → ${name(h.toStage)}` : t.historyCreated(name(h.toStage))}
            </Typography.Text>
            {h.note ? <Typography.Text>{h.note}</Typography.Text> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.username ? `${t.by(h.displayName ?? h.username)} · ` : ''}
              {t.recordedAt(formatDateTime(h.at))}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}
