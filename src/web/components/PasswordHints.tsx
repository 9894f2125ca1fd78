import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Flex, Typography, theme } from 'antd';
import { useLang, useT } from '../app/i18n.js';
import { componentsMessages } from './components.messages.js';
import { type PasswordPolicyNumbers, passwordChecklist } from './password-rules.js';

/** Live checklist under a new-password field. */
export function PasswordHints(props: { password: string; policy: PasswordPolicyNumbers; username?: string }) {
  const lang = useLang();
  const t = useT(componentsMessages);
  const { token } = theme.useToken();
  const rules = passwordChecklist(props.password, props.policy, props.username, lang);
  return (
    <div aria-live="polite" style={{ marginTop: -8, marginBottom: 16 }}>
      <Typography.Text type="secondary">{t.passwordRules}</Typography.Text>
      <Flex vertical gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
        {rules.map((r) => (
          <li key={r.key} data-ok={r.ok}>
            {r.ok ? (
              <CheckCircleFilled style={{ color: token.colorSuccess }} />
            ) : (
              <CloseCircleOutlined style={{ color: token.colorTextTertiary }} />
            )}{' '}
            <Typography.Text type={r.ok ? 'success' : 'secondary'}>{r.text}</Typography.Text>
          </li>
        ))}
      </Flex>
    </div>
  );
}
