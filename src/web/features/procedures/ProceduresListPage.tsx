import { Button, Card, Flex, Select, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  PROCEDURE_KIND_LABELS,
  PROCEDURE_KINDS,
  PROCEDURE_STATUS_LABELS,
  PROCEDURE_STATUSES,
} from '../../../domain/landing/landing-codes.js';
import type { ProcedureListRow } from '../../../domain/procedures/procedures.schemas.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { useSearchParamsPatch } from '../../app/search-params.js';
import { useUnits } from '../organization/organization.api.js';
import { ProcedureFormModal } from './ProcedureFormModal.js';
import { ProcedureStatusTag } from './procedure-tags.js';
import { useProcedureList } from './procedures.api.js';
import { proceduresMessages } from './procedures.messages.js';

/** 手续办理 across projects: the unit's own, or (a department) those assigned to it; overdue first. */
export function ProceduresListPage() {
  const t = useT(proceduresMessages);
  const lang = useLang();
  const can = useCan();
  const user = useCurrentUser();
  const [params, set] = useSearchParamsPatch({ replace: true });
  const q = {
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    status: params.get('status') ?? undefined,
    kind: params.get('kind') ?? undefined,
    departmentUnitId: params.get('departmentUnitId') ?? undefined,
    page: params.get('page') ?? '1',
  };
  const list = useProcedureList(q);
  const units = useUnits({});
  const departments = (units.data ?? []).filter((u) => u.kind === 'department');
  const [editing, setEditing] = useState<ProcedureListRow | null>(null);
  const data = list.data;

  return (
    <Card title={t.title}>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Flex gap={6} align="center">
          <Switch
            checked={q.overdue === 'true'}
            onChange={(on) => set({ overdue: on ? 'true' : undefined })}
            aria-label={t.overdueOnly}
            data-testid="procedures-overdue-toggle"
          />
          <span>{t.overdueOnly}</span>
        </Flex>
        <Select
          allowClear
          placeholder={t.allStatuses}
          style={{ width: 140 }}
          value={q.status}
          onChange={(v) => set({ status: v })}
          options={PROCEDURE_STATUSES.map((s) => ({ value: s, label: PROCEDURE_STATUS_LABELS[s][lang] }))}
        />
        <Select
          allowClear
          placeholder={t.allKinds}
          style={{ width: 160 }}
          value={q.kind}
          onChange={(v) => set({ kind: v })}
          options={PROCEDURE_KINDS.map((k) => ({ value: k, label: PROCEDURE_KIND_LABELS[k][lang] }))}
        />
        {!can('landing.handle') ? (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t.allDepartments}
            style={{ width: 200 }}
            value={q.departmentUnitId}
            onChange={(v) => set({ departmentUnitId: v })}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : null}
        {data ? (
          <Typography.Text type="secondary">{t.total(data.total, data.overdueTotal)}</Typography.Text>
        ) : null}
      </Flex>
      <Table<ProcedureListRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="procedures-list"
        onRow={(p) => (p.overdue ? { style: { background: 'rgba(255, 77, 79, 0.06)' } } : {})}
        pagination={{
          current: Number(q.page),
          pageSize: 50,
          total: data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: (page) => set({ page: String(page) }),
        }}
        columns={[
          {
            title: t.project,
            key: 'project',
            render: (_, p) =>
              can('pipeline.read') && !can('landing.handle') ? (
                <Link to={`/projects/${p.projectId}`}>{p.projectName}</Link>
              ) : (
                p.projectName
              ),
          },
          { title: t.unit, dataIndex: 'unitName', key: 'unit' },
          { title: t.name, dataIndex: 'name', key: 'name' },
          { title: t.department, key: 'dept', render: (_, p) => p.departmentName ?? '—' },
          {
            title: t.plannedOn,
            key: 'planned',
            render: (_, p) =>
              p.overdue ? (
                <Typography.Text type="danger">{p.plannedOn}</Typography.Text>
              ) : (
                (p.plannedOn ?? '—')
              ),
          },
          {
            title: t.overdue,
            key: 'overdue',
            render: (_, p) =>
              p.overdue ? (
                <Typography.Text type="danger">{t.daysOverdue(p.daysOverdue)}</Typography.Text>
              ) : (
                ''
              ),
          },
          { title: t.doneOn, key: 'done', render: (_, p) => p.doneOn ?? '—' },
          {
            title: t.status,
            key: 'status',
            render: (_, p) => <ProcedureStatusTag status={p.status} lang={lang} />,
          },
          {
            title: t.actions,
            key: 'actions',
            render: (_, p) =>
              can('landing.write') || (can('landing.handle') && p.departmentUnitId === user.unit.id) ? (
                <Button size="small" onClick={() => setEditing(p)}>
                  {t.edit}
                </Button>
              ) : null,
          },
        ]}
      />
      {editing ? (
        <ProcedureFormModal
          projectId={editing.projectId}
          procedure={editing}
          progressOnly={!can('landing.write')}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
