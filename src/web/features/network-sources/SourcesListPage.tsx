import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PROVINCES } from '../../../domain/enterprises/origin.js';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from '../../../domain/network/network-codes.js';
import type { SourceView } from '../../../domain/network/sources.schemas.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { useProjectUnits } from '../projects/project-units.js';
import { SourceFormModal } from './SourceFormModal.js';
import { type SourcesQuery, useSources } from './sources.api.js';
import { sourcesMessages } from './sources.messages.js';

const FILTER_KEYS = ['q', 'kind', 'province', 'unitId', 'active'] as const;
const PROVINCE_OPTIONS = PROVINCES.map((p) => ({ value: p.code.slice(0, 2), label: p.name }));

/** The list's state lives in the address (kind tab, filters, page), so a link reopens exactly this view. */
function readQuery(params: URLSearchParams): SourcesQuery & { page: number; pageSize: number } {
  const filters = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  ) as SourcesQuery;
  return {
    ...filters,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
}

export function SourcesListPage() {
  const t = useT(sourcesMessages);
  const lang = useLang();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const sources = useSources(query);
  const units = useProjectUnits();
  const [adding, setAdding] = useState(false);

  const go = (patch: Partial<typeof query>) => {
    const next = { ...query, page: 1, ...patch } as Record<string, unknown>;
    setParams(
      Object.fromEntries(
        Object.entries(next)
          .filter(([, v]) => v !== undefined && v !== null && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ),
    );
  };

  const columns: TableColumnsType<SourceView> = [
    {
      key: 'name',
      title: t.name,
      render: (_, s) => (
        <Flex gap={6} align="center">
          <Link to={`/network/sources/${s.id}`}>{s.name}</Link>
          {s.active ? null : <Tag>{t.inactive}</Tag>}
        </Flex>
      ),
    },
    { key: 'kind', title: t.kind, render: (_, s) => SOURCE_KIND_LABELS[s.kind][lang] },
    {
      key: 'region',
      title: t.region,
      render: (_, s) => [s.regionLabel, s.place].filter(Boolean).join(' · ') || '—',
    },
    { key: 'unit', title: t.unit, dataIndex: 'unitName' },
    {
      key: 'contact',
      title: t.contactName,
      render: (_, s) =>
        s.inScope ? (
          [s.contactName, s.contactPhone].filter(Boolean).join(' ') || '—'
        ) : (
          <Typography.Text type="secondary">{t.contactsHidden}</Typography.Text>
        ),
    },
  ];

  return (
    <Card
      title={t.title}
      extra={
        can('pipeline.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t.add}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Tabs
        activeKey={query.kind ?? 'all'}
        onChange={(k) => go({ kind: k === 'all' ? undefined : (k as SourceKind) })}
        items={[
          { key: 'all', label: t.all },
          ...SOURCE_KINDS.map((k) => ({ key: k, label: SOURCE_KIND_LABELS[k][lang] })),
        ]}
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.search}
          aria-label={t.search}
          defaultValue={query.q}
          onSearch={(q) => go({ q: q.trim() || undefined })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t.province}
          aria-label={t.province}
          value={query.province}
          onChange={(province) => go({ province })}
          options={PROVINCE_OPTIONS}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 140 }}
        />
        {units.districtScope ? (
          <Select
            allowClear
            placeholder={t.unit}
            aria-label={t.unit}
            value={query.unitId}
            onChange={(unitId) => go({ unitId })}
            options={units.filterOptions}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 160 }}
          />
        ) : null}
        <Select
          allowClear
          placeholder={t.activeFilter}
          aria-label={t.activeFilter}
          value={query.active}
          onChange={(active) => go({ active })}
          options={[
            { value: 'true', label: t.activeOnly },
            { value: 'false', label: t.inactiveOnly },
          ]}
          style={{ width: 110 }}
        />
      </Flex>
      {sources.isError ? (
        <ErrorResult error={sources.error} onRetry={() => void sources.refetch()} />
      ) : (
        <Table<SourceView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={sources.data?.items}
          loading={sources.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.empty }}
          onRow={(s) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a')) return;
              void navigate(`/network/sources/${s.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: sources.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: ['20', '50', '100'],
          }}
          onChange={(p) => go({ page: p.current ?? 1, pageSize: p.pageSize ?? query.pageSize })}
        />
      )}
      {adding ? (
        <SourceFormModal
          source={null}
          unitOptions={units.formOptions}
          unitLocked={!units.districtScope}
          defaultUnitId={me.unit.id}
          defaultKind={query.kind as SourceKind | undefined}
          onClose={(saved) => {
            setAdding(false);
            if (saved) void navigate(`/network/sources/${saved.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}
