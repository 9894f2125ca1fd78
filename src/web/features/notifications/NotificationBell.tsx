import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Popover, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.js';
import { NotificationItem } from './NotificationItem.js';
import { useMarkAllRead, useNotifications, useUnreadCount } from './notifications.api.js';
import { notificationsMessages } from './notifications.messages.js';

/** The header's bell: the unread count, and the latest 8 notices on click. */
export function NotificationBell() {
  const t = useT(notificationsMessages);
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useNotifications({ page: 1, pageSize: 8 }, open);
  const markAll = useMarkAllRead();
  const count = unread.data?.unread ?? 0;

  const content = (
    <div style={{ width: 340, maxWidth: '80vw' }} data-testid="notification-popover">
      <Flex justify="space-between" align="center" style={{ padding: '4px 12px 8px' }}>
        <Typography.Text strong>{t.latest}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={count === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t.markAllRead}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {latest.data ? (
          latest.data.items.length ? (
            latest.data.items.map((n) => <NotificationItem key={n.id} n={n} onOpen={() => setOpen(false)} />)
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
          )
        ) : (
          <Skeleton active style={{ padding: 12 }} />
        )}
      </div>
      <Flex justify="center" style={{ paddingTop: 8 }}>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t.viewAll}
        </Link>
      </Flex>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={content}
      styles={{ container: { padding: '8px 0' } }}
    >
      <Badge count={count} size="small" offset={[-4, 4]} data-testid="notification-badge">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t.bell}
          title={t.bell}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
