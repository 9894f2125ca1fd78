import { Button, Card, Flex, Select, Switch, Typography } from 'antd';
import { COUNTED, type Counted } from '../../../domain/commitments/commitments.schemas.js';
import {
  COMMITMENT_KIND_LABELS,
  COMMITMENT_KINDS,
  COMMITMENT_STATUS_LABELS,
  COMMITMENT_STATUSES,
} from '../../../domain/landing/landing-codes.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { useSearchParamsPatch } from '../../app/search-params.js';
import { useUnits } from '../organization/organization.api.js';
import { CommitmentRatesCard } from './CommitmentRatesCard.js';
import { CommitmentsTable } from './CommitmentsTable.js';
import { useCommitmentDetail, useCommitmentList, useCommitmentRates } from './commitments.api.js';
import { commitmentsMessages } from './commitments.messages.js';

const FILTERS = [
  'status',
  'kind',
  'departmentUnitId',
  'overdue',
  'counted',
  'cutOff',
  'projectId',
  'page',
] as const;

/** 承诺事项: the rates card on top (each count opens its rows), then the list, overdue first. */
export function CommitmentsListPage() {
  const t = useT(commitmentsMessages);
  const lang = useLang();
  const can = useCan();
  const [params, set] = useSearchParamsPatch({ replace: true });
  const q = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<
    (typeof FILTERS)[number],
    string | undefined
  >;
  const list = useCommitmentList({ ...q, page: q.page ?? '1' });
  const rates = useCommitmentRates({ cutOff: q.cutOff });
  const units = useUnits({});
  const departments = (units.data ?? []).filter((u) => u.kind === 'department');
  // A notice links here with ?open=<id>: that commitment is shown on its own above the list.
  const openId = params.get('open');
  const opened = useCommitmentDetail(openId);
  const counted = COUNTED.includes(q.counted as Counted) ? (q.counted as Counted) : undefined;

  return (
    <>
      <CommitmentRatesCard
        rates={rates.data}
        loading={rates.isLoading}
        onCutOff={(day) => set({ cutOff: day })}
        onOpen={(f) =>
          set({
            counted: f.counted,
            departmentUnitId: f.departmentUnitId,
            overdue: f.overdue ? 'true' : undefined,
            status: undefined,
            kind: undefined,
          })
        }
      />
      {opened.data ? (
        <Card
          title={opened.data.projectName}
          size="small"
          style={{ marginBottom: 12 }}
          extra={
            <Button size="small" onClick={() => set({ open: undefined })}>
              {t.clearFilter}
            </Button>
          }
        >
          <CommitmentsTable items={[opened.data]} pagination={false} />
        </Card>
      ) : null}
      <Card title={t.title}>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Flex gap={6} align="center">
            <Switch
              checked={q.overdue === 'true'}
              onChange={(on) => set({ overdue: on ? 'true' : undefined })}
              aria-label={t.overdueOnly}
              data-testid="commitments-overdue-toggle"
            />
            <span>{t.overdueOnly}</span>
          </Flex>
          <Select
            allowClear
            placeholder={t.allStatuses}
            style={{ width: 130 }}
            value={q.status}
            onChange={(v) => set({ status: v })}
            options={COMMITMENT_STATUSES.map((s) => ({ value: s, label: COMMITMENT_STATUS_LABELS[s][lang] }))}
          />
          <Select
            allowClear
            placeholder={t.allKinds}
            style={{ width: 130 }}
            value={q.kind}
            onChange={(v) => set({ kind: v })}
            options={COMMITMENT_KINDS.map((k) => ({ value: k, label: COMMITMENT_KIND_LABELS[k][lang] }))}
          />
          {!can('landing.handle') ? (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t.allDepartments}
              style={{ width: 200 }}
              value={q.departmentUnitId}
              onChange={(v) => set({ departmentUnitId: v })}
              options={departments.map((d) => ({ value: d.id, label: d.name }))}
            />
          ) : null}
          {counted ? (
            <Flex gap={6} align="center">
              <Typography.Text type="warning">
                {t.filtered}：
                {
                  { due: t.due, fulfilled: t.fulfilled, on_time: t.onTime, unfulfilled: t.unfulfilled }[
                    counted
                  ]
                }
              </Typography.Text>
              <Button size="small" onClick={() => set({ counted: undefined })}>
                {t.clearFilter}
              </Button>
            </Flex>
          ) : null}
          {list.data ? (
            <Typography.Text type="secondary" data-testid="commitments-total">
              {t.total(list.data.total, list.data.overdueTotal)}
            </Typography.Text>
          ) : null}
        </Flex>
        <CommitmentsTable
          showProject
          items={list.data?.items ?? []}
          loading={list.isLoading}
          pagination={{
            current: Number(q.page ?? '1'),
            total: list.data?.total ?? 0,
            onChange: (page) => set({ page: String(page) }),
          }}
        />
      </Card>
    </>
  );
}
