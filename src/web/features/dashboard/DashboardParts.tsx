import { Card, Flex, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import type {
  breakdownSchema,
  DistrictDashboard,
  funnelStepSchema,
} from '../../../domain/dashboard/dashboard.schemas.js';
import { useT } from '../../app/i18n.js';
import { dashboardMessages } from './dashboard.messages.js';
import { DASH, type Headline, headlineValue, signed, targetValue, yi } from './dashboard-format.js';
import { EChart } from './EChart.js';

type Breakdown = z.infer<typeof breakdownSchema>;
type FunnelStep = z.infer<typeof funnelStepSchema>;

/** Completion as a bar with a marker at 序时进度: the bar past the marker is ahead of time. */
export function ProgressAgainstTime(props: {
  completion: string | null;
  timeProgress: string;
  dark?: boolean;
}) {
  const t = useT(dashboardMessages);
  const c = props.completion === null ? 0 : Math.min(Number(props.completion), 100);
  const tp = Math.min(Number(props.timeProgress), 100);
  const ahead = props.completion !== null && Number(props.completion) >= Number(props.timeProgress);
  return (
    <div
      role="img"
      aria-label={`${t.completion} ${props.completion ?? DASH}%，${t.timeProgress} ${props.timeProgress}%`}
      style={{
        position: 'relative',
        height: 10,
        borderRadius: 5,
        background: props.dark ? '#303030' : '#f0f0f0',
        margin: '8px 0 4px',
      }}
    >
      <div
        style={{
          width: `${c}%`,
          height: '100%',
          borderRadius: 5,
          background: ahead ? '#52c41a' : '#fa541c',
        }}
      />
      <div
        title={`${t.timeProgress} ${props.timeProgress}%`}
        style={{
          position: 'absolute',
          left: `${tp}%`,
          top: -4,
          width: 2,
          height: 18,
          background: props.dark ? '#fff' : '#262626',
        }}
      />
    </div>
  );
}

/** One headline indicator: the figure (→ its records), the target, completion against time, 双过半, YoY. */
export function HeadlineCard({ h, timeProgress }: { h: Headline; timeProgress: string }) {
  const t = useT(dashboardMessages);
  const v = headlineValue(h);
  const target = targetValue(h);
  return (
    <Card size="small" className="dashboard-headline" data-testid={`headline-${h.key}`}>
      <Typography.Text type="secondary">{h.name}</Typography.Text>
      <div>
        <Link to={h.drill} style={{ fontSize: 26, fontWeight: 600 }}>
          {v.value}
        </Link>{' '}
        <Typography.Text type="secondary">{v.unit}</Typography.Text>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {target === null ? t.noTarget : `${t.target} ${target}`}
      </Typography.Text>
      {h.target !== null ? (
        <ProgressAgainstTime completion={h.completion} timeProgress={timeProgress} />
      ) : null}
      <Flex gap={4} wrap align="center" style={{ fontSize: 12 }}>
        {h.completion !== null ? (
          <span>
            {t.completion} {h.completion}%
          </span>
        ) : null}
        {h.ahead !== null ? (
          <Tag color={h.ahead.startsWith('-') ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
            {h.ahead.startsWith('-') ? t.behind : t.ahead} {signed(h.ahead)}
          </Tag>
        ) : null}
        {h.doubleHalf !== null ? (
          <Tag color={h.doubleHalf ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
            {h.doubleHalf ? t.doubleHalf : t.notDoubleHalf}
          </Tag>
        ) : null}
        {h.yoy !== null ? (
          <span style={{ color: h.yoy.startsWith('-') ? '#cf1322' : '#389e0d' }}>
            {t.yoy} {signed(h.yoy)}%
          </span>
        ) : null}
      </Flex>
    </Card>
  );
}

/**
 * The funnel with its labels to the right of each step (name and count, conversion, median days on their own
 * lines): inside the narrow lower steps two long lines ran over each other and over the next step.
 */
export function funnelOption(
  steps: FunnelStep[],
  conversionWord: string,
  median: (d: number) => string,
  dark = false,
) {
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        // Fixed margins: each step is one sixth of the box's height, and the funnel's middle is at
        // FUNNEL_CENTER of its width, which the browser journey relies on to click one.
        top: 10,
        bottom: 10,
        left: '2%',
        width: '55%',
        minSize: '20%',
        gap: 2,
        label: {
          position: 'right',
          color: dark ? '#f0f0f0' : '#262626',
          fontSize: dark ? 16 : 12,
          lineHeight: dark ? 18 : 14,
          formatter: (p: { dataIndex: number }) => {
            const s = steps[p.dataIndex]!;
            return [
              `{b|${s.name} ${s.count}}`,
              s.conversion !== null ? `${conversionWord} ${s.conversion}%` : null,
              s.medianDays !== null ? median(s.medianDays) : null,
            ]
              .filter(Boolean)
              .join('\n');
          },
          rich: { b: { fontWeight: 'bold', fontSize: dark ? 18 : 13 } },
        },
        labelLine: { show: true, length: 8 },
        data: steps.map((s) => ({ name: s.name, value: s.count })),
      },
    ],
  } satisfies EChartsCoreOption;
}

/** Where the funnel's middle is, as a share of the chart's width (left + width / 2 above). */
export const FUNNEL_CENTER = 0.295;

/** A ranked horizontal bar of amounts (亿元), largest on top, with counts in the tooltip. */
export function rankedBarOption(rows: Breakdown[], limit = 15, measure: 'amount' | 'count' = 'amount') {
  const top = rows.slice(0, limit).reverse();
  return {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: top.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        data: top.map((r) => ({ value: measure === 'count' ? r.count : yi(r.amount) })),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#1677ff' },
      },
    ],
  } satisfies EChartsCoreOption;
}

/** A breakdown chart whose bars open the records behind them. */
export function BreakdownChart(props: {
  title: string;
  label: string;
  rows: Breakdown[];
  limit?: number;
  /** Bars of amounts in 亿元 (default) or of record counts. */
  measure?: 'amount' | 'count';
}) {
  const navigate = useNavigate();
  const limit = props.limit ?? 15;
  const top = props.rows.slice(0, limit).reverse();
  return (
    <Card size="small" title={props.title} data-testid="chart-card">
      <EChart
        label={props.label}
        height={Math.max(160, top.length * 26 + 40)}
        option={rankedBarOption(props.rows, limit, props.measure)}
        onClick={({ dataIndex }) => {
          const row = top[dataIndex];
          if (row) void navigate(row.drill);
        }}
      />
    </Card>
  );
}

/** This year's signed amount by month (bars) against last year's (a line), in 亿元. */
export function trendChartOption(
  d: Pick<DistrictDashboard, 'trend'>,
  thisYear: string,
  lastYear: string,
  dark = false,
) {
  const points = d.trend.signedAmount;
  return {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    // ECharts 6 puts the legend at the bottom by default, where it sits on the month axis.
    legend: {
      top: 0,
      data: [thisYear, lastYear],
      // An explicit `color: undefined` blanks the legend's text in ECharts 6: set the colour only when dark.
      textStyle: dark ? { color: '#ddd', fontSize: 18 } : { fontSize: 12 },
    },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: points.map((p) => `${p.month}月`),
      axisLabel: { fontSize: dark ? 16 : 12 },
    },
    yAxis: { type: 'value', axisLabel: { fontSize: dark ? 16 : 12 } },
    series: [
      {
        name: thisYear,
        type: 'bar',
        data: points.map((p) => yi(p.thisYear)),
        itemStyle: { color: '#1677ff' },
      },
      {
        name: lastYear,
        type: 'line',
        data: points.map((p) => yi(p.lastYear)),
        itemStyle: { color: '#fa8c16' },
      },
    ],
  } satisfies EChartsCoreOption;
}
