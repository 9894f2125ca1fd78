import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { BulletinKind, BulletinMeta } from '../../../domain/bulletins/bulletins.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { errorText } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { useBulletins, useCreateBulletin } from './bulletins.api.js';
import { bulletinsMessages } from './bulletins.messages.js';

const today = () => chinaToday(new Date());
const thisYear = () => Number(today().slice(0, 4));

export function usePeriodText() {
  const t = useT(bulletinsMessages);
  return (b: Pick<BulletinMeta, 'kind' | 'year' | 'period'>) =>
    `${t.yearLabel(b.year)} ${b.kind === 'month' ? t.monthLabel(b.period) : t.quarterLabel(b.period)}`;
}

export function BulletinStatusTag({ status }: { status: BulletinMeta['status'] }) {
  const t = useT(bulletinsMessages);
  return status === 'draft' ? <Tag color="orange">{t.draft}</Tag> : <Tag color="green">{t.published}</Tag>;
}

/** 通报: every bulletin version of the district; the center starts a period's bulletin here. */
export function BulletinsListPage() {
  const t = useT(bulletinsMessages);
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as BulletinKind | null) ?? undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const list = useBulletins({ kind, year });
  const periodText = usePeriodText();
  const [creating, setCreating] = useState(false);
  const years = Array.from({ length: 4 }, (_, i) => thisYear() - i);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };

  return (
    <Card
      title={t.listTitle}
      extra={
        <Flex gap={8} align="center" wrap>
          <Select
            aria-label={t.kind}
            allowClear
            placeholder={t.allKinds}
            value={kind}
            onChange={(v) => set('kind', v)}
            options={[
              { value: 'month', label: t.kindMonth },
              { value: 'quarter', label: t.kindQuarter },
            ]}
            style={{ width: 120 }}
          />
          <Select
            aria-label={t.year}
            allowClear
            placeholder={t.allYears}
            value={year}
            onChange={(v) => set('year', v ? String(v) : undefined)}
            options={years.map((y) => ({ value: y, label: t.yearLabel(y) }))}
            style={{ width: 110 }}
          />
          {can('assessment.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          ) : null}
        </Flex>
      }
    >
      {!can('assessment.read_drafts') ? (
        <Alert type="info" showIcon title={t.unitNotice} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<BulletinMeta>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t.empty }}
        data-testid="bulletins-table"
        columns={[
          {
            title: t.period,
            key: 'period',
            render: (_, b) => <Link to={`/bulletins/${b.id}`}>{periodText(b)}</Link>,
          },
          {
            title: t.kind,
            key: 'kind',
            render: (_, b) => (b.kind === 'month' ? t.kindMonth : t.kindQuarter),
          },
          { title: t.title, dataIndex: 'title', key: 'title' },
          {
            title: t.version,
            key: 'version',
            render: (_, b) => (
              <>
                {t.versionLabel(b.version)} {b.latest ? null : <Tag>{t.superseded}</Tag>}
              </>
            ),
          },
          { title: t.status, key: 'status', render: (_, b) => <BulletinStatusTag status={b.status} /> },
          { title: t.cutoff, dataIndex: 'cutoff', key: 'cutoff' },
          { title: t.publishedAt, key: 'publishedAt', render: (_, b) => formatDateTime(b.publishedAt) },
        ]}
      />
      {creating ? <NewBulletinModal onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

interface FormValues {
  kind: BulletinKind;
  year: number;
  period: number;
  cutoff?: Dayjs | null;
  title?: string;
  docNumber?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
function lastDayOf(kind: BulletinKind, year: number, period: number) {
  const m = kind === 'month' ? period : period * 3;
  return `${year}-${pad(m)}-${pad(new Date(Date.UTC(year, m, 0)).getUTCDate())}`;
}

/** The last full period before today: the default a center officer most often wants. */
function defaultPeriod(kind: BulletinKind) {
  const d = today();
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  if (kind === 'month') return m === 1 ? { year: y - 1, period: 12 } : { year: y, period: m - 1 };
  const q = Math.ceil(m / 3) - 1;
  return q === 0 ? { year: y - 1, period: 4 } : { year: y, period: q };
}

function NewBulletinModal({ onClose }: { onClose: () => void }) {
  const t = useT(bulletinsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateBulletin();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'month';
  const year = Form.useWatch('year', form) ?? thisYear();
  const period = Form.useWatch('period', form) ?? 1;
  const end = lastDayOf(kind, year, Math.min(period, kind === 'quarter' ? 4 : 12));
  const start = kind === 'month' ? `${year}-${pad(period)}-01` : `${year}-${pad(period * 3 - 2)}-01`;

  const submit = (v: FormValues) =>
    create.mutate(
      {
        kind: v.kind,
        year: v.year,
        period: v.period,
        cutoff: v.cutoff ? v.cutoff.format('YYYY-MM-DD') : undefined,
        title: v.title?.trim() || undefined,
        docNumber: v.docNumber?.trim() || undefined,
      },
      {
        onSuccess: (b) => {
          void message.success(t.created);
          onClose();
          navigate(`/bulletins/${b.id}`);
        },
        onError: (err) => void message.error(errorText(err, lang)),
      },
    );

  return (
    <Modal
      open
      title={t.createTitle}
      okText={t.create}
      cancelText={t.cancel}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'month', ...defaultPeriod('month') }}
        onFinish={submit}
        onValuesChange={(changed) => {
          if ('kind' in changed)
            form.setFieldsValue({ ...defaultPeriod(changed.kind as BulletinKind), cutoff: null });
          if ('period' in changed || 'year' in changed) form.setFieldsValue({ cutoff: null });
        }}
      >
        <Form.Item name="kind" label={t.kind} rules={[{ required: true, message: t.required }]}>
          <Select
            options={[
              { value: 'month', label: t.kindMonth },
              { value: 'quarter', label: t.kindQuarter },
            ]}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="year"
            label={t.year}
            rules={[{ required: true, message: t.required }]}
            style={{ flex: 1 }}
          >
            <Select
              options={[0, 1, 2].map((i) => ({ value: thisYear() - i, label: t.yearLabel(thisYear() - i) }))}
            />
          </Form.Item>
          <Form.Item
            name="period"
            label={t.period}
            rules={[{ required: true, message: t.required }]}
            style={{ flex: 1 }}
          >
            <Select
              options={
                kind === 'month'
                  ? Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t.monthLabel(i + 1) }))
                  : [1, 2, 3, 4].map((q) => ({ value: q, label: t.quarterLabel(q) }))
              }
            />
          </Form.Item>
        </Flex>
        <Form.Item name="cutoff" label={t.cutoff} extra={`${t.cutoffHint}（${end}）`}>
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            placeholder={end}
            disabledDate={(d) => d.format('YYYY-MM-DD') < start || d.format('YYYY-MM-DD') > end}
            defaultPickerValue={dayjs(end)}
          />
        </Form.Item>
        <Form.Item name="title" label={t.title} extra={t.titleHint} rules={[{ max: 120 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="docNumber" label={t.docNumber} extra={t.docNumberHint} rules={[{ max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
