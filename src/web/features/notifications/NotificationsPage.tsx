import { App, Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { NotificationItem } from './NotificationItem.js';
import { useMarkAllRead, useNotifications } from './notifications.api.js';
import { notificationsMessages } from './notifications.messages.js';

/** Every notice of the signed-in user, newest first. */
export function NotificationsPage() {
  const t = useT(notificationsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useNotifications({ unread, page, pageSize });
  const markAll = useMarkAllRead();
  return (
    <Card
      title={t.title}
      extra={
        <Flex gap={8} align="center">
          <Segmented
            value={unread ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t.all },
              { value: 'unread', label: t.unreadOnly },
            ]}
            onChange={(v) => {
              setUnread(v === 'unread');
              setPage(1);
            }}
          />
          <Button
            disabled={!list.data?.unread}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: (r) => void message.success(t.marked(r.marked)),
                onError: (err) => void message.error(errorText(err, lang)),
              })
            }
          >
            {t.markAllRead}
          </Button>
        </Flex>
      }
      styles={{ body: { padding: 0 } }}
    >
      {list.data ? (
        list.data.items.length ? (
          <>
            {list.data.items.map((n) => (
              <NotificationItem key={n.id} n={n} />
            ))}
            <Flex justify="space-between" align="center" style={{ padding: 12 }}>
              <Typography.Text type="secondary">{t.total(list.data.total)}</Typography.Text>
              <Pagination
                current={page}
                pageSize={pageSize}
                total={list.data.total}
                onChange={setPage}
                showSizeChanger={false}
              />
            </Flex>
          </>
        ) : (
          <Empty style={{ padding: 24 }} description={t.empty} />
        )
      ) : (
        <Skeleton active style={{ padding: 24 }} />
      )}
    </Card>
  );
}
