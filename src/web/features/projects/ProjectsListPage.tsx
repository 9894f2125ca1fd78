import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { STAGE_LABELS, STAGES, type Stage } from '../../../domain/projects/stages.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { ProjectFormModal } from './ProjectFormModal.js';
import { moneyAuto } from './project-format.js';
import { useProjectUnits } from './project-units.js';
import { type ProjectsQuery, useProjects } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';
import { StageTag } from './StageTag.js';

const PAGE_SIZES = [10, 20, 50, 100];

/** The filters live in the address, so that coming back from a project finds the list as it was left. */
function readQuery(params: URLSearchParams): ProjectsQuery {
  const stage = params.get('stage');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    stage: (STAGES as readonly string[]).includes(stage ?? '') ? (stage as Stage) : undefined,
    unitId: params.get('unitId') || undefined,
    q: params.get('q') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function writeQuery(q: ProjectsQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (q.stage) params.set('stage', q.stage);
  if (q.unitId) params.set('unitId', q.unitId);
  if (q.q) params.set('q', q.q);
  if (q.page > 1) params.set('page', String(q.page));
  if (q.pageSize !== 20) params.set('pageSize', String(q.pageSize));
  return params;
}

function exportParams(q: ProjectsQuery): string {
  const params = writeQuery({ ...q, page: 1, pageSize: 20 });
  return params.toString();
}

export function ProjectsListPage() {
  const t = useT(projectsMessages);
  const lang = useLang();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const [adding, setAdding] = useState(false);
  const units = useProjectUnits();
  const projects = useProjects(query);
  const canWrite = can('pipeline.write');

  const setQuery = (next: ProjectsQuery) => setParams(writeQuery(next), { replace: true });
  const filter = (patch: Partial<ProjectsQuery>) => setQuery({ ...query, ...patch, page: 1 });

  const columns: TableColumnsType<ProjectView> = [
    {
      title: t.name,
      key: 'name',
      render: (_, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
    },
    { title: t.unit, dataIndex: 'unitName', key: 'unitName' },
    { title: t.enterprise, key: 'enterprise', render: (_, p) => p.enterpriseName ?? '—' },
    { title: t.stage, key: 'stage', render: (_, p) => <StageTag stage={p.stage} /> },
    {
      title: t.plannedTotal,
      key: 'plannedTotal',
      align: 'right',
      render: (_, p) => moneyAuto(p.plannedTotalYuan),
    },
    {
      title: t.signedAmount,
      key: 'signedAmount',
      align: 'right',
      render: (_, p) => moneyAuto(p.signedAmountYuan),
    },
    { title: t.updatedAt, key: 'updatedAt', render: (_, p) => formatDateTime(p.updatedAt) },
  ];

  return (
    <Card
      title={t.title}
      extra={
        <Flex gap={8}>
          {/* The export carries the list's filters; the server applies the same scope as to the list. */}
          <Button href={`/api/projects/export.xlsx?${exportParams(query)}`} download>
            {t.exportXlsx}
          </Button>
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t.addProject}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t.searchLabel}
          placeholder={t.search}
          allowClear
          defaultValue={query.q}
          onSearch={(q) => filter({ q: q.trim() || undefined })}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
        <Select<Stage>
          aria-label={t.stageFilter}
          placeholder={t.allStages}
          allowClear
          options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s][lang] }))}
          value={query.stage}
          onChange={(stage) => filter({ stage })}
          style={{ flex: '1 1 140px', maxWidth: 200 }}
        />
        {units.districtScope ? (
          <Select<string>
            aria-label={t.unitFilter}
            placeholder={t.allUnits}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={units.filterOptions}
            value={query.unitId}
            onChange={(unitId) => filter({ unitId })}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
        ) : null}
      </Flex>
      {projects.isError ? (
        <ErrorResult error={projects.error} onRetry={() => void projects.refetch()} />
      ) : (
        <Table<ProjectView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={projects.data?.items}
          loading={projects.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.empty }}
          onRow={(p) => ({
            onClick: (e) => {
              // A click on the name's link is the link's own; elsewhere on the row it opens the project too.
              if ((e.target as HTMLElement).closest('a')) return;
              void navigate(`/projects/${p.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: projects.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t.total(n),
            onChange: (page, pageSize) =>
              setQuery({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      {adding ? (
        <ProjectFormModal
          project={null}
          unitOptions={units.formOptions}
          unitLocked={!units.districtScope}
          defaultUnitId={me.unit.id}
          onClose={(saved) => {
            setAdding(false);
            if (saved) void navigate(`/projects/${saved.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}
