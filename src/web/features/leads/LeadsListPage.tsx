import { DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  LEAD_CHANNEL_LABELS,
  LEAD_CHANNELS,
  LEAD_CLOCK_KINDS,
  LEAD_CLOCK_LABELS,
  LEAD_STATUS_LABELS,
  LEAD_STATUSES,
  type LeadListQuery,
  type LeadSort,
  type LeadView,
} from '../../../domain/leads/leads.schemas.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { NetworkSelect } from '../network/NetworkSelect.js';
import { formatDay, moneyAuto, parseDay } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { SavedViewsMenu } from '../saved-views/SavedViewsMenu.js';
import { LeadClockBadges } from './LeadClockBadges.js';
import { LeadClockSettingsModal } from './LeadClockSettingsModal.js';
import { LeadFormModal } from './LeadFormModal.js';
import { LeadStatusTag } from './LeadStatusTag.js';
import { type LeadsQuery, leadsExportHref, useLeads } from './leads.api.js';
import { leadsMessages } from './leads.messages.js';

const FILTER_KEYS = [
  'status',
  'unitId',
  'channel',
  'shared',
  'overdue',
  'receivedFrom',
  'receivedTo',
  'referralSourceId',
  'eventId',
  'chainLinkId',
  'q',
] as const;
const PAGE_SIZES = ['20', '50', '100'];

/** The list's state lives in the address, so a link (or the back button) reopens exactly this view. */
function readQuery(params: URLSearchParams): LeadsQuery {
  const filters = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  ) as LeadListQuery;
  return {
    ...filters,
    sort: (params.get('sort') as LeadSort | null) ?? '-receivedOn',
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
}

export function LeadsListPage() {
  const t = useT(leadsMessages);
  const lang = useLang();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const leads = useLeads(query);
  const units = useProjectUnits();
  const [adding, setAdding] = useState(false);
  const [settings, setSettings] = useState(false);

  const go = (patch: Partial<LeadsQuery>) => {
    const next = { ...query, page: 1, ...patch } as Record<string, unknown>;
    setParams(
      Object.fromEntries(
        Object.entries(next)
          .filter(([, v]) => v !== undefined && v !== null && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ),
    );
  };
  const { page: _p, pageSize: _s, sort: _o, ...filters } = query;

  const columns: TableColumnsType<LeadView> = [
    {
      key: 'title',
      title: t.leadTitle,
      render: (_, l) => (
        <Flex gap={4} wrap>
          <Link to={`/leads/${l.id}`}>{l.title}</Link>
          {l.shared ? <Tag color="cyan">{t.sharedTag}</Tag> : null}
        </Flex>
      ),
    },
    { key: 'enterprise', title: t.enterprise, dataIndex: 'enterpriseName' },
    { key: 'unit', title: t.unit, dataIndex: 'unitName' },
    {
      key: 'channel',
      title: t.channel,
      // The referring source under the channel: 以商招商 · 北京洺水商会.
      render: (_, l) => (
        <Flex vertical>
          <span>{LEAD_CHANNEL_LABELS[l.channel][lang]}</span>
          {l.referralSourceId ? (
            <Link to={`/network/sources/${l.referralSourceId}`} style={{ fontSize: 12 }}>
              {l.referralSourceName}
            </Link>
          ) : null}
        </Flex>
      ),
    },
    { key: 'amount', title: t.intendedAmountShort, render: (_, l) => moneyAuto(l.intendedAmountYuan) },
    { key: 'status', title: t.status, render: (_, l) => <LeadStatusTag status={l.status} /> },
    { key: 'clocks', title: t.clocks, render: (_, l) => <LeadClockBadges clocks={l.clocks} /> },
    {
      key: 'receivedOn',
      title: t.receivedOn,
      dataIndex: 'receivedOn',
      sorter: true,
      sortOrder: query.sort === 'receivedOn' ? 'ascend' : query.sort === '-receivedOn' ? 'descend' : null,
    },
  ];

  return (
    <Card
      title={t.title}
      extra={
        <Flex gap={8} wrap justify="flex-end">
          <SavedViewsMenu
            list="leads"
            current={() => ({
              query: Object.fromEntries(
                Object.entries({ ...filters, sort: query.sort, pageSize: query.pageSize })
                  .filter(([, v]) => v !== undefined && v !== null && v !== '')
                  .map(([k, v]) => [k, String(v)]),
              ),
              columns: null,
            })}
            onApply={(view) => setParams(view.query as Record<string, string>)}
          />
          <Button icon={<DownloadOutlined />} href={leadsExportHref(filters)} download>
            {t.exportXlsx}
          </Button>
          {can('pipeline.coordinate') ? (
            <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
              {t.clockSettings}
            </Button>
          ) : null}
          {can('pipeline.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t.addLead}
            </Button>
          ) : null}
        </Flex>
      }
    >
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
          placeholder={t.allStatuses}
          aria-label={t.status}
          value={query.status}
          onChange={(status) => go({ status })}
          options={LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABELS[s][lang] }))}
          style={{ width: 120 }}
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
          placeholder={t.allChannels}
          aria-label={t.channel}
          value={query.channel}
          onChange={(channel) => go({ channel })}
          options={LEAD_CHANNELS.map((c) => ({ value: c, label: LEAD_CHANNEL_LABELS[c][lang] }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          placeholder={t.overdueFilter}
          aria-label={t.overdueFilter}
          value={query.overdue}
          onChange={(overdue) => go({ overdue })}
          options={[
            { value: 'any', label: t.anyOverdue },
            ...LEAD_CLOCK_KINDS.map((k) => ({
              value: k,
              label: t.clockOverdueShort(LEAD_CLOCK_LABELS[k][lang]),
            })),
          ]}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          placeholder={t.sharedFilter}
          aria-label={t.sharedFilter}
          value={query.shared}
          onChange={(shared) => go({ shared })}
          options={[
            { value: 'true', label: t.sharedOnly },
            { value: 'false', label: t.notShared },
          ]}
          style={{ width: 110 }}
        />
        <DatePicker.RangePicker
          aria-label={t.receivedRange}
          placeholder={[t.receivedRange, t.receivedRange]}
          value={[parseDay(query.receivedFrom ?? null), parseDay(query.receivedTo ?? null)]}
          onChange={(range) =>
            go({
              receivedFrom: formatDay(range?.[0]) ?? undefined,
              receivedTo: formatDay(range?.[1]) ?? undefined,
            })
          }
        />
        <div style={{ width: 240 }}>
          <NetworkSelect
            kind="source"
            placeholder={t.referralSource}
            value={query.referralSourceId ?? null}
            onChange={(v) => go({ referralSourceId: v ?? undefined })}
          />
        </div>
        <div style={{ width: 240 }}>
          <NetworkSelect
            kind="event"
            placeholder={t.event}
            value={query.eventId ?? null}
            onChange={(v) => go({ eventId: v ?? undefined })}
          />
        </div>
        {query.chainLinkId ? (
          <div style={{ width: 240 }}>
            <NetworkSelect
              kind="chain_link"
              placeholder={t.chainLink}
              value={query.chainLinkId}
              onChange={(v) => go({ chainLinkId: v ?? undefined })}
            />
          </div>
        ) : null}
      </Flex>
      {leads.isError ? (
        <ErrorResult error={leads.error} onRetry={() => void leads.refetch()} />
      ) : (
        <Table<LeadView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={leads.data?.items}
          loading={leads.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.empty }}
          onRow={(l) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a')) return;
              void navigate(`/leads/${l.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          onChange={(pagination, _f, sorter, extra) => {
            if (extra.action === 'sort') {
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              go({ sort: one?.order === 'ascend' ? 'receivedOn' : '-receivedOn' });
              return;
            }
            const pageSize = pagination.pageSize ?? query.pageSize;
            go({ page: pageSize === query.pageSize ? (pagination.current ?? 1) : 1, pageSize });
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: leads.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t.total(n),
          }}
        />
      )}
      {adding ? (
        <LeadFormModal
          lead={null}
          unitOptions={units.formOptions}
          unitLocked={!units.districtScope}
          defaultUnitId={me.unit.id}
          onClose={(saved) => {
            setAdding(false);
            if (saved) void navigate(`/leads/${saved.id}`);
          }}
        />
      ) : null}
      {settings ? <LeadClockSettingsModal onClose={() => setSettings(false)} /> : null}
    </Card>
  );
}
