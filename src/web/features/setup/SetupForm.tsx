import { Button, Checkbox, Divider, Form, Input } from 'antd';
import { type SetupInput, USERNAME_PATTERN } from '../../../domain/accounts/accounts.schemas.js';
import { DEFAULT_SECURITY_POLICY } from '../../../domain/accounts/password-policy.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { componentsMessages } from '../../components/components.messages.js';
import { PasswordHints } from '../../components/PasswordHints.js';
import { passwordRule } from '../../components/password-rules.js';
import { type SetupResult, useRunSetup } from './setup.api.js';
import { setupMessages } from './setup.messages.js';

type SetupFormValues = SetupInput & { confirmPassword: string };

export function SetupForm({ onDone }: { onDone: (result: SetupResult) => void }) {
  const t = useT(setupMessages);
  const c = useT(componentsMessages);
  const lang = useLang();
  const [form] = Form.useForm<SetupFormValues>();
  const setup = useRunSetup();
  const password = Form.useWatch(['admin', 'password'], form) ?? '';
  const username = Form.useWatch(['admin', 'username'], form);

  const submit = ({ confirmPassword: _, ...input }: SetupFormValues) =>
    setup.mutate(input, {
      onSuccess: onDone,
      onError: (err) => applyFieldErrors(form, err, lang),
    });

  return (
    <Form<SetupFormValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={{ centerName: t.centerNameDefault, loadDemo: false }}
      onFinish={submit}
    >
      <Form.Item
        name="cityName"
        label={t.cityName}
        rules={[{ required: true, whitespace: true, message: t.required(t.cityName) }, { max: 40 }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="districtName"
        label={t.districtName}
        rules={[{ required: true, whitespace: true, message: t.required(t.districtName) }, { max: 40 }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="centerName"
        label={t.centerName}
        rules={[{ required: true, whitespace: true, message: t.required(t.centerName) }, { max: 60 }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Divider titlePlacement="start">{t.adminSection}</Divider>
      <Form.Item
        name={['admin', 'username']}
        label={t.adminUsername}
        extra={t.adminUsernameHelp}
        rules={[
          { required: true, message: t.required(t.adminUsername) },
          { pattern: USERNAME_PATTERN, message: t.adminUsernameInvalid },
        ]}
      >
        <Input autoComplete="username" />
      </Form.Item>
      <Form.Item
        name={['admin', 'displayName']}
        label={t.adminDisplayName}
        rules={[{ required: true, whitespace: true, message: t.required(t.adminDisplayName) }, { max: 40 }]}
      >
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name={['admin', 'password']}
        label={t.password}
        dependencies={[['admin', 'username']]}
        rules={[
          { required: true, message: t.required(t.password) },
          passwordRule(DEFAULT_SECURITY_POLICY, () => form.getFieldValue(['admin', 'username']), lang),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <PasswordHints password={password} policy={DEFAULT_SECURITY_POLICY} username={username} />
      <Form.Item
        name="confirmPassword"
        label={t.confirmPassword}
        dependencies={[['admin', 'password']]}
        rules={[
          { required: true, message: t.required(t.confirmPassword) },
          ({ getFieldValue }) => ({
            validator: async (_, value) => {
              if (value && value !== getFieldValue(['admin', 'password']))
                throw new Error(c.passwordMismatch);
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="loadDemo" valuePropName="checked" extra={t.loadDemoHelp}>
        <Checkbox>{t.loadDemo}</Checkbox>
      </Form.Item>
      <ApiErrorAlert error={setup.error} />
      <Button type="primary" htmlType="submit" block loading={setup.isPending}>
        {t.submit}
      </Button>
    </Form>
  );
}
