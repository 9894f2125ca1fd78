import { App, Form, Modal } from 'antd';
import type { Region, Unit } from '../../../domain/organization/organization.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useCreateUnit, useUpdateUnit } from './organization.api.js';
import { organizationMessages } from './organization.messages.js';
import { UnitForm, type UnitFormValues } from './UnitForm.js';

/** Mounted only while open, so each opening starts from fresh values. */
export function UnitFormModal(props: {
  unit: Unit | null;
  defaultDistrictId: string | undefined;
  districts: Region[];
  onClose: (saved?: Unit) => void;
}) {
  const t = useT(organizationMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitFormValues>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const mutation = props.unit ? update : create;

  const initialValues: Partial<UnitFormValues> = props.unit
    ? {
        districtId: props.unit.districtId,
        name: props.unit.name,
        kind: props.unit.kind,
        code: props.unit.code ?? '',
        sortOrder: props.unit.sortOrder,
      }
    : { districtId: props.defaultDistrictId, sortOrder: 0 };

  const submit = (values: UnitFormValues) => {
    const code = values.code?.trim() || null;
    const onError = (err: unknown) => applyFieldErrors(form, err, lang);
    const onSuccess = (saved: Unit) => {
      void message.success(t.saved);
      props.onClose(saved);
    };
    if (props.unit) {
      update.mutate(
        {
          id: props.unit.id,
          patch: { name: values.name.trim(), kind: values.kind, code, sortOrder: values.sortOrder },
        },
        { onSuccess, onError },
      );
    } else {
      create.mutate(
        {
          districtId: values.districtId,
          name: values.name.trim(),
          kind: values.kind,
          code,
          sortOrder: values.sortOrder,
        },
        { onSuccess, onError },
      );
    }
  };

  return (
    <Modal
      open
      title={props.unit ? t.editUnit : t.addUnit}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
    >
      <UnitForm
        form={form}
        mode={props.unit ? 'edit' : 'create'}
        districts={props.districts}
        initialValues={initialValues}
        onFinish={submit}
      />
      <ApiErrorAlert error={mutation.error} />
    </Modal>
  );
}
