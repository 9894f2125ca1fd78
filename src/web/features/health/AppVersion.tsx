import { Typography } from 'antd';
import { appMessages } from '../../app/app.messages.js';
import { useT } from '../../app/i18n.js';
import { useHealth } from './health.api.js';

export function AppVersion() {
  const t = useT(appMessages);
  const { data } = useHealth();
  return (
    <Typography.Text type="secondary">
      {t.productName}
      {data ? ` · ${t.version(data.version)}` : ''}
    </Typography.Text>
  );
}
