import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf } from '../../http/request-context.js';
import {
  type NotificationsService,
  notificationListQuery,
  notificationSchema,
} from './notifications.service.js';

const notificationIdParams = z.object({ notificationId: z.string().uuid() });

export function registerNotificationsRoutes(app: FastifyInstance, svc: NotificationsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/notifications',
    {
      config: { access: { permission: 'authenticated' } },
      schema: {
        tags: ['notifications'],
        summary: 'The caller’s own notices, newest first (unread=true for unread only)',
        querystring: notificationListQuery,
        response: {
          200: z.object({
            items: z.array(notificationSchema),
            total: z.number().int(),
            unread: z.number().int(),
          }),
        },
      },
    },
    async (req) => svc.list(authOf(req).user.id, req.query),
  );

  r.get(
    '/api/notifications/unread-count',
    {
      config: { access: { permission: 'authenticated' } },
      schema: {
        tags: ['notifications'],
        summary: 'How many of the caller’s notices are unread (the bell’s badge)',
        response: { 200: z.object({ unread: z.number().int() }) },
      },
    },
    async (req) => ({ unread: await svc.unreadCount(authOf(req).user.id) }),
  );

  r.post(
    '/api/notifications/:notificationId/read',
    {
      config: { access: { permission: 'authenticated' }, action: 'notifications.read' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of the caller’s notices read',
        params: notificationIdParams,
        response: { 200: notificationSchema },
      },
    },
    async (req) => svc.markRead(authOf(req).user.id, actorOf(req), req.params.notificationId),
  );

  r.post(
    '/api/notifications/read-all',
    {
      config: { access: { permission: 'authenticated' }, action: 'notifications.read_all' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark all the caller’s notices read',
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (req) => svc.markAllRead(authOf(req).user.id, actorOf(req)),
  );
}
