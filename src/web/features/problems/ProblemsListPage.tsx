import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Switch, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_SOURCE_LABELS,
  PROBLEM_SOURCES,
  PROBLEM_STATUS_LABELS,
  PROBLEM_STATUSES,
  type ProblemCategory,
  type ProblemSource,
  type ProblemStatus,
} from '../../../domain/landing/landing-codes.js';
import type { ProblemListQuery, ProblemSummary } from '../../../domain/landing/problems.schemas.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { useSearchParamsPatch } from '../../app/search-params.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { useProjectUnits } from '../projects/project-units.js';
import { ProblemFormModal } from './ProblemFormModal.js';
import { ProblemClockTags, ProblemStatusTag } from './ProblemTags.js';
import { useProblemOptions, useProblems } from './problems.api.js';
import { problemsMessages } from './problems.messages.js';

/** 问题清单: filters live in the address, so a link (from a notice or the dashboard) reopens the same view. */
export function ProblemsListPage() {
  const t = useT(problemsMessages);
  const lang = useLang();
  const can = useCan();
  const navigate = useNavigate();
  const [params, set] = useSearchParamsPatch();
  const units = useProjectUnits();
  const options = useProblemOptions();
  const [adding, setAdding] = useState(false);

  const q: Partial<ProblemListQuery> = {
    q: params.get('q') ?? undefined,
    status: (params.get('status') as ProblemStatus | null) ?? undefined,
    category: (params.get('category') as ProblemCategory | null) ?? undefined,
    departmentUnitId: params.get('departmentUnitId') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    projectId: params.get('projectId') ?? undefined,
    raisedVia: (params.get('raisedVia') as ProblemSource | null) ?? undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    escalated: params.get('escalated') === 'true' ? 'true' : undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
  const problems = useProblems(q);

  const columns: TableColumnsType<ProblemSummary> = [
    {
      key: 'title',
      title: t.problemTitle,
      render: (_, p) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/landing/problems/${p.id}`} data-testid="problem-link">
            {p.title}
          </Link>
          <ProblemClockTags daysOverdue={p.daysOverdue} escalationLevel={p.escalationLevel} />
        </Flex>
      ),
    },
    { key: 'status', title: t.status, render: (_, p) => <ProblemStatusTag status={p.status} /> },
    { key: 'category', title: t.category, render: (_, p) => PROBLEM_CATEGORY_LABELS[p.category][lang] },
    {
      key: 'project',
      title: t.project,
      render: (_, p) => (p.projectId ? <Link to={`/projects/${p.projectId}`}>{p.projectName}</Link> : '—'),
    },
    { key: 'unit', title: t.unit, dataIndex: 'unitName' },
    { key: 'department', title: t.department, render: (_, p) => p.departmentName ?? '—' },
    { key: 'leader', title: t.leader, render: (_, p) => p.leaderInCharge ?? '—' },
    {
      key: 'deadline',
      title: t.deadline,
      render: (_, p) =>
        p.deadline ? (
          <Typography.Text type={p.daysOverdue > 0 ? 'danger' : undefined}>{p.deadline}</Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'source', title: t.source, render: (_, p) => PROBLEM_SOURCE_LABELS[p.raisedVia][lang] },
  ];

  return (
    <Card
      title={t.title}
      data-testid="problems-list"
      extra={
        can('landing.write') || can('landing.handle') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="problem-new"
          >
            {t.add}
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
          options={PROBLEM_STATUSES.map((s) => ({ value: s, label: PROBLEM_STATUS_LABELS[s][lang] }))}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder={t.allCategories}
          aria-label={t.category}
          value={q.category}
          onChange={(category) => set({ category })}
          options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: PROBLEM_CATEGORY_LABELS[c][lang] }))}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder={t.allDepartments}
          aria-label={t.department}
          value={q.departmentUnitId}
          onChange={(departmentUnitId) => set({ departmentUnitId })}
          options={(options.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 170 }}
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
            style={{ width: 160 }}
          />
        ) : null}
        <Select
          allowClear
          placeholder={t.allSources}
          aria-label={t.source}
          value={q.raisedVia}
          onChange={(raisedVia) => set({ raisedVia })}
          options={PROBLEM_SOURCES.map((s) => ({ value: s, label: PROBLEM_SOURCE_LABELS[s][lang] }))}
          style={{ width: 120 }}
        />
        <Flex align="center" gap={6}>
          <Switch
            size="small"
            checked={q.overdue === 'true'}
            onChange={(on) => set({ overdue: on ? 'true' : undefined })}
            aria-label={t.overdueOnly}
            data-testid="problems-overdue-filter"
          />
          <Typography.Text>{t.overdueOnly}</Typography.Text>
        </Flex>
        <Flex align="center" gap={6}>
          <Switch
            size="small"
            checked={q.escalated === 'true'}
            onChange={(on) => set({ escalated: on ? 'true' : undefined })}
            aria-label={t.escalatedOnly}
          />
          <Typography.Text>{t.escalatedOnly}</Typography.Text>
        </Flex>
      </Flex>
      {problems.isError ? (
        <ErrorResult error={problems.error} onRetry={() => void problems.refetch()} />
      ) : (
        <Table<ProblemSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={problems.data?.items}
          loading={problems.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.empty }}
          onRow={(p) =>
            ({
              'data-testid': `problem-row-${p.id}`,
              onClick: (ev: React.MouseEvent) => {
                if ((ev.target as HTMLElement).closest('a')) return;
                void navigate(`/landing/problems/${p.id}`);
              },
              style: { cursor: 'pointer', ...(p.daysOverdue > 0 ? { background: '#fff1f0' } : {}) },
            }) as React.HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: q.page,
            pageSize: q.pageSize,
            total: problems.data?.total ?? 0,
            showTotal: (n) => t.total(n),
            onChange: (page, pageSize) => set({ page: String(page), pageSize: String(pageSize) }),
          }}
        />
      )}
      {adding ? (
        <ProblemFormModal
          projectId={q.projectId ?? null}
          onClose={(saved) => {
            setAdding(false);
            if (saved) void navigate(`/landing/problems/${saved.problem.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}
