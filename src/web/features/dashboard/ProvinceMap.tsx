import { Card, Flex, Skeleton, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import type { breakdownSchema } from '../../../domain/dashboard/dashboard.schemas.js';
import { useT } from '../../app/i18n.js';
import type { ChinaMap } from './china-map.js';
import { BreakdownChart } from './DashboardParts.js';
import { dashboardMessages } from './dashboard.messages.js';
import { yi } from './dashboard-format.js';
import { EChart } from './EChart.js';

type Breakdown = z.infer<typeof breakdownSchema>;

interface Region {
  row: Breakdown;
  name: string;
  value: number;
}

/** The provinces on the map (by their two-digit code), and the rows that have no place on it (境外, 未填). */
function placeRows(rows: Breakdown[], nameOfCode: Map<string, string>) {
  const regions: Region[] = [];
  const elsewhere: Breakdown[] = [];
  for (const row of rows) {
    const name = nameOfCode.get(row.key);
    if (name) regions.push({ row, name, value: yi(row.amount) ?? 0 });
    else elsewhere.push(row);
  }
  return { regions, elsewhere };
}

export function provinceMapOption(
  regions: Region[],
  words: { amount: string; projects: string; none: string; high: string; low: string },
  dark = false,
): EChartsCoreOption {
  const max = Math.max(0, ...regions.map((r) => r.value));
  const byName = new Map(regions.map((r) => [r.name, r]));
  return {
    backgroundColor: 'transparent',
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string }) => {
        const r = byName.get(p.name);
        return r
          ? `${p.name}<br/>${words.amount} ${r.value.toFixed(2)}<br/>${words.projects} ${r.row.count}`
          : `${p.name}<br/>${words.none}`;
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      // A single province or all-zero amounts still get a scale.
      max: max > 0 ? max : 1,
      left: 4,
      bottom: 4,
      itemHeight: 90,
      itemWidth: 12,
      text: [words.high, words.low],
      textStyle: { color: dark ? '#ddd' : '#595959', fontSize: dark ? 16 : 12 },
      inRange: { color: ['#bae0ff', '#1677ff', '#002c8c'] },
    },
    series: [
      {
        type: 'map',
        map: 'china',
        roam: false,
        // The map keeps its shape and fills the box, leaving the lower left to the scale.
        layoutCenter: ['52%', '55%'],
        layoutSize: '105%',
        selectedMode: false,
        label: { show: false },
        itemStyle: {
          areaColor: dark ? '#1f2d4d' : '#f0f0f0',
          borderColor: dark ? '#5b6b8c' : '#bfbfbf',
          borderWidth: 0.6,
        },
        emphasis: {
          label: { show: true, color: dark ? '#fff' : '#262626' },
          itemStyle: { areaColor: '#fadb14' },
        },
        data: regions.map((r) => ({ name: r.name, value: r.value })),
      },
    ],
  };
}

/**
 * Where investors come from, on a map of China: each province coloured by the signed amount from it (亿元),
 * its amount and project count in the tooltip; a click opens its projects. Investors from abroad (and those
 * without an origin) are listed under the map. Falls back to the ranked bars when the map cannot load.
 */
export function ProvinceMap(props: {
  title: string;
  label: string;
  rows: Breakdown[];
  dark?: boolean;
  height?: number;
}) {
  const t = useT(dashboardMessages);
  const navigate = useNavigate();
  const [map, setMap] = useState<ChinaMap | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    import('./china-map.js')
      .then((m) => m.loadChinaMap())
      .then((m) => live && setMap(m))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);

  const placed = useMemo(() => (map ? placeRows(props.rows, map.nameOfCode) : null), [map, props.rows]);
  const option = useMemo(
    () =>
      placed
        ? provinceMapOption(
            placed.regions,
            {
              amount: t.amountYi,
              projects: t.projectCount,
              none: t.noProjects,
              high: t.mapHigh,
              low: t.mapLow,
            },
            props.dark,
          )
        : null,
    [placed, t, props.dark],
  );

  if (failed) return <BreakdownChart title={props.title} label={props.label} rows={props.rows} />;
  const height = props.height ?? 360;
  const body =
    !placed || !option ? (
      <Skeleton active paragraph={{ rows: 6 }} style={{ minHeight: height }} />
    ) : (
      <>
        <EChart
          label={props.label}
          height={height}
          dark={props.dark}
          option={option}
          onClick={({ name }) => {
            const r = placed.regions.find((x) => x.name === name);
            if (r) void navigate(r.row.drill);
          }}
        />
        {placed.elsewhere.length > 0 ? (
          <Flex gap={12} wrap style={{ fontSize: props.dark ? 18 : 12 }} data-testid="province-elsewhere">
            {placed.elsewhere.map((r) => (
              <Link key={r.key} to={r.drill} style={props.dark ? { color: '#a6b3cc' } : undefined}>
                {r.name} {(yi(r.amount) ?? 0).toFixed(2)} · {t.count(r.count)}
              </Link>
            ))}
          </Flex>
        ) : null}
      </>
    );
  if (props.dark) return body;
  return (
    <Card size="small" title={props.title} data-testid="chart-card">
      {placed && placed.regions.length === 0 && placed.elsewhere.length === 0 ? (
        <Typography.Text type="secondary">{t.noProjects}</Typography.Text>
      ) : null}
      {body}
    </Card>
  );
}
