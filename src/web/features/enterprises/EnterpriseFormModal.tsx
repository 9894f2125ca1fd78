import { App, Form, Input, Modal, Select } from 'antd';
import { validateCreditCode } from '../../../domain/enterprises/credit-code.js';
import {
  ENTERPRISE_KIND_LABELS,
  ENTERPRISE_KINDS,
  type EnterpriseKind,
  type EnterpriseView,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useCreateEnterprise } from './enterprises.api.js';
import { enterprisesMessages } from './enterprises.messages.js';

interface EnterpriseFormValues {
  name: string;
  creditCode?: string;
  kinds?: EnterpriseKind[];
  contactName?: string;
  contactPhone?: string;
}

const PHONE = /^[0-9+\-() ]{5,20}$/;
const text = (v: string | undefined) => v?.trim() || undefined;

/**
 * A small form to enter an enterprise from inside the project form. Mounted only while open. The server links
 * to an existing enterprise of the same name or code instead of creating a twin; either way the caller gets it.
 */
export function EnterpriseFormModal(props: {
  initialName?: string;
  onClose: (chosen?: EnterpriseView) => void;
}) {
  const t = useT(enterprisesMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const create = useCreateEnterprise();

  const submit = (values: EnterpriseFormValues) => {
    const creditCode = text(values.creditCode);
    create.mutate(
      {
        name: values.name.trim(),
        kinds: values.kinds ?? [],
        ...(creditCode ? { creditCode } : {}),
        ...(text(values.contactName) ? { contactName: text(values.contactName) } : {}),
        ...(text(values.contactPhone) ? { contactPhone: text(values.contactPhone) } : {}),
      },
      {
        onSuccess: ({ enterprise, created }) => {
          if (created) void message.success(t.created);
          else void message.info(t.existed);
          props.onClose(enterprise);
        },
        onError: (err) => applyFieldErrors(form, err, lang),
      },
    );
  };

  return (
    <Modal
      open
      title={t.addEnterprise}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
    >
      <Form<EnterpriseFormValues>
        form={form}
        name="enterprise"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ name: props.initialName ?? '', kinds: [] }}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t.name}
          rules={[
            { required: true, whitespace: true, message: t.required(t.name) },
            { min: 2, max: 100, message: t.nameLength },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t.creditCode}
          extra={t.creditCodeHelp}
          validateDebounce={300}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (!value?.trim()) return;
                const check = validateCreditCode(value);
                if (!check.ok) throw new Error(lang === 'zh' ? check.messageZh : check.messageEn);
              },
            },
          ]}
        >
          <Input autoComplete="off" maxLength={30} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="kinds" label={t.kinds}>
          <Select<EnterpriseKind[]>
            mode="multiple"
            allowClear
            placeholder={t.kindsPlaceholder}
            options={ENTERPRISE_KINDS.map((k) => ({ value: k, label: ENTERPRISE_KIND_LABELS[k][lang] }))}
          />
        </Form.Item>
        <Form.Item name="contactName" label={t.contactName} rules={[{ max: 40 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t.contactPhone}
          rules={[{ pattern: PHONE, message: t.phoneInvalid }]}
        >
          <Input autoComplete="off" inputMode="tel" />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={create.error} />
    </Modal>
  );
}
