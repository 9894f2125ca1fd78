import { Alert, Button, Descriptions, Result, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.js';
import type { SetupResult } from './setup.api.js';
import { setupMessages } from './setup.messages.js';

export function SetupSuccess({ result }: { result: SetupResult }) {
  const t = useT(setupMessages);
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title={t.doneTitle}
      subTitle={t.doneSubtitle}
      style={{ padding: 0 }}
      extra={
        <Button type="primary" onClick={() => void navigate('/login', { replace: true })}>
          {t.goLogin}
        </Button>
      }
    >
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t.securityAdmin}>
          <Typography.Text code copyable data-testid="security-admin-username">
            {result.securityAdminUsername}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t.auditor}>
          <Typography.Text code copyable data-testid="auditor-username">
            {result.auditorUsername}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Alert type="warning" showIcon title={t.initialPasswordNote} />
      {result.demo ? (
        <Alert
          type="info"
          showIcon
          title={t.demoLoaded(result.demo.units, result.demo.users)}
          style={{ marginTop: 12 }}
        />
      ) : null}
    </Result>
  );
}
