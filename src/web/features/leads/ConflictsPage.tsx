import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  FULL_CREDIT_BP,
  formatBasisPoints,
  percentToBasisPoints,
} from '../../../domain/leads/credit-shares.js';
import { errorText } from '../../app/api.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { type ConflictView, useConflicts, useResolveConflict } from './leads.api.js';
import { leadsMessages } from './leads.messages.js';

const STATE_COLOR: Record<ConflictView['state'], string> = {
  unresolved: 'red',
  reopened: 'orange',
  resolved: 'green',
};

function Resolution({ c }: { c: ConflictView }) {
  const t = useT(leadsMessages);
  const r = c.resolution;
  if (!r) return <>—</>;
  const name = (id: string | null) => c.units.find((u) => u.unitId === id)?.unitName ?? '—';
  return (
    <Flex vertical gap={2}>
      <span>
        {r.kind === 'primary'
          ? t.primaryResult(name(r.primaryUnitId))
          : (r.shares ?? []).map((s) => `${name(s.unitId)} ${formatBasisPoints(s.basisPoints)}%`).join('，')}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(r.resolvedAt)}
        {r.note ? ` · ${r.note}` : ''}
      </Typography.Text>
    </Flex>
  );
}

interface ResolveValues {
  kind: 'primary' | 'co_credit';
  primaryUnitId?: string;
  percents?: Record<string, number | null>;
  note?: string;
}

function ResolveModal({ conflict, onClose }: { conflict: ConflictView; onClose: () => void }) {
  const t = useT(leadsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResolveValues>();
  const resolve = useResolveConflict();
  const kind = Form.useWatch('kind', form) ?? 'primary';
  const percents = Form.useWatch('percents', form) ?? {};
  const bp = (v: number | null | undefined) =>
    v == null ? 0 : (percentToBasisPoints(String(v)) ?? Number.NaN);
  const sum = conflict.units.reduce((n, u) => n + bp(percents[u.unitId]), 0);
  const even = Math.floor(FULL_CREDIT_BP / conflict.units.length);

  return (
    <Modal
      open
      title={t.resolveTitle(conflict.enterpriseName)}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={resolve.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<ResolveValues>
        form={form}
        name="resolve-conflict"
        layout="vertical"
        initialValues={{
          kind: 'primary',
          percents: Object.fromEntries(
            conflict.units.map((u, i) => [
              u.unitId,
              // An even split to start from, the remainder on the first unit so it sums to 100%.
              (i === 0 ? FULL_CREDIT_BP - even * (conflict.units.length - 1) : even) / 100,
            ]),
          ),
        }}
        onFinish={(v) => {
          const body =
            v.kind === 'primary'
              ? { kind: 'primary' as const, primaryUnitId: v.primaryUnitId!, note: v.note?.trim() || null }
              : {
                  kind: 'co_credit' as const,
                  shares: conflict.units.map((u) => ({
                    unitId: u.unitId,
                    basisPoints: bp(v.percents?.[u.unitId]),
                  })),
                  note: v.note?.trim() || null,
                };
          resolve.mutate(
            { enterpriseId: conflict.enterpriseId, body },
            {
              onSuccess: () => {
                void message.success(t.resolved);
                onClose();
              },
            },
          );
        }}
      >
        <Form.Item name="kind">
          <Radio.Group
            options={[
              { value: 'primary', label: t.kindPrimary },
              { value: 'co_credit', label: t.kindCoCredit },
            ]}
          />
        </Form.Item>
        {kind === 'primary' ? (
          <Form.Item
            name="primaryUnitId"
            label={t.primaryUnit}
            rules={[{ required: true, message: t.required }]}
          >
            <Select options={conflict.units.map((u) => ({ value: u.unitId, label: u.unitName }))} />
          </Form.Item>
        ) : (
          <>
            {conflict.units.map((u) => (
              <Form.Item
                key={u.unitId}
                name={['percents', u.unitId]}
                label={`${u.unitName} · ${t.sharePercent}`}
              >
                <InputNumber min={0} max={100} precision={2} step={5} suffix="%" style={{ width: 160 }} />
              </Form.Item>
            ))}
            <Typography.Text type={sum === FULL_CREDIT_BP ? 'success' : 'danger'}>
              {t.sharesSum(Number.isNaN(sum) ? '—' : formatBasisPoints(sum))}
            </Typography.Text>
          </>
        )}
        <Form.Item name="note" label={t.note} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {resolve.error ? (
        <Alert type="error" showIcon role="alert" title={errorText(resolve.error, lang)} />
      ) : null}
    </Modal>
  );
}

/** 争抢协调: the center sees every enterprise two or more units chase and decides who gets the credit. */
export function ConflictsPage() {
  const t = useT(leadsMessages);
  const [all, setAll] = useState(false);
  const conflicts = useConflicts(all ? 'all' : 'open');
  const [resolving, setResolving] = useState<ConflictView | null>(null);

  return (
    <Card
      title={t.conflicts}
      extra={
        <Flex gap={8} align="center">
          <Switch checked={all} onChange={setAll} aria-label={t.showAll} />
          <span>{t.showAll}</span>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t.conflictsHelp}</Typography.Paragraph>
      {conflicts.isError ? (
        <ErrorResult error={conflicts.error} onRetry={() => void conflicts.refetch()} />
      ) : (
        <Table<ConflictView>
          rowKey="enterpriseId"
          size="middle"
          loading={conflicts.isFetching}
          dataSource={conflicts.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.noConflicts }}
          columns={[
            { key: 'enterprise', title: t.enterprise, dataIndex: 'enterpriseName' },
            {
              key: 'state',
              title: t.status,
              render: (_, c) => <Tag color={STATE_COLOR[c.state]}>{t.conflictState[c.state]}</Tag>,
            },
            {
              key: 'units',
              title: t.chasingUnits,
              render: (_, c) => (
                <Flex vertical gap={2}>
                  {c.units.map((u) => (
                    <span key={u.unitId}>
                      {u.unitName}
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                        {t.unitWork(u.leads, u.projects)}
                      </Typography.Text>
                    </span>
                  ))}
                </Flex>
              ),
            },
            { key: 'resolution', title: t.resolution, render: (_, c) => <Resolution c={c} /> },
            {
              key: 'actions',
              title: '',
              render: (_, c) => (
                <Button type={c.state === 'resolved' ? 'default' : 'primary'} onClick={() => setResolving(c)}>
                  {t.resolve}
                </Button>
              ),
            },
          ]}
        />
      )}
      {resolving ? <ResolveModal conflict={resolving} onClose={() => setResolving(null)} /> : null}
    </Card>
  );
}
