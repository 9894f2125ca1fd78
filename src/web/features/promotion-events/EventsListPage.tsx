import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Calendar,
  Card,
  DatePicker,
  Flex,
  Grid,
  Input,
  Segmented,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CalendarItem, EventListQuery, EventSummary } from '../../../domain/network/events.schemas.js';
import { EVENT_KIND_LABELS, EVENT_KINDS, type EventKind } from '../../../domain/network/network-codes.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { useSearchParamsPatch } from '../../app/search-params.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { formatDay, parseDay, todayInChina } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { EventFormModal } from './EventFormModal.js';
import { useEventCalendar, useEvents, useOpenTasks } from './promotion-events.api.js';
import { eventsMessages } from './promotion-events.messages.js';

const KIND_COLORS: Record<EventKind, string> = {
  expo: 'blue',
  promotion: 'green',
  forum: 'purple',
  trip_out: 'orange',
  delegation_in: 'cyan',
};

export function EventKindTag({ kind }: { kind: EventKind }) {
  const lang = useLang();
  return <Tag color={KIND_COLORS[kind]}>{EVENT_KIND_LABELS[kind][lang]}</Tag>;
}

const dates = (e: { startsOn: string; endsOn: string }) =>
  e.startsOn === e.endsOn ? e.startsOn : `${e.startsOn} ~ ${e.endsOn}`;

/** 列表 / 日历: the list and its filters live in the address, so a link reopens the same view. */
export function EventsListPage() {
  const t = useT(eventsMessages);
  const lang = useLang();
  const can = useCan();
  const navigate = useNavigate();
  const [params, set] = useSearchParamsPatch();
  const units = useProjectUnits();
  const [adding, setAdding] = useState(false);
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';

  return (
    <Card
      title={t.title}
      extra={
        <Flex gap={8} wrap justify="flex-end">
          <Segmented
            value={view}
            onChange={(v) => set({ view: v === 'calendar' ? 'calendar' : undefined })}
            options={[
              { value: 'list', label: t.listView },
              { value: 'calendar', label: t.calendarView },
            ]}
          />
          {can('pipeline.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t.add}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        {view === 'list' ? (
          <Input.Search
            allowClear
            placeholder={t.search}
            aria-label={t.search}
            defaultValue={params.get('q') ?? undefined}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            style={{ width: 240 }}
          />
        ) : null}
        {view === 'list' ? (
          <Select
            allowClear
            placeholder={t.allKinds}
            aria-label={t.kind}
            value={params.get('kind') ?? undefined}
            onChange={(kind) => set({ kind })}
            options={EVENT_KINDS.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k][lang] }))}
            style={{ width: 140 }}
          />
        ) : null}
        {units.districtScope ? (
          <Select
            allowClear
            placeholder={t.allUnits}
            aria-label={t.unit}
            value={params.get('unitId') ?? undefined}
            onChange={(unitId) => set({ unitId })}
            options={units.filterOptions}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 160 }}
          />
        ) : null}
        {view === 'list' ? (
          <>
            <DatePicker.RangePicker
              aria-label={t.dateRange}
              placeholder={[t.dateRange, t.dateRange]}
              value={[parseDay(params.get('from')), parseDay(params.get('to'))]}
              onChange={(r) =>
                set({ from: formatDay(r?.[0]) ?? undefined, to: formatDay(r?.[1]) ?? undefined })
              }
            />
            <Flex align="center" gap={6}>
              <Switch
                size="small"
                checked={params.get('led') === 'true'}
                onChange={(on) => set({ led: on ? 'true' : undefined })}
                aria-label={t.ledOnly}
              />
              <Typography.Text>{t.ledOnly}</Typography.Text>
            </Flex>
          </>
        ) : null}
      </Flex>
      <OverdueTasks />
      {view === 'list' ? (
        <EventsTable params={params} set={set} />
      ) : (
        <EventsCalendar params={params} set={set} />
      )}
      {adding ? (
        <EventFormModal
          event={null}
          onClose={(saved) => {
            setAdding(false);
            if (saved) void navigate(`/network/events/${saved.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}

interface ViewProps {
  params: URLSearchParams;
  set: (patch: Record<string, string | undefined>) => void;
}

function EventsTable({ params, set }: ViewProps) {
  const t = useT(eventsMessages);
  const navigate = useNavigate();
  const q: Partial<EventListQuery> = {
    q: params.get('q') ?? undefined,
    kind: (params.get('kind') as EventKind | null) ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    led: params.get('led') === 'true' ? 'true' : undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
  const events = useEvents(q);
  const columns: TableColumnsType<EventSummary> = [
    {
      key: 'name',
      title: t.name,
      render: (_, e) => (
        <Flex gap={4} wrap>
          <Link to={`/network/events/${e.id}`}>{e.name}</Link>
          {e.leaders.length > 0 ? <Tag color="gold">{t.ledTag}</Tag> : null}
        </Flex>
      ),
    },
    { key: 'kind', title: t.kind, render: (_, e) => <EventKindTag kind={e.kind} /> },
    { key: 'dates', title: t.dates, render: (_, e) => dates(e) },
    { key: 'place', title: t.place, render: (_, e) => e.place ?? '—' },
    { key: 'unit', title: t.unit, dataIndex: 'unitName' },
    { key: 'leaders', title: t.leaders, render: (_, e) => e.leaders.join('、') || '—' },
    { key: 'meetings', title: t.meetingsCount, dataIndex: 'meetings', align: 'right' },
    { key: 'leads', title: t.leadsCount, dataIndex: 'leads', align: 'right' },
    {
      key: 'tasks',
      title: t.openTasks,
      render: (_, e) => (
        <Flex gap={4} align="center">
          {e.openTasks}
          {e.overdueTasks > 0 ? <Tag color="red">{t.overdueTasks(e.overdueTasks)}</Tag> : null}
        </Flex>
      ),
    },
  ];
  if (events.isError) return <ErrorResult error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <Table<EventSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={events.data?.items}
      loading={events.isFetching}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t.empty }}
      onRow={(e) => ({
        onClick: (ev) => {
          if ((ev.target as HTMLElement).closest('a')) return;
          void navigate(`/network/events/${e.id}`);
        },
        style: { cursor: 'pointer' },
      })}
      pagination={{
        current: q.page,
        pageSize: q.pageSize,
        total: events.data?.total ?? 0,
        showTotal: (n) => t.total(n),
        onChange: (page, pageSize) => set({ page: String(page), pageSize: String(pageSize) }),
      }}
    />
  );
}

function EventsCalendar({ params, set }: ViewProps) {
  const t = useT(eventsMessages);
  const screens = Grid.useBreakpoint();
  const month = params.get('month') ?? todayInChina().slice(0, 7);
  const cal = useEventCalendar(month, params.get('unitId') ?? undefined);
  const today = todayInChina();
  const value = dayjs(today.startsWith(month) ? today : `${month}-01`);
  const onDay = (d: Dayjs): CalendarItem[] => {
    const s = d.format('YYYY-MM-DD');
    return (cal.data ?? []).filter((e) => e.startsOn <= s && e.endsOn >= s);
  };
  if (cal.isError) return <ErrorResult error={cal.error} onRetry={() => void cal.refetch()} />;
  const wide = Boolean(screens.md);
  return (
    <Flex vertical gap={12}>
      <Calendar
        className="events-calendar"
        fullscreen={wide}
        value={value}
        onPanelChange={(d) => set({ month: d.format('YYYY-MM') })}
        onSelect={(d, info) => {
          if (info.source === 'date' && d.format('YYYY-MM') !== month) set({ month: d.format('YYYY-MM') });
        }}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          // Days of the neighbouring months stay empty: their events show on those months' pages.
          if (d.format('YYYY-MM') !== month) return null;
          const items = onDay(d);
          if (items.length === 0) return null;
          if (!wide) return <Badge color="blue" count={items.length} size="small" />;
          return (
            <Flex vertical gap={2}>
              {items.slice(0, 3).map((e) => (
                <Link
                  key={e.id}
                  to={`/network/events/${e.id}`}
                  className="events-calendar-item"
                  title={`${e.name} · ${e.unitName}`}
                  onClick={(ev) => ev.stopPropagation()}
                >
                  <Badge
                    color={KIND_COLORS[e.kind]}
                    text={e.name}
                    style={{ fontSize: 12, whiteSpace: 'nowrap' }}
                  />
                </Link>
              ))}
              {items.length > 3 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.calendarMore(items.length - 3)}
                </Typography.Text>
              ) : null}
            </Flex>
          );
        }}
      />
      {wide ? null : (
        // On a phone the cells only count; the month's events are listed below, each opening its page.
        <Flex vertical gap={6}>
          {(cal.data ?? []).map((e) => (
            <Link key={e.id} to={`/network/events/${e.id}`} className="events-calendar-item">
              <Flex gap={6} align="center" wrap>
                <EventKindTag kind={e.kind} />
                <span>{e.name}</span>
                <Typography.Text type="secondary">{dates(e)}</Typography.Text>
              </Flex>
            </Link>
          ))}
          {cal.data?.length === 0 ? <Typography.Text type="secondary">{t.empty}</Typography.Text> : null}
        </Flex>
      )}
    </Flex>
  );
}

/** The overdue follow-ups of the caller's events, each opening its event: 紧盯不放 at a glance. */
function OverdueTasks() {
  const t = useT(eventsMessages);
  const tasks = useOpenTasks(true);
  const items = tasks.data ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="events-overdue-tasks"
      style={{ marginBottom: 16 }}
      title={t.overdueAlert(items.length)}
      description={
        <Flex vertical gap={2}>
          {items.slice(0, 5).map((k) => (
            <Typography.Text key={k.id}>
              <Link to={`/network/events/${k.eventId}`}>{k.eventName}</Link>：{k.title}（{k.ownerUnitName}
              {k.ownerName ? ` · ${k.ownerName}` : ''}，{t.dueLabel(k.dueOn)}）
            </Typography.Text>
          ))}
          {items.length > 5 ? <Typography.Text type="secondary">…</Typography.Text> : null}
        </Flex>
      }
    />
  );
}
