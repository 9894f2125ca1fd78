import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export interface NotificationView {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string | null;
  title: string;
  body: string | null;
  link: string | null;
  dueOn: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationsQuery {
  unread?: boolean;
  page: number;
  pageSize: number;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (q: NotificationsQuery) => ['notifications', 'list', q] as const,
};

const invalidate = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });

/** The bell's count: polled every minute and again when the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api.get<{ unread: number }>('/api/notifications/unread-count'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useNotifications(q: NotificationsQuery, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(q),
    queryFn: () =>
      api.get<{ items: NotificationView[]; total: number; unread: number }>('/api/notifications', {
        page: q.page,
        pageSize: q.pageSize,
        unread: q.unread ? 'true' : undefined,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMarkRead() {
  return useMutation({
    mutationFn: (id: string) => api.post<NotificationView>(`/api/notifications/${id}/read`),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/api/notifications/read-all'),
    onSuccess: invalidate,
  });
}
