import { defineMessages } from '../../app/i18n.js';

export const notificationsMessages = defineMessages({
  zh: {
    bell: '消息提醒',
    title: '消息提醒',
    latest: '最新提醒',
    markAllRead: '全部标为已读',
    viewAll: '查看全部',
    empty: '暂无提醒',
    unreadOnly: '只看未读',
    all: '全部',
    unread: '未读',
    read: '已读',
    dueOn: (d: string) => `期限 ${d}`,
    total: (n: number) => `共 ${n} 条`,
    marked: (n: number) => `已将 ${n} 条标为已读`,
  },
  en: {
    bell: 'Notifications',
    title: 'Notifications',
    latest: 'Latest',
    markAllRead: 'Mark all read',
    viewAll: 'View all',
    empty: 'No notifications',
    unreadOnly: 'Unread only',
    all: 'All',
    unread: 'Unread',
    read: 'Read',
    dueOn: (d: string) => `Due ${d}`,
    total: (n: number) => `${n} in all`,
    marked: (n: number) => `${n} marked read`,
  },
});
