import { Badge, Flex, Typography, theme } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.js';
import { type NotificationView, useMarkRead } from './notifications.api.js';
import { notificationsMessages } from './notifications.messages.js';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/** One notice: clicking marks it read and opens what it is about. */
export function NotificationItem({ n, onOpen }: { n: NotificationView; onOpen?: () => void }) {
  const t = useT(notificationsMessages);
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const open = () => {
    if (!n.readAt) markRead.mutate(n.id);
    onOpen?.();
    if (n.link) void navigate(n.link);
  };
  return (
    <button
      type="button"
      onClick={open}
      data-testid="notification-item"
      style={{
        all: 'unset',
        cursor: 'pointer',
        display: 'block',
        width: '100%',
        boxSizing: 'border-box',
        padding: '8px 12px',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        background: n.readAt ? undefined : token.colorPrimaryBg,
      }}
    >
      <Flex gap={8} align="baseline">
        <Badge status={n.readAt ? 'default' : 'processing'} />
        <Flex vertical style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong={!n.readAt} ellipsis>
            {n.title}
          </Typography.Text>
          {n.body ? (
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
              {n.body}
            </Typography.Text>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {when(n.createdAt)}
            {n.dueOn ? ` · ${t.dueOn(n.dueOn)}` : ''}
          </Typography.Text>
        </Flex>
      </Flex>
    </button>
  );
}
