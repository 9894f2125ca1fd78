import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../../../domain/activities/activities.schemas.js';
import type { TimelineEntry, TimelineKind } from '../../../domain/projects/project-timeline.js';
import {
  EVIDENCE_KIND_LABELS,
  type EvidenceKind,
  STAGE_LABELS,
  type Stage,
} from '../../../domain/projects/stages.js';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/dates.js';
import { type Lang, useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { moneyWan, usdWan } from './project-format.js';
import { projectKeys } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';

const SHOWN = 15;

const COLOR: Record<TimelineKind, string> = {
  stage: 'blue',
  edit: 'gray',
  capital: 'green',
  activity: 'orange',
  lead: 'purple',
  attachment: 'cyan',
};

function stageName(s: string | null, lang: Lang): string {
  return s && s in STAGE_LABELS ? STAGE_LABELS[s as Stage][lang] : (s ?? '—');
}

/** 动态: everything that happened to the project (and to the lead it came from), newest first. */
export function ProjectTimelineCard({ projectId }: { projectId: string }) {
  const t = useT(projectsMessages);
  const lang = useLang();
  const query = useQuery({
    queryKey: [...projectKeys.detail(projectId), 'timeline'],
    queryFn: () => api.get<TimelineEntry[]>(`/api/projects/${projectId}/timeline`),
  });
  // The newest entries first; the rest on request (a project followed for years has hundreds).
  const [all, setAll] = useState(false);
  const fieldLabel = (f: string): string => (t.fieldNames as Record<string, string>)[f] ?? f;

  const describe = (e: TimelineEntry): string => {
    switch (e.kind) {
      case 'stage':
        return e.stage?.from
          ? `${stageName(e.stage.from, lang)} → ${stageName(e.stage.to, lang)}${e.stage.note ? `：${e.stage.note}` : ''}`
          : t.historyCreated(stageName(e.stage?.to ?? null, lang));
      case 'edit':
        return t.timelineEdited((e.edit?.fields ?? []).map(fieldLabel).join('、'));
      case 'attachment':
        return t.timelineUploaded(
          e.attachment?.kind && e.attachment.kind in EVIDENCE_KIND_LABELS
            ? EVIDENCE_KIND_LABELS[e.attachment.kind as EvidenceKind][lang]
            : t.otherFile,
          e.attachment?.filename ?? '',
        );
      case 'capital':
        return t.timelineCapital(
          e.capital?.month ?? '',
          moneyWan(e.capital?.fundsInPlaceYuan ?? '0'),
          moneyWan(e.capital?.completedInvestmentYuan ?? '0'),
          e.capital && e.capital.foreignUsedUsdCents !== '0' ? usdWan(e.capital.foreignUsedUsdCents) : null,
        );
      case 'activity': {
        const kind = e.activity?.kind as ActivityKind | undefined;
        const label = kind && kind in ACTIVITY_KIND_LABELS ? ACTIVITY_KIND_LABELS[kind][lang] : '';
        return `${label}${e.activity?.place ? `（${e.activity.place}）` : ''}：${e.activity?.summary ?? ''}`;
      }
      case 'lead':
        return `${t.timelineLead}：${(t.leadEvents as Record<string, string>)[e.lead?.kind ?? ''] ?? e.lead?.kind}${e.lead?.note ? `，${e.lead.note}` : ''}`;
    }
  };

  return (
    <Card title={t.timeline} data-testid="project-timeline">
      {query.isError ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Skeleton active />
      ) : query.data.length === 0 ? (
        <Empty />
      ) : (
        <>
          <Timeline
            items={(all ? query.data : query.data.slice(0, SHOWN)).map((e, i) => ({
              key: `${e.kind}-${e.at}-${i}`,
              color: COLOR[e.kind],
              content: (
                <Flex vertical gap={2}>
                  <Typography.Text>
                    <span style={{ marginInlineEnd: 8 }}>
                      {e.kind === 'capital' ? e.capital?.month : e.date}
                    </span>
                    <Tag color={COLOR[e.kind]}>{t.timelineKinds[e.kind]}</Tag>
                    {describe(e)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.who ? `${t.by(e.who)} · ` : ''}
                    {t.recordedAt(formatDateTime(e.at))}
                  </Typography.Text>
                </Flex>
              ),
            }))}
          />
          {!all && query.data.length > SHOWN ? (
            <Button type="link" onClick={() => setAll(true)}>
              {t.timelineShowAll(query.data.length)}
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
}
