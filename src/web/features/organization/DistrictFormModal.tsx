import { App, Form, Input, Modal, Select } from 'antd';
import type { Region } from '../../../domain/organization/organization.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { type CreateDistrictInput, useCreateDistrict } from './organization.api.js';
import { organizationMessages } from './organization.messages.js';
import { ADMIN_CODE_PATTERN } from './UnitForm.js';

export function DistrictFormModal(props: {
  cities: Region[];
  defaultCityId: string | undefined;
  onClose: (created?: Region) => void;
}) {
  const t = useT(organizationMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateDistrictInput>();
  const create = useCreateDistrict();

  const submit = (values: CreateDistrictInput) =>
    create.mutate(
      { cityId: values.cityId, name: values.name.trim(), code: values.code?.trim() || null },
      {
        onSuccess: (region) => {
          void message.success(t.districtCreated);
          props.onClose(region);
        },
        onError: (err) => applyFieldErrors(form, err, lang),
      },
    );

  return (
    <Modal
      open
      title={t.addDistrict}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
    >
      <Form<CreateDistrictInput>
        form={form}
        name="district"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ cityId: props.defaultCityId ?? props.cities[0]?.id }}
        onFinish={submit}
      >
        <Form.Item
          name="cityId"
          label={t.districtCity}
          rules={[{ required: true, message: t.required(t.districtCity) }]}
        >
          <Select options={props.cities.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t.districtName}
          rules={[{ required: true, whitespace: true, message: t.required(t.districtName) }, { max: 60 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t.districtCode}
          extra={t.districtCodeHelp}
          rules={[{ pattern: ADMIN_CODE_PATTERN, message: t.codeInvalid }]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={9} />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={create.error} />
    </Modal>
  );
}
