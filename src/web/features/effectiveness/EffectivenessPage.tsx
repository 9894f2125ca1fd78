import { Card, Checkbox, Flex, Skeleton, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LEAD_CHANNEL_LABELS, type LeadChannel } from '../../../domain/leads/leads.schemas.js';
import type { Outcome, OutcomeDimension } from '../../../domain/network/network.schemas.js';
import { SOURCE_KIND_LABELS, type SourceKind } from '../../../domain/network/network-codes.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { EChart } from '../dashboard/EChart.js';
import { useNetworkOptions, useOutcomes } from '../network/network.api.js';
import { type DrillBy, drillHref, type OutcomeMetric } from '../network-sources/outcome-drill.js';
import { type Period, PeriodPicker, presetPeriod } from '../network-sources/PeriodPicker.js';
import { moneyWan } from '../projects/project-format.js';
import { effectivenessMessages } from './effectiveness.messages.js';

// Which methods work (以商招商, 以情招商, 驻外招商, 活动招商): every figure comes from GET /api/network/outcomes,
// the one computation; this page only lays the rows out, filters them by a source's kind, and links each
// figure to the records behind it.

const TABS: readonly OutcomeDimension[] = ['channel', 'source_kind', 'source', 'event'];
const isTab = (s: string | null): s is OutcomeDimension => (TABS as readonly (string | null)[]).includes(s);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 万元 without the unit (the column head names it). */
const wan = (yuan: string) => moneyWan(yuan).replace(/\s*万元$/, '');

function drillBy(by: OutcomeDimension, key: string): DrillBy | null {
  switch (by) {
    case 'channel':
      return { channel: key };
    case 'source':
      return { referralSourceId: key };
    case 'event':
      return { eventId: key };
    case 'source_kind':
      return null;
  }
}

export function EffectivenessPage() {
  const t = useT(effectivenessMessages);
  const lang = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: OutcomeDimension = isTab(params.get('by')) ? (params.get('by') as OutcomeDimension) : 'channel';
  const year = presetPeriod('year');
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const period: Period = DAY.test(from) && DAY.test(to) && from <= to ? { from, to } : year;
  const officesOnly = params.get('offices') === 'true';
  const outcomes = useOutcomes({ by: tab, from: period.from, to: period.to });
  const sourceIds = tab === 'source' ? (outcomes.data ?? []).map((o) => o.key) : [];
  // The kind of each source row: names and kinds from the district's pickers (no figures are counted here).
  const kinds = useNetworkOptions('source', '', sourceIds);
  const kindOf = new Map((kinds.data ?? []).map((o) => [o.id, o.kind as SourceKind]));

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const rows = (outcomes.data ?? []).filter(
    (o) => !(tab === 'source' && officesOnly) || kindOf.get(o.key) === 'office_outside',
  );

  const nameOf = (o: Outcome) => {
    if (tab === 'channel') return LEAD_CHANNEL_LABELS[o.key as LeadChannel]?.[lang] ?? o.label;
    if (tab === 'source_kind') return SOURCE_KIND_LABELS[o.key as SourceKind]?.[lang] ?? o.label;
    return o.label;
  };

  const figure = (metric: OutcomeMetric, value: string | number) => (o: Outcome) => {
    const by = drillBy(tab, o.key);
    return by ? (
      <Link to={drillHref(metric, by, period)} data-testid={`drill-${metric}-${o.key}`}>
        {value}
      </Link>
    ) : (
      value
    );
  };

  const columns: TableColumnsType<Outcome> = [
    {
      key: 'name',
      title: t.name,
      render: (_, o) =>
        tab === 'source' ? (
          <Link to={`/network/sources/${o.key}`}>{o.label}</Link>
        ) : tab === 'event' ? (
          <Link to={`/network/events/${o.key}`}>{o.label}</Link>
        ) : tab === 'source_kind' ? (
          <Link to={`/network/sources?kind=${o.key}`}>{nameOf(o)}</Link>
        ) : (
          nameOf(o)
        ),
    },
    ...(tab === 'source'
      ? [
          {
            key: 'kind',
            title: t.kind,
            render: (_: unknown, o: Outcome) => {
              const k = kindOf.get(o.key);
              return k ? SOURCE_KIND_LABELS[k][lang] : '—';
            },
          },
        ]
      : []),
    { key: 'leads', title: t.leads, align: 'right', render: (_, o) => figure('leads', o.leads)(o) },
    {
      key: 'converted',
      title: t.converted,
      align: 'right',
      render: (_, o) => figure('converted', o.converted)(o),
    },
    {
      key: 'conversion',
      title: t.conversion,
      align: 'right',
      render: (_, o) => (o.conversion === null ? '—' : `${o.conversion}%`),
    },
    { key: 'signed', title: t.signed, align: 'right', render: (_, o) => figure('signed', o.signed)(o) },
    {
      key: 'signedAmount',
      title: t.signedAmount,
      align: 'right',
      render: (_, o) => figure('signedAmountYuan', wan(o.signedAmountYuan))(o),
    },
    {
      key: 'landed',
      title: <span title={t.landedNote}>{t.landed}</span>,
      align: 'right',
      render: (_, o) => figure('landed', o.landed)(o),
    },
    { key: 'started', title: t.started, align: 'right', render: (_, o) => figure('started', o.started)(o) },
  ];

  const top = rows.slice(0, 15);
  const metrics: { metric: OutcomeMetric; name: string; color: string }[] = [
    { metric: 'leads', name: t.leads, color: '#1677ff' },
    { metric: 'converted', name: t.converted, color: '#13c2c2' },
    { metric: 'signed', name: t.signed, color: '#fa8c16' },
  ];
  const option = {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: top.map(nameOf),
      axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: metrics.map((m) => ({
      type: 'bar',
      name: m.name,
      itemStyle: { color: m.color },
      data: top.map((o) => o[m.metric as 'leads' | 'converted' | 'signed']),
    })),
  } satisfies EChartsCoreOption;

  return (
    <Card
      title={t.title}
      extra={<PeriodPicker value={period} onChange={(p) => set({ from: p.from, to: p.to })} />}
    >
      <Typography.Paragraph type="secondary">
        {t.intro} {t.scopeNote}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ by: k, offices: undefined })}
        items={[
          { key: 'channel', label: t.channel },
          { key: 'source_kind', label: t.sourceKind },
          { key: 'source', label: t.source },
          { key: 'event', label: t.event },
        ]}
      />
      {tab === 'source' ? (
        <Checkbox
          checked={officesOnly}
          onChange={(e) => set({ offices: e.target.checked ? 'true' : undefined })}
          style={{ marginBottom: 12 }}
        >
          {t.officesOnly}
        </Checkbox>
      ) : null}
      {outcomes.isError ? (
        <ErrorResult error={outcomes.error} onRetry={() => void outcomes.refetch()} />
      ) : !outcomes.data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          {top.length > 0 ? (
            <Card size="small" title={t.chart} data-testid="effectiveness-chart">
              <EChart
                label={t.chartLabel}
                height={300}
                option={option}
                onClick={({ dataIndex, seriesIndex }) => {
                  const row = top[dataIndex];
                  const by = row ? drillBy(tab, row.key) : null;
                  const metric = metrics[seriesIndex]?.metric;
                  if (row && by && metric) void navigate(drillHref(metric, by, period));
                }}
              />
            </Card>
          ) : null}
          <Table<Outcome>
            rowKey="key"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={outcomes.isFetching}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t.empty }}
          />
        </Flex>
      )}
    </Card>
  );
}
