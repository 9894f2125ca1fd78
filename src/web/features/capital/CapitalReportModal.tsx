import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FIGURE_FIELDS, FIGURE_LABELS } from '../../../domain/capital/capital.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { amountRule, todayInChina } from '../projects/project-format.js';
import type { ProjectCapital } from './capital.api.js';
import { useSaveReport } from './capital.api.js';
import { capitalMessages } from './capital.messages.js';
import { isUsd, type TypedFigures, typedOf, wireOf } from './capital-format.js';

type Month = ProjectCapital['months'][number];
interface Values extends TypedFigures {
  month: Dayjs;
  note?: string;
}

/** One project-month in 万元 / 万美元, checked as typed; an existing month is loaded with its version. */
export function CapitalReportModal(props: {
  projectId: string;
  months: Month[];
  initialMonth?: string;
  onClose: () => void;
}) {
  const t = useT(capitalMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveReport();
  const [error, setError] = useState<unknown>(null);
  const thisMonth = todayInChina().slice(0, 7);
  const find = (m: string) => props.months.find((x) => x.month === m);
  const start = props.initialMonth ?? thisMonth;
  const [month, setMonth] = useState(start);
  const existing = find(month);
  const locked = existing ? !existing.editable : false;

  const load = (m: string) => {
    setMonth(m);
    const r = find(m);
    form.setFieldsValue({ ...typedOf(r ?? null), note: r?.note ?? '' });
  };

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    save.mutate(
      {
        projectId: props.projectId,
        month,
        input: { ...wireOf(v), note: v.note?.trim() || null, version: existing?.version ?? null },
      },
      {
        onSuccess: () => {
          void message.success(t.saved);
          props.onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, lang)) setError(err);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t.editMonth(month)}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => void submit()}
      okButtonProps={{ disabled: locked, loading: save.isPending }}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} />
      {locked ? <Alert type="info" showIcon title={t.locked} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          month: dayjs(`${start}-01`),
          ...typedOf(find(start) ?? null),
          note: find(start)?.note ?? '',
        }}
        disabled={locked}
      >
        <Form.Item name="month" label={t.month} rules={[{ required: true }]}>
          <DatePicker
            picker="month"
            allowClear={false}
            disabled={!!props.initialMonth}
            disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
            onChange={(d) => d && load(d.format('YYYY-MM'))}
          />
        </Form.Item>
        {FIGURE_FIELDS.map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={FIGURE_LABELS[f][lang]}
            rules={[amountRule(lang, { usd: isUsd(f) })]}
            validateTrigger={['onChange', 'onBlur']}
          >
            <Input inputMode="decimal" placeholder="0" suffix={isUsd(f) ? t.wanUsd : t.wanYuan} />
          </Form.Item>
        ))}
        <Form.Item name="note" label={t.note}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
