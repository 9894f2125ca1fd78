import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  PROCEDURE_KIND_LABELS,
  PROCEDURE_KINDS,
  PROCEDURE_STATUS_LABELS,
  PROCEDURE_STATUSES,
  type ProcedureKind,
  type ProcedureStatus,
} from '../../../domain/landing/landing-codes.js';
import type { ProcedureView } from '../../../domain/procedures/procedures.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useUnits } from '../organization/organization.api.js';
import { afterToday, formatDay, parseDay, todayInChina } from '../projects/project-format.js';
import { useSaveProcedure } from './procedures.api.js';
import { proceduresMessages } from './procedures.messages.js';

interface Values {
  kind: ProcedureKind;
  name?: string;
  departmentUnitId?: string | null;
  plannedOn?: Dayjs | null;
  status: ProcedureStatus;
  doneOn?: Dayjs | null;
  note?: string;
}

/** One form to add a procedure and to edit it; a department (progressOnly) records status, done date and note. */
export function ProcedureFormModal(props: {
  projectId: string;
  procedure?: ProcedureView;
  progressOnly?: boolean;
  onClose: () => void;
}) {
  const t = useT(proceduresMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveProcedure();
  const [error, setError] = useState<unknown>(null);
  const units = useUnits({}, !props.progressOnly);
  const departments = (units.data ?? []).filter((u) => u.kind === 'department' && u.active);
  const p = props.procedure;
  const kind = Form.useWatch('kind', form);
  const status = Form.useWatch('status', form);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const onError = (err: unknown) => {
      if (!applyFieldErrors(form, err, lang)) setError(err);
    };
    const onSuccess = () => {
      void message.success(t.saved);
      props.onClose();
    };
    const progress = {
      status: v.status,
      doneOn: v.status === 'done' ? formatDay(v.doneOn) : null,
      note: v.note?.trim() || null,
    };
    if (p) {
      const patch = props.progressOnly
        ? { version: p.version, ...progress }
        : {
            version: p.version,
            ...progress,
            name: v.name?.trim() || p.name,
            departmentUnitId: v.departmentUnitId ?? null,
            plannedOn: formatDay(v.plannedOn),
          };
      save.mutate({ id: p.id, patch }, { onSuccess, onError });
    } else {
      save.mutate(
        {
          projectId: props.projectId,
          input: {
            kind: v.kind,
            name: v.name?.trim() || undefined,
            departmentUnitId: v.departmentUnitId ?? null,
            plannedOn: formatDay(v.plannedOn),
            note: v.note?.trim() || null,
          },
        },
        { onSuccess, onError },
      );
    }
  };

  return (
    <Modal
      open
      title={p ? `${t.edit} · ${p.name}` : t.add}
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
          kind: (p?.kind as ProcedureKind | undefined) ?? 'custom',
          name: p?.name,
          departmentUnitId: p?.departmentUnitId ?? null,
          plannedOn: parseDay(p?.plannedOn ?? null),
          status: p?.status ?? 'pending',
          doneOn: parseDay(p?.doneOn ?? todayInChina()),
          note: p?.note ?? '',
        }}
      >
        {!p ? (
          <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
            <Select
              options={PROCEDURE_KINDS.map((k) => ({ value: k, label: PROCEDURE_KIND_LABELS[k][lang] }))}
              onChange={(k: ProcedureKind) => {
                const hint = PROCEDURE_KIND_LABELS[k].department;
                const match = departments.find((d) => d.name === hint);
                form.setFieldValue('departmentUnitId', match?.id ?? null);
              }}
            />
          </Form.Item>
        ) : null}
        {!props.progressOnly ? (
          <>
            <Form.Item
              name="name"
              label={t.name}
              rules={[{ required: !p && kind === 'custom', message: t.nameForCustom }]}
            >
              <Input
                maxLength={60}
                placeholder={kind && kind !== 'custom' ? PROCEDURE_KIND_LABELS[kind][lang] : ''}
              />
            </Form.Item>
            <Form.Item name="departmentUnitId" label={t.department}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={units.isLoading}
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="plannedOn" label={t.plannedOn}>
              <DatePicker />
            </Form.Item>
          </>
        ) : null}
        {p ? (
          <Form.Item name="status" label={t.status} rules={[{ required: true }]}>
            <Select
              data-testid="procedure-status"
              options={PROCEDURE_STATUSES.map((s) => ({ value: s, label: PROCEDURE_STATUS_LABELS[s][lang] }))}
            />
          </Form.Item>
        ) : null}
        {p && status === 'done' ? (
          <Form.Item
            name="doneOn"
            label={t.doneOn}
            rules={[{ required: true, message: t.required(t.doneOn) }]}
          >
            <DatePicker disabledDate={afterToday} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t.note}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
