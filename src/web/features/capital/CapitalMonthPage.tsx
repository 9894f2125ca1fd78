import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { allowedActions, MONTH, type SubmissionAction } from '../../../domain/capital/capital.rules.js';
import {
  FIGURE_FIELDS,
  FIGURE_LABELS,
  type FigureField,
  type MonthSheet,
} from '../../../domain/capital/capital.schemas.js';
import { MoneyInputError, parseWanUsd, parseWanYuan } from '../../../domain/money/money.js';
import { errorText } from '../../app/api.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { todayInChina } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { invalidateCapital, saveReport, useMonthSheet, useTransition } from './capital.api.js';
import { capitalMessages } from './capital.messages.js';
import {
  defaultMonth,
  isUsd,
  PunctualityTag,
  SubmissionStatusTag,
  showAmount,
  type TypedFigures,
  typedOf,
  wireOf,
} from './capital-format.js';
import { SubmissionsTable } from './SubmissionsTable.js';
import { VouchersModal } from './VouchersModal.js';

type Row = MonthSheet['rows'][number];

function cellError(f: FigureField, v: string, lang: 'zh' | 'en'): string | null {
  if (!v.trim()) return null;
  try {
    isUsd(f) ? parseWanUsd(v) : parseWanYuan(v);
    return null;
  } catch (err) {
    return err instanceof MoneyInputError ? (lang === 'zh' ? err.messageZh : err.message) : String(err);
  }
}

/** 月度报送: one unit's month in one editable table; save, submit; the head approves or returns. */
export function CapitalMonthPage() {
  const t = useT(capitalMessages);
  const me = useCurrentUser();
  const can = useCan();
  const units = useProjectUnits();
  // A link may name the month and unit (the dashboard's "资金月报未报" opens the month it counted).
  const [params] = useSearchParams();
  const asked = params.get('month');
  const [month, setMonth] = useState(asked && MONTH.test(asked) ? asked : defaultMonth(todayInChina()));
  const [unitId, setUnitId] = useState<string | undefined>(
    units.districtScope ? (params.get('unitId') ?? undefined) : me.unit.id,
  );
  const [tab, setTab] = useState(units.districtScope ? 'status' : 'sheet');
  return (
    <Card title={t.pageTitle}>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          aria-label={t.pickMonth}
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.format('YYYY-MM') > todayInChina().slice(0, 7)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        {units.districtScope ? (
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t.pickUnit}
            placeholder={t.pickUnit}
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setTab('sheet');
            }}
            options={units.filterOptions}
            style={{ minWidth: 220 }}
          />
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          href={`/api/capital/export.xlsx?month=${month}${unitId && tab === 'sheet' ? `&unitId=${unitId}` : ''}`}
        >
          {t.export}
        </Button>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'sheet',
            label: t.sheetTab,
            children: unitId ? (
              <UnitSheet month={month} unitId={unitId} canWrite={can('pipeline.write')} />
            ) : (
              <Typography.Text type="secondary">{t.pickUnit}</Typography.Text>
            ),
          },
          {
            key: 'status',
            label: t.statusTab,
            children: (
              <SubmissionsTable
                month={month}
                onPick={(id) => {
                  setUnitId(id);
                  setTab('sheet');
                }}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function UnitSheet({ month, unitId, canWrite }: { month: string; unitId: string; canWrite: boolean }) {
  const t = useT(capitalMessages);
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const sheet = useMonthSheet(month, unitId);
  const transition = useTransition();
  const [typed, setTyped] = useState<Record<string, TypedFigures>>({});
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState<'return' | 'reopen' | null>(null);
  const [reason, setReason] = useState('');
  const [vouchers, setVouchers] = useState<Row | null>(null);

  const data = sheet.data;
  useEffect(() => {
    if (!data) return;
    setTyped(Object.fromEntries(data.rows.map((r) => [r.projectId, typedOf(r.report)])));
    setDirty(new Set());
    setError(null);
  }, [data]);

  if (sheet.isError) return <Alert type="error" showIcon title={errorText(sheet.error, lang)} />;
  if (!data) return <Table loading />;
  const editable = canWrite && data.editable;
  const status = data.submission.status;
  const actions = allowedActions(status);
  const hasErrors = [...dirty].some((id) =>
    FIGURE_FIELDS.some((f) => cellError(f, typed[id]?.[f] ?? '', lang)),
  );

  const setCell = (projectId: string, f: FigureField, v: string) => {
    setTyped((s) => ({ ...s, [projectId]: { ...(s[projectId] ?? typedOf(null)), [f]: v } }));
    setDirty((d) => new Set(d).add(projectId));
  };

  const saveAll = async () => {
    setSaving(true);
    setError(null);
    let saved = 0;
    try {
      for (const row of data.rows) {
        if (!dirty.has(row.projectId)) continue;
        await saveReport(row.projectId, month, {
          ...wireOf(typed[row.projectId] ?? {}),
          note: row.report?.note ?? null,
          version: row.report?.version ?? null,
        });
        saved++;
      }
      void message.success(saved ? t.savedRows(saved) : t.nothingChanged);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
      await invalidateCapital();
    }
  };

  const act = (action: SubmissionAction, why?: string) =>
    transition.mutate(
      { month, action, unitId, reason: why },
      {
        onSuccess: () => {
          void message.success(t.done);
          setAsking(null);
          setReason('');
        },
        onError: (err) => setError(err),
      },
    );

  const columns: TableColumnsType<Row> = [
    { title: t.project, dataIndex: 'projectName', key: 'name', fixed: 'left', width: 220 },
    ...FIGURE_FIELDS.map((f) => ({
      title: `${FIGURE_LABELS[f][lang]}（${isUsd(f) ? t.wanUsd : t.wanYuan}）`,
      key: f,
      width: 150,
      render: (_: unknown, r: Row) => {
        const v = typed[r.projectId]?.[f] ?? '';
        if (!editable)
          return <div style={{ textAlign: 'right' }}>{r.report ? showAmount(f, r.report[f]) : '—'}</div>;
        const problem = cellError(f, v, lang);
        return (
          <Tooltip title={problem} open={!!problem} placement="bottom">
            <Input
              size="small"
              inputMode="decimal"
              value={v}
              placeholder="0"
              status={problem ? 'error' : undefined}
              aria-label={`${r.projectName} ${FIGURE_LABELS[f][lang]}`}
              onChange={(e) => setCell(r.projectId, f, e.target.value)}
              style={{ textAlign: 'right' }}
            />
          </Tooltip>
        );
      },
    })),
    {
      title: `${t.fundsInPlace}（${t.wanYuan}）`,
      key: 'total',
      align: 'right',
      render: (_, r) => (r.report ? showAmount('fundsInPlaceYuan', r.report.fundsInPlaceYuan) : '—'),
    },
    {
      title: t.vouchers,
      key: 'v',
      render: (_, r) =>
        r.report ? (
          <Button size="small" icon={<PaperClipOutlined />} onClick={() => setVouchers(r)}>
            {r.report.vouchers || ''}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{data.unitName}</Typography.Text>
        <SubmissionStatusTag status={status} lang={lang} />
        <PunctualityTag value={data.submission.punctuality} lang={lang} />
        <Typography.Text type="secondary">
          {t.dueDate} {data.submission.dueDate} ·{' '}
          {t.reported(data.submission.reported, data.submission.projects)}
        </Typography.Text>
      </Flex>
      {status === 'returned' && data.submission.returnReason ? (
        <Alert type="warning" showIcon title={`${t.returnReason}：${data.submission.returnReason}`} />
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error, lang)} /> : null}
      {data.rows.length === 0 ? <Typography.Text type="secondary">{t.noProjects}</Typography.Text> : null}
      <Table<Row>
        rowKey="projectId"
        size="small"
        columns={columns}
        dataSource={data.rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="capital-sheet"
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t.total}</Table.Summary.Cell>
            {FIGURE_FIELDS.map((f, i) => (
              <Table.Summary.Cell key={f} index={i + 1} align="right">
                {showAmount(f, data.totals[f])}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={7} align="right">
              <Typography.Text strong>
                {showAmount('fundsInPlaceYuan', data.totals.fundsInPlaceYuan)}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} />
          </Table.Summary.Row>
        )}
      />
      <Flex gap={8} wrap>
        {editable ? (
          <Button onClick={() => void saveAll()} loading={saving} disabled={hasErrors || dirty.size === 0}>
            {t.saveAll}
          </Button>
        ) : null}
        {canWrite && actions.includes('submit') ? (
          <Popconfirm title={t.confirmSubmit} onConfirm={() => act('submit')} disabled={dirty.size > 0}>
            <Button type="primary" disabled={dirty.size > 0} loading={transition.isPending}>
              {t.submit}
            </Button>
          </Popconfirm>
        ) : null}
        {can('capital.approve') && actions.includes('approve') ? (
          <>
            <Button type="primary" onClick={() => act('approve')} loading={transition.isPending}>
              {t.approve}
            </Button>
            <Button danger onClick={() => setAsking('return')}>
              {t.return}
            </Button>
          </>
        ) : null}
        {can('capital.reopen') && actions.includes('reopen') ? (
          <Button danger onClick={() => setAsking('reopen')}>
            {t.reopen}
          </Button>
        ) : null}
        {dirty.size > 0 ? <Typography.Text type="warning">{t.unsaved}</Typography.Text> : null}
      </Flex>
      {asking ? (
        <Modal
          open
          title={asking === 'return' ? t.returnTitle : t.reopenTitle}
          okText={asking === 'return' ? t.return : t.reopen}
          cancelText={t.cancel}
          okButtonProps={{ danger: true, disabled: !reason.trim(), loading: transition.isPending }}
          onOk={() => act(asking, reason.trim())}
          onCancel={() => setAsking(null)}
        >
          <Input.TextArea
            aria-label={t.reason}
            placeholder={t.reasonRequired}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Modal>
      ) : null}
      {vouchers?.report ? (
        <VouchersModal
          reportId={vouchers.report.id}
          title={t.vouchersTitle(vouchers.projectName, month)}
          editable={editable}
          onClose={() => setVouchers(null)}
        />
      ) : null}
    </Flex>
  );
}
