import { Button, Card, Flex, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  PRE_REVIEW_STATUS_LABELS,
  PRE_REVIEW_STATUSES,
  PRE_REVIEW_TOPIC_LABELS,
  type PreReviewTopic,
} from '../../../domain/landing/landing-codes.js';
import type {
  PreReviewCandidate,
  PreReviewSummary,
} from '../../../domain/pre-reviews/pre-reviews.schemas.js';
import { STAGE_LABELS, type Stage } from '../../../domain/projects/stages.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { moneyAuto } from '../projects/project-format.js';
import { OpenPreReviewModal } from './OpenPreReviewModal.js';
import { DecisionTag, ReviewStatusTag } from './pre-review-tags.js';
import { usePreReviewCandidates, usePreReviewList } from './pre-reviews.api.js';
import { preReviewsMessages } from './pre-reviews.messages.js';

/** 项目预审: the reviews in the caller's scope, and (tab) the projects over the amount that need one. */
export function PreReviewsListPage() {
  const t = useT(preReviewsMessages);
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'candidates' ? 'candidates' : 'reviews';
  return (
    <Card title={t.title}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'candidates' ? { tab: k } : {}, { replace: true })}
        items={[
          { key: 'reviews', label: t.reviews, children: <ReviewsTable /> },
          ...(!can('landing.handle')
            ? [{ key: 'candidates', label: t.candidates, children: <CandidatesTable /> }]
            : []),
        ]}
      />
    </Card>
  );
}

export function topicsText(topics: string[], lang: 'zh' | 'en') {
  return topics.map((k) => PRE_REVIEW_TOPIC_LABELS[k as PreReviewTopic]?.[lang] ?? k).join('、');
}

export function ReviewsTable({ projectId }: { projectId?: string }) {
  const t = useT(preReviewsMessages);
  const lang = useLang();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const list = usePreReviewList({ status, projectId, overdue: overdue ? 'true' : undefined });
  return (
    <Flex vertical gap={12}>
      {!projectId ? (
        <Flex gap={12} align="center" wrap>
          <Select
            allowClear
            placeholder={t.status}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={PRE_REVIEW_STATUSES.map((s) => ({ value: s, label: PRE_REVIEW_STATUS_LABELS[s][lang] }))}
          />
          <Flex gap={6} align="center">
            <Switch checked={overdue} onChange={setOverdue} aria-label={t.overdue} />
            <span>{t.overdue}</span>
          </Flex>
        </Flex>
      ) : null}
      <Table<PreReviewSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t.none }}
        data-testid="pre-reviews-list"
        columns={[
          ...(projectId
            ? []
            : [
                {
                  title: t.project,
                  key: 'project',
                  render: (_: unknown, r: PreReviewSummary) => (
                    <Link to={`/landing/pre-reviews/${r.id}`}>{r.projectName}</Link>
                  ),
                },
                { title: t.unit, dataIndex: 'unitName', key: 'unit' },
              ]),
          { title: t.topics, key: 'topics', render: (_, r) => topicsText(r.topics, lang) },
          { title: t.dueOn, dataIndex: 'dueOn', key: 'due' },
          {
            title: t.progress,
            key: 'progress',
            render: (_, r) => (
              <Flex gap={4}>
                {t.answered(r.opinionsAnswered, r.opinionsAsked)}
                {r.overdueOpinions ? <Tag color="error">{t.overdueOpinions(r.overdueOpinions)}</Tag> : null}
              </Flex>
            ),
          },
          {
            title: t.status,
            key: 'status',
            render: (_, r) => (
              <Flex gap={4}>
                <ReviewStatusTag status={r.status} lang={lang} />
                {r.decision ? <DecisionTag decision={r.decision} lang={lang} /> : null}
              </Flex>
            ),
          },
          {
            title: '',
            key: 'view',
            render: (_, r) => <Link to={`/landing/pre-reviews/${r.id}`}>{t.view}</Link>,
          },
        ]}
      />
    </Flex>
  );
}

function CandidatesTable() {
  const t = useT(preReviewsMessages);
  const lang = useLang();
  const can = useCan();
  const list = usePreReviewCandidates();
  const [opening, setOpening] = useState<PreReviewCandidate | null>(null);
  return (
    <Flex vertical gap={12}>
      {list.data ? (
        <Typography.Text type="secondary">
          {t.candidatesHint(moneyAuto(list.data.thresholdYuan))}
        </Typography.Text>
      ) : null}
      <Table<PreReviewCandidate>
        rowKey="projectId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t.noCandidates }}
        data-testid="pre-review-candidates"
        columns={[
          {
            title: t.project,
            key: 'project',
            render: (_, c) => <Link to={`/projects/${c.projectId}`}>{c.projectName}</Link>,
          },
          { title: t.unit, dataIndex: 'unitName', key: 'unit' },
          {
            title: t.stage,
            key: 'stage',
            render: (_, c) => STAGE_LABELS[c.stage as Stage]?.[lang] ?? c.stage,
          },
          { title: t.amount, key: 'amount', render: (_, c) => moneyAuto(c.amountYuan) },
          {
            title: '',
            key: 'action',
            render: (_, c) =>
              c.openReviewId ? (
                <Link to={`/landing/pre-reviews/${c.openReviewId}`}>{t.reviewing}</Link>
              ) : can('landing.coordinate') ? (
                <Button size="small" type="primary" onClick={() => setOpening(c)}>
                  {t.open}
                </Button>
              ) : null,
          },
        ]}
      />
      {opening ? (
        <OpenPreReviewModal
          projectId={opening.projectId}
          projectName={opening.projectName}
          onClose={() => setOpening(null)}
        />
      ) : null}
    </Flex>
  );
}
