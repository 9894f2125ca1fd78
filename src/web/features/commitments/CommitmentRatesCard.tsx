import { Button, Card, DatePicker, Flex, Statistic, Table } from 'antd';
import type { CommitmentRates, Counted } from '../../../domain/commitments/commitments.schemas.js';
import { useT } from '../../app/i18n.js';
import { afterToday, formatDay, parseDay } from '../projects/project-format.js';
import { commitmentsMessages } from './commitments.messages.js';

type Row = CommitmentRates['departments'][number];

/**
 * 兑现率 and 按时兑现率 with their counts ("12/15"), overall and per owner department. Each count opens the list
 * of exactly the commitments it counts (the list's `counted` filter, same cut-off).
 */
export function CommitmentRatesCard(props: {
  rates: CommitmentRates | undefined;
  loading: boolean;
  onOpen: (f: { counted?: Counted; departmentUnitId?: string; overdue?: boolean }) => void;
  /** Another cut-off (a past day: what was due and kept by then); cleared → today. */
  onCutOff?: (day: string | undefined) => void;
}) {
  const t = useT(commitmentsMessages);
  const r = props.rates;
  const count = (n: number, f: Parameters<typeof props.onOpen>[0], testId?: string) => (
    <Button
      type="link"
      size="small"
      style={{ padding: 0 }}
      onClick={() => props.onOpen(f)}
      data-testid={testId}
    >
      {n}
    </Button>
  );
  const pct = (v: string | null) => (v === null ? t.noRate : `${v}%`);
  return (
    <Card
      title={t.ratesTitle}
      extra={
        r ? (
          <Flex gap={6} align="center">
            <span>{t.cutOff}</span>
            <DatePicker
              size="small"
              value={parseDay(r.cutOff)}
              disabledDate={afterToday}
              onChange={(d) => props.onCutOff?.(formatDay(d) ?? undefined)}
              aria-label={t.cutOff}
            />
          </Flex>
        ) : null
      }
      loading={props.loading}
      style={{ marginBottom: 12 }}
      data-testid="commitment-rates"
    >
      {r ? (
        <>
          <Flex gap={48} wrap style={{ marginBottom: 12 }}>
            <div data-testid="rate-overall">
              <Statistic title={t.rate} value={pct(r.overall.rate)} />
              {count(r.overall.fulfilled, { counted: 'fulfilled' }, 'rate-overall-fulfilled')} /{' '}
              {count(r.overall.due, { counted: 'due' }, 'rate-overall-due')}
            </div>
            <div data-testid="rate-ontime">
              <Statistic title={t.onTimeRate} value={pct(r.overall.onTimeRate)} />
              {count(r.overall.onTime, { counted: 'on_time' })} / {count(r.overall.due, { counted: 'due' })}
            </div>
            <div>
              <Statistic title={t.overdueNow} value={r.overall.overdue} valueStyle={{ color: '#cf1322' }} />
              {count(r.overall.overdue, { overdue: true })}
            </div>
          </Flex>
          <Table<Row>
            rowKey="departmentUnitId"
            size="small"
            pagination={false}
            dataSource={r.departments}
            data-testid="rates-by-department"
            columns={[
              { title: t.department, dataIndex: 'departmentName', key: 'name' },
              {
                title: t.rate,
                key: 'rate',
                render: (_, d) => (
                  <span>
                    {pct(d.rate)}（
                    {count(d.fulfilled, { counted: 'fulfilled', departmentUnitId: d.departmentUnitId })}/
                    {count(d.due, { counted: 'due', departmentUnitId: d.departmentUnitId })}）
                  </span>
                ),
              },
              {
                title: t.onTimeRate,
                key: 'onTime',
                render: (_, d) => (
                  <span>
                    {pct(d.onTimeRate)}（
                    {count(d.onTime, { counted: 'on_time', departmentUnitId: d.departmentUnitId })}/
                    {count(d.due, { counted: 'due', departmentUnitId: d.departmentUnitId })}）
                  </span>
                ),
              },
              {
                title: t.unfulfilled,
                key: 'unfulfilled',
                render: (_, d) =>
                  count(d.due - d.fulfilled, {
                    counted: 'unfulfilled',
                    departmentUnitId: d.departmentUnitId,
                  }),
              },
              {
                title: t.overdueNow,
                key: 'overdue',
                render: (_, d) => count(d.overdue, { overdue: true, departmentUnitId: d.departmentUnitId }),
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
