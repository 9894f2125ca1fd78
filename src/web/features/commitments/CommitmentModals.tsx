import { UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CommitmentView } from '../../../domain/commitments/commitments.schemas.js';
import {
  COMMITMENT_KIND_LABELS,
  COMMITMENT_KINDS,
  type CommitmentKind,
} from '../../../domain/landing/landing-codes.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useProjectAgreements } from '../agreements/agreements.api.js';
import { useUnits } from '../organization/organization.api.js';
import {
  afterToday,
  amountRule,
  formatDay,
  parseDay,
  todayInChina,
  wanInput,
  wanToYuan,
} from '../projects/project-format.js';
import { useCommitmentTransition, useFulfilCommitment, useSaveCommitment } from './commitments.api.js';
import { commitmentsMessages } from './commitments.messages.js';

interface FormValues {
  agreementId?: string | null;
  kind: CommitmentKind;
  content: string;
  amount?: string;
  departmentUnitId?: string;
  dueOn?: Dayjs | null;
}

/** One form to record a commitment of a project and to edit it while pending. */
export function CommitmentFormModal(props: {
  projectId: string;
  commitment?: CommitmentView;
  onClose: () => void;
}) {
  const t = useT(commitmentsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveCommitment();
  const [error, setError] = useState<unknown>(null);
  const units = useUnits({});
  const departments = (units.data ?? []).filter((u) => u.kind === 'department' && u.active);
  const agreements = useProjectAgreements(props.projectId);
  const c = props.commitment;

  const submit = async () => {
    // A refused form shows its own messages; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const fields = {
      agreementId: v.agreementId ?? null,
      kind: v.kind,
      content: v.content.trim(),
      amountYuan: wanToYuan(v.amount),
      departmentUnitId: v.departmentUnitId as string,
      dueOn: formatDay(v.dueOn) as string,
    };
    const handlers = {
      onSuccess: () => {
        void message.success(t.saved);
        props.onClose();
      },
      onError: (err: unknown) => {
        if (!applyFieldErrors(form, err, lang)) setError(err);
      },
    };
    if (c) save.mutate({ id: c.id, patch: { version: c.version, ...fields } }, handlers);
    else save.mutate({ input: { projectId: props.projectId, ...fields } }, handlers);
  };

  return (
    <Modal
      open
      title={c ? t.editTitle : t.add}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => void submit()}
      okButtonProps={{ loading: save.isPending, id: 'commitment-save' }}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          agreementId: c?.agreementId ?? null,
          kind: c?.kind ?? 'policy',
          content: c?.content ?? '',
          amount: wanInput(c?.amountYuan ?? null),
          departmentUnitId: c?.departmentUnitId,
          dueOn: parseDay(c?.dueOn ?? null),
        }}
      >
        <Form.Item name="agreementId" label={t.agreement}>
          <Select
            allowClear
            placeholder={t.noAgreement}
            loading={agreements.isLoading}
            options={(agreements.data?.agreements ?? []).map((a) => ({
              value: a.id,
              label: `${a.title}（${a.signingDate}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
          <Select
            options={COMMITMENT_KINDS.map((k) => ({ value: k, label: COMMITMENT_KIND_LABELS[k][lang] }))}
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={t.content}
          rules={[{ required: true, whitespace: true, min: 2, message: t.required(t.content) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="amount" label={t.amount} rules={[amountRule(lang)]}>
          <Input inputMode="decimal" suffix={t.wanYuan} />
        </Form.Item>
        <Form.Item
          name="departmentUnitId"
          label={t.department}
          rules={[{ required: true, message: t.required(t.department) }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={units.isLoading}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
            data-testid="commitment-department"
          />
        </Form.Item>
        <Form.Item name="dueOn" label={t.dueOn} rules={[{ required: true, message: t.required(t.dueOn) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记兑现: the day, the evidence text (required) and evidence files, uploaded before the fulfilment is saved. */
export function FulfilModal(props: { commitment: CommitmentView; onClose: () => void }) {
  const t = useT(commitmentsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ fulfilledOn: Dayjs | null; evidence: string }>();
  const fulfil = useFulfilCommitment();
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<unknown>(null);
  const c = props.commitment;

  const submit = async () => {
    // A refused form shows its own messages; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    fulfil.mutate(
      {
        id: c.id,
        files,
        input: {
          version: c.version,
          fulfilledOn: formatDay(v.fulfilledOn) as string,
          evidence: v.evidence.trim(),
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
      title={`${t.fulfilTitle} · ${c.content}`}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => void submit()}
      okButtonProps={{ loading: fulfil.isPending, id: 'fulfil-save' }}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fulfilledOn: parseDay(todayInChina()), evidence: '' }}
      >
        <Form.Item
          name="fulfilledOn"
          label={t.fulfilledOn}
          rules={[{ required: true, message: t.required(t.fulfilledOn) }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t.evidence}
          extra={t.evidenceHint}
          rules={[{ required: true, whitespace: true, message: t.required(t.evidence) }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="fulfil-evidence" />
        </Form.Item>
        <Form.Item label={t.files}>
          <Upload
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"
            fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
            beforeUpload={(file) => {
              setFiles((fs) => [...fs, file]);
              return false;
            }}
            onRemove={(f) => setFiles((fs) => fs.filter((_, i) => String(i) !== f.uid))}
          >
            <Button icon={<UploadOutlined />}>{t.addFiles}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 撤销 (the unit, the center) or 退回待兑现 (the center): both ask for a reason. */
export function ReasonModal(props: {
  commitment: CommitmentView;
  to: 'cancel' | 'reopen';
  onClose: () => void;
}) {
  const t = useT(commitmentsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const move = useCommitmentTransition();
  const [error, setError] = useState<unknown>(null);
  const label = props.to === 'cancel' ? t.cancelReason : t.reopenReason;

  const submit = async () => {
    // A refused form shows its own messages; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    move.mutate(
      {
        id: props.commitment.id,
        to: props.to,
        input: { version: props.commitment.version, reason: v.reason.trim() },
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
      title={props.to === 'cancel' ? t.cancelTitle : t.reopenTitle}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => void submit()}
      okButtonProps={{ loading: move.isPending, danger: props.to === 'cancel' }}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={label}
          rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
