import { Card, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { appMessages } from '../app/app.messages.js';
import { useT } from '../app/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The frame of the pages outside the app shell: setup, login, forced password change. */
export function CenteredPage(props: {
  title: ReactNode;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
}) {
  const { token } = theme.useToken();
  const t = useT(appMessages);
  return (
    <Flex vertical style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Flex justify="space-between" align="center" style={{ padding: '8px 16px' }}>
        <Typography.Text strong>{t.productName}</Typography.Text>
        <LanguageSwitch />
      </Flex>
      <Flex justify="center" style={{ padding: '16px 12px 48px' }}>
        <Card style={{ width: '100%', maxWidth: props.width ?? 420 }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: props.subtitle ? 4 : 24 }}>
            {props.title}
          </Typography.Title>
          {props.subtitle ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {props.subtitle}
            </Typography.Paragraph>
          ) : null}
          {props.children}
        </Card>
      </Flex>
    </Flex>
  );
}
