import { App, Form, Modal } from 'antd';
import type {
  EnterpriseView,
  UpdateEnterpriseInput,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import {
  type EnterpriseFields,
  EnterpriseForm,
  type EnterpriseFormValues,
  enterpriseToValues,
  valuesToFields,
} from './EnterpriseForm.js';
import { useCreateEnterprise, useUpdateEnterprise } from './enterprises.api.js';
import { enterprisesMessages } from './enterprises.messages.js';

function changed(before: EnterpriseView, after: EnterpriseFields): Partial<EnterpriseFields> {
  const patch: Partial<EnterpriseFields> = {};
  for (const k of Object.keys(after) as (keyof EnterpriseFields)[]) {
    // A masked phone left empty stays as it is: the editor never saw the number.
    if (k === 'contactPhone' && before.phoneMasked && after.contactPhone === null) continue;
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k]))
      Object.assign(patch, { [k]: after[k] });
  }
  return patch;
}

/**
 * Enter a new enterprise, or edit one (`enterprise` given). Mounted only while open. On create the server links
 * to an existing enterprise of the same name or code instead of creating a twin; either way the caller gets it.
 */
export function EnterpriseFormModal(props: {
  enterprise?: EnterpriseView | null;
  initialName?: string;
  /** Entered from the project form: the success message says it was chosen for the project. */
  forProject?: boolean;
  onClose: (chosen?: EnterpriseView) => void;
}) {
  const t = useT(enterprisesMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise();
  const before = props.enterprise ?? null;
  const mutation = before ? update : create;

  const submit = (values: EnterpriseFormValues) => {
    const fields = valuesToFields(values, before);
    const onError = (err: unknown) => applyFieldErrors(form, err, lang);
    if (!before) {
      const sent = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => v !== null || k === 'kinds'),
      ) as EnterpriseFields;
      create.mutate(sent, {
        onSuccess: ({ enterprise, created }) => {
          if (created) void message.success(props.forProject ? t.createdForProject : t.created);
          else void message.info(t.existed);
          props.onClose(enterprise);
        },
        onError,
      });
      return;
    }
    const patch = changed(before, fields);
    if (Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    update.mutate(
      { id: before.id, patch: { ...patch, updatedAt: before.updatedAt } as UpdateEnterpriseInput },
      {
        onSuccess: (saved) => {
          void message.success(t.saved);
          props.onClose(saved);
        },
        onError,
      },
    );
  };

  return (
    <Modal
      open
      title={before ? t.editEnterprise : t.addEnterprise}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
    >
      <EnterpriseForm
        form={form}
        initialValues={enterpriseToValues(before, props.initialName)}
        onFinish={submit}
      />
      <ApiErrorAlert error={mutation.error} />
    </Modal>
  );
}
