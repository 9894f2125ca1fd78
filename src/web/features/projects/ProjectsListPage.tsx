import {
  AppstoreOutlined,
  DownloadOutlined,
  PlusOutlined,
  UnorderedListOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { COLUMN_SORTS, type ProjectSort } from '../../../domain/projects/project-list.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { importsMessages } from '../imports/imports.messages.js';
import { SavedViewsMenu } from '../saved-views/SavedViewsMenu.js';
import { ProjectBoard } from './ProjectBoard.js';
import { ProjectColumnChooser } from './ProjectColumnChooser.js';
import { ProjectFilterBar } from './ProjectFilterBar.js';
import { ProjectFormModal } from './ProjectFormModal.js';
import { projectTableColumns } from './project-columns.js';
import { projectListMessages } from './project-list.messages.js';
import {
  applyView,
  exportHref,
  type FilterParams,
  type ListUrlState,
  listParams,
  PAGE_SIZES,
  readListUrl,
  viewQuery,
  writeListUrl,
} from './project-list-query.js';
import { useProjectUnits } from './project-units.js';
import { useProjects } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';

/**
 * 项目库: the filtered list or board. Everything the person sets (filters, order, page, columns, list or board)
 * is in the address: a link or a saved view reopens it exactly, and the back button steps back through it.
 */
export function ProjectsListPage() {
  const t = useT(projectsMessages);
  const tl = useT(projectListMessages);
  const lang = useLang();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = readListUrl(params);
  const [adding, setAdding] = useState(false);
  const units = useProjectUnits();
  const board = state.view === 'board';
  const projects = useProjects(listParams(state), !board);
  const canWrite = can('pipeline.write');

  // Each change is a history entry, so the back button undoes a filter as a person expects. A change builds on
  // the address as it is now rather than as this render saw it, so two quick changes (a stage, then a search
  // typed at once) both stick.
  const go = (change: (current: ListUrlState) => ListUrlState) =>
    setParams(writeListUrl(change(readListUrl(new URLSearchParams(window.location.search)))));
  const filter = (patch: FilterParams) => go((s) => ({ ...s, filters: { ...s.filters, ...patch }, page: 1 }));

  return (
    <Card
      title={t.title}
      extra={
        <Flex gap={8} wrap justify="flex-end">
          <Segmented<'list' | 'board'>
            aria-label={tl.viewMode}
            value={state.view}
            onChange={(view) => go((s) => ({ ...s, view, page: 1 }))}
            options={[
              { value: 'list', label: tl.listView, icon: <UnorderedListOutlined /> },
              { value: 'board', label: tl.boardView, icon: <AppstoreOutlined /> },
            ]}
          />
          <SavedViewsMenu
            list="projects"
            current={() => ({ query: viewQuery(state), columns: state.columns })}
            onApply={(view) => go((s) => applyView(s, view))}
          />
          {board ? null : (
            <ProjectColumnChooser
              columns={state.columns}
              onChange={(columns) => go((s) => ({ ...s, columns }))}
            />
          )}
          {/* The export carries the filters, the order and the columns on screen; the server applies the same scope. */}
          <Button icon={<DownloadOutlined />} href={exportHref(state)} download>
            {t.exportXlsx}
          </Button>
          {canWrite ? (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/imports?kind=projects')}>
              {importsMessages[lang].importButton}
            </Button>
          ) : null}
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t.addProject}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <ProjectFilterBar
        filters={state.filters}
        onChange={filter}
        unitOptions={units.districtScope ? units.filterOptions : null}
      />
      {board ? (
        <ProjectBoard filters={state.filters} canWrite={canWrite} />
      ) : projects.isError ? (
        <ErrorResult error={projects.error} onRetry={() => void projects.refetch()} />
      ) : (
        <Table<ProjectView>
          rowKey="id"
          size="middle"
          columns={projectTableColumns(state.columns, lang, state)}
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
          onChange={(pagination, _filters, sorter, extra) => {
            if (extra.action === 'sort') {
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              const sort = one?.order ? COLUMN_SORTS[one.columnKey as keyof typeof COLUMN_SORTS] : undefined;
              go((s) => ({
                ...s,
                sort: (sort ?? 'updatedAt') as ProjectSort,
                order: one?.order === 'ascend' ? 'asc' : 'desc',
                page: 1,
              }));
              return;
            }
            const pageSize = pagination.pageSize ?? state.pageSize;
            go((s) => ({ ...s, page: pageSize === s.pageSize ? (pagination.current ?? 1) : 1, pageSize }));
          }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: projects.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t.total(n),
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
