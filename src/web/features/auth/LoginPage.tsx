import { Button, Form, Input } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../../app/auth.js';
import type { FromState } from '../../app/guards.js';
import { useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { CenteredPage } from '../../components/CenteredPage.js';
import { AppVersion } from '../health/AppVersion.js';
import { type LoginInput, useLogin } from './auth.api.js';
import { authMessages } from './auth.messages.js';

/** Where to go after signing in: back to the page that sent us here, never off-site. */
function targetAfterLogin(state: unknown): string {
  const from = (state as FromState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login'
    ? from
    : '/';
}

export function LoginPage() {
  const t = useT(authMessages);
  const me = useMe();
  const login = useLogin();
  const location = useLocation();

  if (me.data) return <Navigate to={targetAfterLogin(location.state)} replace />;

  // On success the session appears in the cache and the redirect above takes over.
  const submit = (values: LoginInput) => login.mutate(values);

  return (
    <CenteredPage title={t.loginTitle} subtitle={t.loginSubtitle}>
      <Form<LoginInput> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="username"
          label={t.username}
          rules={[{ required: true, whitespace: true, message: t.usernameRequired }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t.password}
          rules={[{ required: true, message: t.passwordRequired }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <ApiErrorAlert error={login.error} />
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {t.login}
        </Button>
      </Form>
      <div style={{ textAlign: 'center', marginTop: 24 }}>
        <AppVersion />
      </div>
    </CenteredPage>
  );
}
