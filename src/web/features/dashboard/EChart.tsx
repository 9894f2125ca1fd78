import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { type CSSProperties, useEffect, useRef } from 'react';

export interface ChartClick {
  /** The clicked element's `dataIndex` within its series, and the series' index. */
  dataIndex: number;
  seriesIndex: number;
  /** The element's name (a map's region name, a category). */
  name?: string;
}

/**
 * One ECharts chart: init on mount (canvas renderer), setOption on change, resize with its box, dispose on
 * unmount. ECharts itself is loaded on first use, so pages without charts never download it.
 */
export function EChart(props: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  dark?: boolean;
  onClick?: (e: ChartClick) => void;
  style?: CSSProperties;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;
  const option = useRef(props.option);
  option.current = props.option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void import('./echarts-setup.js').then(({ echarts }) => {
      if (disposed || !box.current) return;
      const c = echarts.init(box.current, props.dark ? 'dark' : undefined, { renderer: 'canvas' });
      chart.current = c;
      // A canvas has no elements to find: the browser journeys reach a map region through the instance
      // (convertToPixel), kept on the box for them.
      (box.current as HTMLDivElement & { __chart?: EChartsType }).__chart = c;
      c.setOption(option.current);
      c.on('click', (p) => {
        onClick.current?.({ dataIndex: p.dataIndex ?? 0, seriesIndex: p.seriesIndex ?? 0, name: p.name });
      });
      observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [props.dark]);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={props.label}
      className="dashboard-chart"
      style={{
        width: '100%',
        height: props.height ?? 280,
        cursor: props.onClick ? 'pointer' : undefined,
        ...props.style,
      }}
    />
  );
}
