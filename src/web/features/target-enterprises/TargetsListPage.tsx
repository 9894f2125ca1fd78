import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  TARGET_PRIORITIES,
  TARGET_PRIORITY_LABELS,
  TARGET_STATUS_LABELS,
  TARGET_STATUSES,
  TARGET_TAG_LABELS,
  TARGET_TAGS,
  type TargetTag,
} from '../../../domain/network/network-codes.js';
import type { TargetEnterpriseView, TargetSort } from '../../../domain/network/targets.schemas.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { NetworkSelect } from '../network/NetworkSelect.js';
import { formatDay, parseDay } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { TargetFormModal } from './TargetFormModal.js';
import { TargetImportModal } from './TargetImportModal.js';
import { TargetStatusTag } from './TargetStatusTag.js';
import { type TargetsQuery, targetsExportHref, useTargets } from './target-enterprises.api.js';
import { targetEnterprisesMessages } from './target-enterprises.messages.js';

const FILTER_KEYS = [
  'q',
  'tags',
  'status',
  'priority',
  'unitId',
  'chainLinkId',
  'hasLead',
  'hasProject',
  'overdue',
  'nextStepBefore',
] as const;
const PAGE_SIZES = ['20', '50', '100'];

/** The list's state lives in the address, so a link (or the back button) reopens exactly this view. */
function readQuery(params: URLSearchParams): TargetsQuery {
  const filters = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );
  return {
    ...filters,
    sort: (params.get('sort') as TargetSort | null) ?? '-updatedAt',
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  } as TargetsQuery;
}

export function TargetsListPage() {
  const t = useT(targetEnterprisesMessages);
  const lang = useLang();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const targets = useTargets(query);
  const units = useProjectUnits();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  const go = (patch: Partial<TargetsQuery>) => {
    const next = { ...query, page: 1, ...patch } as Record<string, unknown>;
    setParams(
      Object.fromEntries(
        Object.entries(next)
          .filter(([, v]) => v !== undefined && v !== null && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ),
    );
  };
  const tags = (query.tags?.split(',').filter(Boolean) ?? []) as TargetTag[];
  const toggleTag = (tag: TargetTag) => {
    const next = tags.includes(tag) ? tags.filter((x) => x !== tag) : [...tags, tag];
    go({ tags: next.join(',') || undefined });
  };
  const leadFilter = query.hasLead
    ? `lead:${query.hasLead}`
    : query.hasProject
      ? `project:${query.hasProject}`
      : undefined;

  const columns: TableColumnsType<TargetEnterpriseView> = [
    {
      key: 'enterprise',
      title: t.enterprise,
      render: (_, x) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/network/targets/${x.id}`}>{x.enterpriseName}</Link>
          {x.priority === 'key' ? <Tag color="red">{TARGET_PRIORITY_LABELS.key[lang]}</Tag> : null}
          {x.hasLead ? <Tag color="blue">{t.hasLead}</Tag> : null}
          {x.hasProject ? <Tag color="green">{t.hasProject}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: 'tags',
      title: t.tags,
      render: (_, x) => (
        <Flex gap={2} wrap>
          {x.tags.map((g) => (
            <Tag key={g}>{TARGET_TAG_LABELS[g][lang]}</Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'unit', title: t.unit, dataIndex: 'unitName' },
    { key: 'link', title: t.chainLink, render: (_, x) => x.chainLinkLabel ?? '—' },
    { key: 'status', title: t.status, render: (_, x) => <TargetStatusTag status={x.status} /> },
    { key: 'leader', title: t.leaderInCharge, render: (_, x) => x.leaderInCharge ?? '—' },
    { key: 'next', title: t.nextStep, render: (_, x) => x.nextStep ?? '—' },
    {
      key: 'nextStepOn',
      title: t.nextStepOn,
      dataIndex: 'nextStepOn',
      sorter: true,
      sortOrder: query.sort === 'nextStepOn' ? 'ascend' : query.sort === '-nextStepOn' ? 'descend' : null,
      render: (_, x) =>
        x.nextStepOn ? (
          <Typography.Text type={x.overdue ? 'danger' : undefined} strong={x.overdue}>
            {x.nextStepOn}
            {x.overdue ? ` · ${t.overdue}` : ''}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'updatedAt', title: t.updatedAt, render: (_, x) => x.updatedAt.slice(0, 10) },
  ];

  return (
    <Card
      title={t.title}
      extra={
        <Flex gap={8} wrap justify="flex-end">
          <Button icon={<DownloadOutlined />} href={targetsExportHref(query)} download>
            {t.exportXlsx}
          </Button>
          {can('pipeline.write') ? (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t.import}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t.add}
              </Button>
            </>
          ) : null}
        </Flex>
      }
    >
      <Flex gap={4} wrap style={{ marginBottom: 12 }} aria-label={t.tags} role="group">
        {TARGET_TAGS.map((g) => (
          <Tag.CheckableTag key={g} checked={tags.includes(g)} onChange={() => toggleTag(g)}>
            {TARGET_TAG_LABELS[g][lang]}
          </Tag.CheckableTag>
        ))}
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.search}
          aria-label={t.search}
          defaultValue={query.q}
          onSearch={(q) => go({ q: q.trim() || undefined })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          mode="multiple"
          placeholder={t.allStatuses}
          aria-label={t.status}
          value={query.status?.split(',').filter(Boolean) ?? []}
          onChange={(s: string[]) => go({ status: s.join(',') || undefined })}
          options={TARGET_STATUSES.map((s) => ({ value: s, label: TARGET_STATUS_LABELS[s][lang] }))}
          style={{ minWidth: 140 }}
        />
        <Select
          allowClear
          placeholder={t.allPriorities}
          aria-label={t.priority}
          value={query.priority}
          onChange={(priority) => go({ priority })}
          options={TARGET_PRIORITIES.map((p) => ({ value: p, label: TARGET_PRIORITY_LABELS[p][lang] }))}
          style={{ width: 110 }}
        />
        {units.districtScope ? (
          <Select
            allowClear
            placeholder={t.allUnits}
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
          placeholder={t.hasLeadFilter}
          aria-label={t.hasLeadFilter}
          value={leadFilter}
          onChange={(v?: string) => {
            const [what, flag] = v?.split(':') ?? [];
            go({
              hasLead: what === 'lead' ? (flag as 'true' | 'false') : undefined,
              hasProject: what === 'project' ? (flag as 'true' | 'false') : undefined,
            });
          }}
          options={[
            { value: 'lead:true', label: t.hasLeadOnly },
            { value: 'lead:false', label: t.noLead },
            { value: 'project:true', label: t.hasProjectOnly },
            { value: 'project:false', label: t.noProject },
          ]}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t.nextStep}
          aria-label={t.overdueOnly}
          value={query.overdue}
          onChange={(overdue) => go({ overdue })}
          options={[{ value: 'true', label: t.overdueOnly }]}
          style={{ width: 140 }}
        />
        <DatePicker
          aria-label={t.nextStepBefore}
          placeholder={t.nextStepBefore}
          value={parseDay(query.nextStepBefore ?? null)}
          onChange={(d) => go({ nextStepBefore: formatDay(d) ?? undefined })}
        />
        <div style={{ width: 260 }}>
          <NetworkSelect
            kind="chain_link"
            placeholder={t.chainLink}
            value={query.chainLinkId ?? null}
            onChange={(v) => go({ chainLinkId: v ?? undefined })}
          />
        </div>
      </Flex>
      {targets.isError ? (
        <ErrorResult error={targets.error} onRetry={() => void targets.refetch()} />
      ) : (
        <Table<TargetEnterpriseView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={targets.data?.items}
          loading={targets.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.empty }}
          onRow={(x) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a')) return;
              void navigate(`/network/targets/${x.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          onChange={(pagination, _f, sorter, extra) => {
            if (extra.action === 'sort') {
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              go({
                sort:
                  one?.order === 'ascend'
                    ? 'nextStepOn'
                    : one?.order === 'descend'
                      ? '-nextStepOn'
                      : undefined,
              });
              return;
            }
            const pageSize = pagination.pageSize ?? query.pageSize;
            go({ page: pageSize === query.pageSize ? (pagination.current ?? 1) : 1, pageSize });
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: targets.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t.total(n),
          }}
        />
      )}
      {adding ? (
        <TargetFormModal
          target={null}
          unitOptions={units.formOptions}
          defaultUnitId={me.unit.id}
          onClose={(saved) => {
            setAdding(false);
            if (saved) void navigate(`/network/targets/${saved.id}`);
          }}
        />
      ) : null}
      {importing ? <TargetImportModal onClose={() => setImporting(false)} /> : null}
    </Card>
  );
}
