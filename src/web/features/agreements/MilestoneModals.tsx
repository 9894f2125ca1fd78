import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  MILESTONE_KIND_LABELS,
  MILESTONE_KINDS,
  type MilestoneKind,
  type MilestoneView,
} from '../../../domain/agreements/agreements.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import {
  afterToday,
  amountRule,
  formatDay,
  parseDay,
  todayInChina,
  wanInput,
  wanToYuan,
} from '../projects/project-format.js';
import { useMilestoneStatus, useSaveMilestone } from './agreements.api.js';
import { agreementsMessages } from './agreements.messages.js';

interface Values {
  kind: MilestoneKind;
  description: string;
  dueDate: Dayjs;
  target?: string;
  targetCount?: number | null;
  note?: string;
}

/** What the investor promised by when; one form for adding and editing. */
export function MilestoneFormModal(props: {
  agreementId: string;
  milestone?: MilestoneView;
  onClose: () => void;
}) {
  const t = useT(agreementsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveMilestone();
  const [error, setError] = useState<unknown>(null);
  const m = props.milestone;

  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      kind: v.kind,
      description: v.description.trim(),
      dueDate: formatDay(v.dueDate) ?? '',
      targetYuan: wanToYuan(v.target),
      targetCount: v.targetCount ?? null,
      note: v.note?.trim() || null,
    };
    save.mutate(
      m
        ? { id: m.id, patch: { ...fields, version: m.version } }
        : { agreementId: props.agreementId, input: fields },
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
      title={m ? t.editMilestone : t.addMilestone}
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
          kind: m?.kind ?? 'start',
          description: m?.description,
          dueDate: parseDay(m?.dueDate ?? null),
          target: wanInput(m?.targetYuan ?? null),
          targetCount: m?.targetCount ?? null,
          note: m?.note ?? '',
        }}
      >
        <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
          <Select
            options={MILESTONE_KINDS.map((k) => ({ value: k, label: MILESTONE_KIND_LABELS[k][lang] }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t.description}
          rules={[{ required: true, message: t.required(t.description) }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t.dueDate}
          rules={[{ required: true, message: t.required(t.dueDate) }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="target" label={t.targetYuan} rules={[amountRule(lang)]}>
          <Input inputMode="decimal" suffix={t.wanYuan} />
        </Form.Item>
        <Form.Item name="targetCount" label={t.targetCount}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t.note}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Marks a milestone met: the day it was met and what was actually delivered. */
export function MilestoneMetModal(props: { milestone: MilestoneView; onClose: () => void }) {
  const t = useT(agreementsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    metOn: Dayjs;
    actual?: string;
    actualCount?: number | null;
    note?: string;
  }>();
  const status = useMilestoneStatus();
  const [error, setError] = useState<unknown>(null);
  const m = props.milestone;

  const submit = async () => {
    const v = await form.validateFields();
    status.mutate(
      {
        id: m.id,
        input: {
          status: 'met',
          metOn: formatDay(v.metOn),
          actualYuan: wanToYuan(v.actual),
          actualCount: v.actualCount ?? null,
          note: v.note?.trim() || null,
          version: m.version,
        },
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
      title={`${t.markMet} · ${m.description}`}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => void submit()}
      okButtonProps={{ loading: status.isPending }}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={{ metOn: parseDay(todayInChina()) }}>
        <Form.Item name="metOn" label={t.metOn} rules={[{ required: true, message: t.required(t.metOn) }]}>
          <DatePicker disabledDate={afterToday} />
        </Form.Item>
        <Form.Item name="actual" label={t.actualYuan} rules={[amountRule(lang)]}>
          <Input inputMode="decimal" suffix={t.wanYuan} />
        </Form.Item>
        <Form.Item name="actualCount" label={t.actualCount}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t.note}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
