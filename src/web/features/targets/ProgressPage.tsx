import { Alert, Button, Card, DatePicker, Flex, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { IndicatorKey } from '../../../domain/indicators/catalogue.js';
import type { ProgressCellView, ProgressView } from '../../../domain/targets/targets.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { todayInChina } from '../projects/project-format.js';
import { DrillDrawer } from './DrillDrawer.js';
import { IndicatorPicker } from './IndicatorPicker.js';
import { type DrillQuery, useCatalogue, useProgress } from './targets.api.js';
import { targetsMessages } from './targets.messages.js';
import { DASH, DEFAULT_INDICATORS, showFigure, showTarget, signed, unitLabel } from './targets-format.js';

/** The last day of the month before today's (China time): the usual cut-off of a monthly bulletin. */
export function defaultCutoff(today = todayInChina()): string {
  return dayjs(`${today.slice(0, 7)}-01`)
    .subtract(1, 'day')
    .format('YYYY-MM-DD');
}

interface Line {
  key: string;
  unitId: string | null;
  name: string;
  cell: ProgressCellView;
}

// Green ahead of 序时进度, red behind; exactly on time stays neutral.
const tone = (v: string | null) =>
  v === null || /^0(\.0+)?$/.test(v) ? undefined : v.startsWith('-') ? '#cf1322' : '#389e0d';

function Percent({ value, pp }: { value: string | null; pp?: boolean }) {
  if (value === null) return <>{DASH}</>;
  return (
    <span style={{ color: pp ? tone(value) : undefined }}>
      {pp ? signed(value) : value}
      {pp ? '' : '%'}
    </span>
  );
}

function IndicatorTable(props: {
  indicator: IndicatorKey;
  name: string;
  progress: ProgressView;
  onDrill: (unitId: string, unitName: string, scope: 'period' | 'cumulative') => void;
}) {
  const t = useT(targetsMessages);
  const { indicator: k, progress: p } = props;
  const midYear = Number(p.timeProgress) >= 50;
  const lines: Line[] = [
    { key: 'district', unitId: null, name: t.districtTotal, cell: p.district[k]! },
    ...p.units.map((u) => ({ key: u.id, unitId: u.id, name: u.name, cell: p.cells[u.id]![k]! })),
  ];
  const figure = (l: Line, scope: 'period' | 'cumulative') => {
    const text = showFigure(k, scope === 'period' ? l.cell.period : l.cell.cumulative);
    if (l.unitId === null) return text;
    const unitId = l.unitId;
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: 'auto' }}
        aria-label={`${l.name} ${props.name} ${scope === 'period' ? t.thisMonth : t.cumulative}`}
        onClick={() => props.onDrill(unitId, l.name, scope)}
      >
        {text}
      </Button>
    );
  };
  const columns: TableColumnsType<Line> = [
    { title: t.unit, dataIndex: 'name', width: 150, fixed: 'left' },
    {
      title: t.target,
      align: 'right',
      render: (_, l) => (l.cell.target === null ? t.noTarget : showTarget(k, l.cell.target)),
    },
    { title: t.thisMonth, align: 'right', render: (_, l) => figure(l, 'period') },
    { title: t.cumulative, align: 'right', render: (_, l) => figure(l, 'cumulative') },
    { title: t.completion, align: 'right', render: (_, l) => <Percent value={l.cell.completion} /> },
    { title: `${t.ahead}（${t.pp}）`, align: 'right', render: (_, l) => <Percent value={l.cell.ahead} pp /> },
    ...(midYear
      ? [
          {
            title: t.doubleHalf,
            align: 'center' as const,
            render: (_: unknown, l: Line) =>
              l.cell.doubleHalf === null ? (
                DASH
              ) : l.cell.doubleHalf ? (
                <Tag color="success">{t.doubleHalfYes}</Tag>
              ) : (
                <Tag color="error">{t.doubleHalfNo}</Tag>
              ),
          },
        ]
      : []),
    { title: t.yoy, align: 'right', render: (_, l) => <Percent value={l.cell.yoy} /> },
    { title: t.mom, align: 'right', render: (_, l) => <Percent value={l.cell.mom} /> },
  ];
  return (
    <Card size="small" title={`${props.name}（${unitLabel(k)}）`} data-testid={`progress-${k}`}>
      <Table<Line>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={lines}
        columns={columns}
        rowClassName={(l) => (l.unitId === null ? 'ant-table-row-selected' : '')}
      />
    </Card>
  );
}

/** 目标进度: per indicator, each unit against its target and against time, with the records behind each figure. */
export function ProgressPage() {
  const t = useT(targetsMessages);
  const lang = useLang();
  const [cutoff, setCutoff] = useState(defaultCutoff());
  const [keys, setKeys] = useState<IndicatorKey[]>(DEFAULT_INDICATORS);
  const [drill, setDrill] = useState<{ query: DrillQuery; unitName: string } | null>(null);
  const year = Number(cutoff.slice(0, 4));
  const catalogue = useCatalogue();
  const progress = useProgress(year, cutoff);
  const nameOf = (k: IndicatorKey) => catalogue.data?.find((e) => e.key === k)?.name[lang] ?? k;

  if (progress.isError) return <ErrorResult error={progress.error} onRetry={() => void progress.refetch()} />;
  const p = progress.data;
  return (
    <Card
      title={t.progressTitle}
      loading={progress.isPending}
      extra={
        <DatePicker
          aria-label={t.cutoff}
          allowClear={false}
          value={dayjs(cutoff)}
          disabledDate={(d) => d.format('YYYY-MM-DD') > todayInChina()}
          onChange={(d) => d && setCutoff(d.format('YYYY-MM-DD'))}
        />
      }
    >
      <Flex vertical gap={12}>
        <IndicatorPicker label={t.indicators} value={keys} onChange={setKeys} />
        {p ? (
          <Alert
            type="info"
            showIcon
            title={`${t.cutoff} ${p.cutoff} · ${t.timeProgress} ${p.timeProgress}%`}
            description={`${t.progressNote} ${t.showNote}`}
          />
        ) : null}
        {p
          ? keys.map((k) => (
              <IndicatorTable
                key={k}
                indicator={k}
                name={nameOf(k)}
                progress={p}
                onDrill={(unitId, unitName, scope) =>
                  setDrill({
                    unitName,
                    query: {
                      indicator: k,
                      unitId,
                      from: scope === 'period' ? p.periodStart : `${p.year}-01-01`,
                      to: p.cutoff,
                    },
                  })
                }
              />
            ))
          : null}
      </Flex>
      <DrillDrawer
        query={drill?.query ?? null}
        unitName={drill?.unitName ?? ''}
        onClose={() => setDrill(null)}
      />
    </Card>
  );
}
