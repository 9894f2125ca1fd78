import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { DEFAULT_SECURITY_POLICY } from '../../../domain/accounts/password-policy.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { CenteredPage } from '../../components/CenteredPage.js';
import { componentsMessages } from '../../components/components.messages.js';
import { PasswordHints } from '../../components/PasswordHints.js';
import { passwordRule } from '../../components/password-rules.js';
import { useSecurityPolicy } from '../security-policy/security-policy.api.js';
import { type ChangePasswordInput, useChangePassword, useLogout } from './auth.api.js';
import { authMessages } from './auth.messages.js';

type Values = ChangePasswordInput & { confirmPassword: string };

export function ChangePasswordPage() {
  const t = useT(authMessages);
  const c = useT(componentsMessages);
  const lang = useLang();
  const user = useCurrentUser();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const logout = useLogout();
  const forced = user.mustChangePassword || user.passwordExpired;
  // The rules in force come with the signed-in user; the security roles also see the full live policy.
  const livePolicy = useSecurityPolicy(can('security_policy.read') && !forced);
  const policy = livePolicy.data ?? {
    ...DEFAULT_SECURITY_POLICY,
    passwordMinLength: user.passwordPolicy.minLength,
    passwordMinClasses: user.passwordPolicy.minClasses,
  };
  const newPassword = Form.useWatch('newPassword', form) ?? '';

  const submit = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t.changed);
          void navigate('/', { replace: true });
        },
        onError: (err) => applyFieldErrors(form, err, lang),
      },
    );

  return (
    <CenteredPage title={t.changeTitle}>
      {forced ? (
        <Alert
          type="warning"
          showIcon
          title={user.passwordExpired && !user.mustChangePassword ? t.forcedExpired : t.forcedFirstLogin}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="currentPassword"
          label={t.currentPassword}
          rules={[{ required: true, message: t.currentRequired }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.newPassword}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t.newRequired },
            passwordRule(policy, () => user.username, lang),
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value === getFieldValue('currentPassword')) throw new Error(t.sameAsCurrent);
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordHints password={newPassword} policy={policy} username={user.username} />
        <Form.Item
          name="confirmPassword"
          label={t.confirmPassword}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t.confirmRequired },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(c.passwordMismatch);
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ApiErrorAlert error={change.error} />
        <Flex gap={8} vertical>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t.submit}
          </Button>
          {forced ? (
            <Button
              block
              loading={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })
              }
            >
              {t.logout}
            </Button>
          ) : (
            <Button block onClick={() => void navigate('/account')}>
              {t.back}
            </Button>
          )}
        </Flex>
      </Form>
    </CenteredPage>
  );
}
