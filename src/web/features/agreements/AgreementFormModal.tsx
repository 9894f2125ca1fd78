import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AgreementView } from '../../../domain/agreements/agreements.schemas.js';
import {
  AGREEMENT_TYPE_LABELS,
  AGREEMENT_TYPES,
  type AgreementType,
} from '../../../domain/projects/stages.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import {
  afterToday,
  amountRule,
  formatDay,
  parseDay,
  wanInput,
  wanToYuan,
  wanUsdInput,
  wanUsdToCents,
} from '../projects/project-format.js';
import { useSaveAgreement } from './agreements.api.js';
import { agreementsMessages } from './agreements.messages.js';

interface Values {
  type: AgreementType;
  title: string;
  signingDate: Dayjs;
  amount?: string;
  foreign?: string;
  parties?: string;
  note?: string;
}

/** One form for a new agreement and for editing one (with the version loaded). */
export function AgreementFormModal(props: {
  projectId: string;
  agreement?: AgreementView;
  onClose: () => void;
}) {
  const t = useT(agreementsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveAgreement();
  const [error, setError] = useState<unknown>(null);
  const a = props.agreement;

  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      type: v.type,
      title: v.title.trim(),
      signingDate: formatDay(v.signingDate) ?? '',
      amountYuan: wanToYuan(v.amount),
      foreignUsdCents: wanUsdToCents(v.foreign),
      parties: v.parties?.trim() || null,
      note: v.note?.trim() || null,
    };
    save.mutate(
      a
        ? { id: a.id, patch: { ...fields, version: a.version } }
        : { projectId: props.projectId, input: fields },
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
      title={a ? t.editAgreement : t.addAgreement}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => void submit()}
      okButtonProps={{ loading: save.isPending }}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          type: a?.type ?? 'formal',
          title: a?.title,
          signingDate: parseDay(a?.signingDate ?? null),
          amount: wanInput(a?.amountYuan ?? null),
          foreign: wanUsdInput(a?.foreignUsdCents ?? null),
          parties: a?.parties ?? '',
          note: a?.note ?? '',
        }}
      >
        <Form.Item name="type" label={t.type} rules={[{ required: true }]}>
          <Select
            options={AGREEMENT_TYPES.map((k) => ({ value: k, label: AGREEMENT_TYPE_LABELS[k][lang] }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t.title}
          rules={[{ required: true, min: 2, max: 100, message: t.required(t.title) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="signingDate"
          label={t.signingDate}
          rules={[{ required: true, message: t.required(t.signingDate) }]}
        >
          <DatePicker disabledDate={afterToday} />
        </Form.Item>
        <Form.Item name="amount" label={t.amount} rules={[amountRule(lang)]}>
          <Input inputMode="decimal" suffix={t.wanYuan} />
        </Form.Item>
        <Form.Item name="foreign" label={t.foreign} rules={[amountRule(lang, { usd: true })]}>
          <Input inputMode="decimal" suffix={t.wanUsd} />
        </Form.Item>
        <Form.Item name="parties" label={t.parties}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="note" label={t.note}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
