import { Form, type FormInstance, Input, InputNumber, Select } from 'antd';
import {
  type Region,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type UnitKind,
} from '../../../domain/organization/organization.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { organizationMessages } from './organization.messages.js';

export interface UnitFormValues {
  districtId: string;
  name: string;
  kind: UnitKind;
  code?: string | null;
  sortOrder: number;
}

export const ADMIN_CODE_PATTERN = /^\d{6}(\d{3})?$/;

/** Shared by create and edit; a unit never moves to another district, so edit locks districtId. */
export function UnitForm(props: {
  form: FormInstance<UnitFormValues>;
  mode: 'create' | 'edit';
  districts: Region[];
  initialValues: Partial<UnitFormValues>;
  onFinish: (values: UnitFormValues) => void;
}) {
  const t = useT(organizationMessages);
  const lang = useLang();
  return (
    <Form<UnitFormValues>
      form={props.form}
      layout="vertical"
      requiredMark="optional"
      initialValues={props.initialValues}
      onFinish={props.onFinish}
      name="unit"
    >
      <Form.Item
        name="districtId"
        label={t.unitDistrict}
        rules={[{ required: true, message: t.required(t.unitDistrict) }]}
      >
        <Select
          disabled={props.mode === 'edit'}
          options={props.districts.map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t.unitName}
        rules={[{ required: true, whitespace: true, message: t.required(t.unitName) }, { max: 60 }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="kind" label={t.unitKind} rules={[{ required: true, message: t.required(t.unitKind) }]}>
        <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k][lang] }))} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t.unitCode}
        extra={t.unitCodeHelp}
        rules={[{ pattern: ADMIN_CODE_PATTERN, message: t.codeInvalid }]}
      >
        <Input inputMode="numeric" autoComplete="off" maxLength={9} />
      </Form.Item>
      <Form.Item
        name="sortOrder"
        label={t.sortOrder}
        extra={t.sortOrderHelp}
        rules={[{ required: true, message: t.required(t.sortOrder) }]}
      >
        <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </Form>
  );
}
