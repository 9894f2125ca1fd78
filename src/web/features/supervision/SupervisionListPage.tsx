import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Flex,
  Input,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  SUPERVISION_STATUS_LABELS,
  SUPERVISION_STATUSES,
  type SupervisionStatus,
} from '../../../domain/landing/landing-codes.js';
import type {
  SupervisionListQuery,
  SupervisionNoticeView,
} from '../../../domain/supervision/supervision.schemas.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { useSearchParamsPatch } from '../../app/search-params.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { useProjectUnits } from '../projects/project-units.js';
import { IssueSupervisionModal } from './IssueSupervisionModal.js';
import { useSupervisionNotices } from './supervision.api.js';
import { supervisionMessages } from './supervision.messages.js';

export function SupervisionStatusTag({ status }: { status: SupervisionStatus }) {
  const lang = useLang();
  const color = status === 'issued' ? 'orange' : status === 'replied' ? 'blue' : 'green';
  return <Tag color={color}>{SUPERVISION_STATUS_LABELS[status][lang]}</Tag>;
}

/** 督办单: filters live in the address; overdue notices in red; the office issues from here. */
export function SupervisionListPage() {
  const t = useT(supervisionMessages);
  const lang = useLang();
  const can = useCan();
  const units = useProjectUnits();
  const [params, set] = useSearchParamsPatch();
  // ?issue=1&problemId=… opens the form with the problem linked (a 督办 button elsewhere points here).
  const [issuing, setIssuing] = useState(params.get('issue') === '1');
  const q: Partial<SupervisionListQuery> = {
    q: params.get('q') ?? undefined,
    status: (params.get('status') as SupervisionStatus | null) ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    year: params.get('year') ? Number(params.get('year')) : undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
  const notices = useSupervisionNotices(q);

  const columns: TableColumnsType<SupervisionNoticeView> = [
    {
      key: 'number',
      title: t.number,
      render: (_, n) => (
        <Link to={`/landing/supervision/${n.id}`} data-testid="supervision-link">
          {n.numberLabel}
        </Link>
      ),
    },
    { key: 'subject', title: t.subject, dataIndex: 'subject' },
    { key: 'unit', title: t.unit, dataIndex: 'unitName' },
    {
      key: 'due',
      title: t.replyDueOn,
      render: (_, n) => (
        <Flex gap={4} wrap>
          <Typography.Text type={n.overdue ? 'danger' : undefined}>{n.replyDueOn}</Typography.Text>
          {n.overdue ? <Tag color="red">{t.daysOverdue(n.daysOverdue)}</Tag> : null}
        </Flex>
      ),
    },
    { key: 'status', title: t.status, render: (_, n) => <SupervisionStatusTag status={n.status} /> },
    { key: 'project', title: t.project, render: (_, n) => n.projectName ?? '—' },
  ];

  if (notices.isError) return <ErrorResult error={notices.error} onRetry={() => void notices.refetch()} />;
  return (
    <Card
      title={t.title}
      data-testid="supervision-list"
      extra={
        can('supervision.issue') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setIssuing(true)}
            data-testid="supervision-issue"
          >
            {t.issue}
          </Button>
        ) : null
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.search}
          aria-label={t.search}
          defaultValue={params.get('q') ?? undefined}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t.allStatuses}
          aria-label={t.status}
          value={q.status}
          onChange={(status) => set({ status })}
          options={SUPERVISION_STATUSES.map((s) => ({ value: s, label: SUPERVISION_STATUS_LABELS[s][lang] }))}
          style={{ width: 120 }}
        />
        {units.districtScope ? (
          <Select
            allowClear
            placeholder={t.allUnits}
            aria-label={t.unit}
            value={q.unitId}
            onChange={(unitId) => set({ unitId })}
            options={units.filterOptions}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
          />
        ) : null}
        <Flex align="center" gap={6}>
          <Switch
            size="small"
            checked={q.overdue === 'true'}
            onChange={(on) => set({ overdue: on ? 'true' : undefined })}
            aria-label={t.overdueOnly}
            data-testid="supervision-overdue-filter"
          />
          {t.overdueOnly}
        </Flex>
      </Flex>
      <Table<SupervisionNoticeView>
        rowKey="id"
        size="small"
        loading={notices.isFetching}
        columns={columns}
        dataSource={notices.data?.items ?? []}
        rowClassName={(n) => (n.overdue ? 'row-overdue' : '')}
        onRow={(n) => (n.overdue ? { style: { background: '#fff1f0' } } : {})}
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: notices.data?.total ?? 0,
          showTotal: () => t.total(notices.data?.total ?? 0, notices.data?.overdueTotal ?? 0),
          onChange: (page, pageSize) => set({ page: String(page), pageSize: String(pageSize) }),
        }}
      />
      {issuing ? (
        <IssueSupervisionModal
          problemId={params.get('problemId')}
          projectId={params.get('projectId')}
          onClose={() => {
            setIssuing(false);
            if (params.get('issue')) set({ issue: undefined, problemId: undefined, projectId: undefined });
          }}
        />
      ) : null}
    </Card>
  );
}
