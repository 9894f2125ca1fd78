import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  type ActivityCounts,
  type ActivityKind,
  type ActivityView,
  onlyPhoningUnits,
} from '../../../domain/activities/activities.schemas.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { formatDay, parseDay, todayInChina } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { KIND_COLORS } from './ActivitiesCard.js';
import { ActivityFormModal } from './ActivityFormModal.js';
import { type ActivitiesQuery, exportUrl, useActivities, useActivityCounts } from './activities.api.js';
import { activitiesMessages } from './activities.messages.js';

const PAGE_SIZES = [10, 20, 50, 100];

interface UnitRow {
  unitId: string;
  unitName: string;
  months: Record<string, ActivityCounts[number]>;
  visitOut: number;
  call: number;
}

function pivot(counts: ActivityCounts): { months: string[]; rows: UnitRow[] } {
  const months = [...new Set(counts.map((c) => c.month))].sort();
  const byUnit = new Map<string, UnitRow>();
  for (const c of counts) {
    const row = byUnit.get(c.unitId) ?? {
      unitId: c.unitId,
      unitName: c.unitName,
      months: {},
      visitOut: 0,
      call: 0,
    };
    row.months[c.month] = c;
    row.visitOut += c.visitOut;
    row.call += c.call;
    byUnit.set(c.unitId, row);
  }
  return { months, rows: [...byUnit.values()] };
}

/** Visits out vs calls per unit per month; a month with calls and no visit out is red (the speech's complaint). */
function MonthlyStats() {
  const t = useT(activitiesMessages);
  const today = todayInChina();
  const [range, setRange] = useState<[string, string]>([
    dayjs(today).subtract(11, 'month').startOf('month').format('YYYY-MM-DD'),
    today,
  ]);
  const counts = useActivityCounts(range[0], range[1]);
  const { months, rows } = pivot(counts.data ?? []);
  const flagged = onlyPhoningUnits(counts.data ?? []);
  const columns: TableColumnsType<UnitRow> = [
    {
      title: t.unit,
      key: 'unit',
      fixed: 'left',
      render: (_, r) =>
        flagged.has(r.unitId) ? (
          <Flex gap={4} align="center">
            {r.unitName}
            <Tag color="red">{t.onlyPhoning}</Tag>
          </Flex>
        ) : (
          r.unitName
        ),
    },
    ...months.map((m) => ({
      title: m,
      key: m,
      align: 'center' as const,
      render: (_: unknown, r: UnitRow) => {
        const c = r.months[m];
        if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
        const phoneOnly = c.call > 0 && c.visitOut === 0;
        return (
          <span
            data-testid={`cell-${r.unitName}-${m}`}
            style={phoneOnly ? { color: '#cf1322', fontWeight: 600 } : undefined}
            title={phoneOnly ? t.onlyPhoning : undefined}
          >
            {c.visitOut} / {c.call}
          </span>
        );
      },
    })),
    {
      title: t.totalRow,
      key: 'total',
      align: 'center',
      fixed: 'right',
      render: (_, r) => (
        <span data-testid={`total-${r.unitName}`}>
          {r.visitOut} / {r.call}
        </span>
      ),
    },
  ];
  return (
    <Card
      title={t.stats}
      extra={
        <DatePicker.RangePicker
          aria-label={t.dateRange}
          allowClear={false}
          value={[parseDay(range[0]), parseDay(range[1])]}
          onChange={(v) => {
            const from = formatDay(v?.[0]);
            const to = formatDay(v?.[1]);
            if (from && to) setRange([from, to]);
          }}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t.statsHelp}</Typography.Paragraph>
      {flagged.size > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t.onlyPhoningUnits(
            rows
              .filter((r) => flagged.has(r.unitId))
              .map((r) => r.unitName)
              .join('、'),
          )}
        />
      ) : null}
      {counts.isError ? (
        <ErrorResult error={counts.error} onRetry={() => void counts.refetch()} />
      ) : (
        <Table<UnitRow>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={counts.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.empty }}
          data-testid="activity-stats"
        />
      )}
    </Card>
  );
}

function ActivityLog() {
  const t = useT(activitiesMessages);
  const lang = useLang();
  const can = useCan();
  const units = useProjectUnits();
  const [query, setQuery] = useState<ActivitiesQuery>({ page: 1, pageSize: 20 });
  const [recording, setRecording] = useState(false);
  const list = useActivities(query);
  const filter = (patch: Partial<ActivitiesQuery>) => setQuery({ ...query, ...patch, page: 1 });

  const columns: TableColumnsType<ActivityView> = [
    { title: t.occurredOn, dataIndex: 'occurredOn', key: 'occurredOn' },
    {
      title: t.kind,
      key: 'kind',
      render: (_, a) => (
        <Flex gap={4}>
          <Tag color={KIND_COLORS[a.kind]}>{ACTIVITY_KIND_LABELS[a.kind][lang]}</Tag>
          {a.ledByLeader ? <Tag color="gold">{t.ledByLeader}</Tag> : null}
        </Flex>
      ),
    },
    { title: t.unit, dataIndex: 'unitName', key: 'unitName' },
    {
      title: t.target,
      key: 'target',
      render: (_, a) =>
        a.projectId ? (
          <Link to={`/projects/${a.projectId}`}>{a.projectName}</Link>
        ) : a.leadId ? (
          <Link to={`/leads/${a.leadId}`}>{a.leadTitle}</Link>
        ) : (
          '—'
        ),
    },
    { title: t.place, key: 'place', render: (_, a) => a.place ?? '—' },
    { title: t.summary, dataIndex: 'summary', key: 'summary' },
    { title: t.recordedBy, key: 'by', render: (_, a) => a.createdByName ?? '—' },
  ];

  return (
    <Card
      title={t.log}
      extra={
        <Flex gap={8}>
          <Button href={exportUrl(query)} download>
            {t.exportXlsx}
          </Button>
          {can('pipeline.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              {t.record}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        {units.districtScope ? (
          <Select<string>
            aria-label={t.unit}
            placeholder={t.allUnits}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={units.filterOptions}
            value={query.unitId}
            onChange={(unitId) => filter({ unitId })}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
          />
        ) : null}
        <Select<ActivityKind>
          aria-label={t.kind}
          placeholder={t.allKinds}
          allowClear
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k][lang] }))}
          value={query.kind}
          onChange={(kind) => filter({ kind })}
          style={{ flex: '1 1 140px', maxWidth: 180 }}
        />
        <DatePicker.RangePicker
          aria-label={t.dateRange}
          value={query.from && query.to ? [parseDay(query.from), parseDay(query.to)] : null}
          onChange={(v) =>
            filter({ from: formatDay(v?.[0]) ?? undefined, to: formatDay(v?.[1]) ?? undefined })
          }
        />
        <Select<'yes' | 'no'>
          aria-label={t.leaderFilter}
          placeholder={t.leaderFilter}
          allowClear
          options={[
            { value: 'yes', label: `${t.leaderFilter}：${t.yes}` },
            { value: 'no', label: `${t.leaderFilter}：${t.no}` },
          ]}
          value={query.ledByLeader === undefined ? undefined : query.ledByLeader ? 'yes' : 'no'}
          onChange={(v) => filter({ ledByLeader: v === undefined ? undefined : v === 'yes' })}
          style={{ flex: '1 1 140px', maxWidth: 180 }}
        />
      </Flex>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ActivityView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.empty }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t.total(n),
            onChange: (page, pageSize) =>
              setQuery({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      {recording ? <ActivityFormModal onClose={() => setRecording(false)} /> : null}
    </Card>
  );
}

export function ActivitiesPage() {
  return (
    <Flex vertical gap={16}>
      <MonthlyStats />
      <ActivityLog />
    </Flex>
  );
}
