import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';

// A user's own notification centre. Every query is filtered by the caller's user id and nothing else: a notice
// is never shown to, nor marked read by, anyone but its recipient (another user's id → 404).

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  dueOn: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationListQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const notFound = () => new AppError(404, 'notifications.not_found', 'Notification not found', '通知不存在');

export function createNotificationsService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  const present = (r: {
    id: string;
    kind: string;
    subjectType: string;
    subjectId: string | null;
    title: string;
    body: string | null;
    link: string | null;
    dueOn: string | null;
    createdAt: Date;
    readAt: Date | null;
  }): NotificationView => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
  });

  async function list(userId: string, q: z.infer<typeof notificationListQuery>) {
    const base = db
      .selectFrom('notifications')
      .where('userId', '=', userId)
      .$if(q.unread, (b) => b.where('readAt', 'is', null));
    const [rows, total, unread] = await Promise.all([
      base
        .select([
          'id',
          'kind',
          'subjectType',
          'subjectId',
          'title',
          'body',
          'link',
          'dueOn',
          'createdAt',
          'readAt',
        ])
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      unreadCount(userId),
    ]);
    return { items: rows.map(present), total: Number(total.n), unread };
  }

  async function unreadCount(userId: string): Promise<number> {
    const r = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function markRead(userId: string, actor: AuditActor, id: string) {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('notifications')
        .set((eb) => ({ readAt: eb.fn.coalesce('readAt', eb.val(now())) }))
        .where('id', '=', id)
        .where('userId', '=', userId)
        .returning([
          'id',
          'kind',
          'subjectType',
          'subjectId',
          'title',
          'body',
          'link',
          'dueOn',
          'createdAt',
          'readAt',
        ])
        .executeTakeFirst();
      if (!row) throw notFound();
      await audit.append(trx, actor, {
        action: 'notifications.read',
        objectType: 'notification',
        objectId: id,
        result: 'success',
      });
      return present(row);
    });
  }

  async function markAllRead(userId: string, actor: AuditActor) {
    return db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('notifications')
        .set({ readAt: now() })
        .where('userId', '=', userId)
        .where('readAt', 'is', null)
        .executeTakeFirst();
      const marked = Number(r.numUpdatedRows);
      await audit.append(trx, actor, {
        action: 'notifications.read_all',
        objectType: 'user',
        objectId: userId,
        result: 'success',
        detail: `${marked} marked read`,
      });
      return { marked };
    });
  }

  return { list, unreadCount, markRead, markAllRead };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
