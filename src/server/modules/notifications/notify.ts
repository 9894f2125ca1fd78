import { sql, type Transaction } from 'kysely';
import type { Role } from '../../../domain/access/roles.js';
import type { DB } from '../../db/schema.js';

// Writing into users' notification centres. Every module that tells someone something (a problem assigned to a
// department, a reply for the unit, a supervision notice, the reminder job's due and overdue items) calls these,
// inside its own transaction, so a notice exists exactly when the thing it announces was committed.

export interface NotificationInput {
  /** e.g. 'problem.assigned', 'problem.overdue', 'commitment.due_soon' */
  kind: string;
  subjectType: string;
  subjectId: string | null;
  title: string;
  body?: string | null;
  /** In-app path the notice opens, e.g. `/landing/problems/<id>`. */
  link: string;
  dueOn?: string | null;
  /**
   * Names the occasion, unique per recipient: the same key never notifies the same user twice, however often
   * the job runs and on however many servers. Include what makes the occasion new (e.g. the deadline).
   */
  dedupeKey: string;
}

/** Notifies each user once per dedupe key; returns the rows actually created (already-told users are skipped). */
export async function notifyUsers(
  trx: Transaction<DB>,
  districtId: string,
  userIds: readonly string[],
  n: NotificationInput,
  at: Date,
): Promise<{ id: string; userId: string }[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  return trx
    .insertInto('notifications')
    .values(
      unique.map((userId) => ({
        districtId,
        userId,
        kind: n.kind,
        subjectType: n.subjectType,
        subjectId: n.subjectId,
        title: n.title.slice(0, 200),
        body: n.body ? n.body.slice(0, 1000) : null,
        link: n.link,
        dueOn: n.dueOn ?? null,
        dedupeKey: n.dedupeKey,
        createdAt: at,
      })),
    )
    .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
    .returning(['id', 'userId'])
    .execute();
}

/** Active accounts of a unit holding any of the roles (e.g. a department's handlers, a town's reporters and head). */
export async function unitRecipients(
  trx: Transaction<DB>,
  unitId: string,
  roles: readonly Role[],
): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('users.id')
    .where('users.unitId', '=', unitId)
    .where('users.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('userRoles')
          .select(sql`1`.as('one'))
          .whereRef('userRoles.userId', '=', 'users.id')
          .where('userRoles.role', 'in', [...roles]),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Active accounts of the whole district holding any of the roles (the center, leaders, the supervision office). */
export async function districtRecipients(
  trx: Transaction<DB>,
  districtId: string,
  roles: readonly Role[],
): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select('users.id')
    .distinct()
    .where('users.districtId', '=', districtId)
    .where('users.status', '=', 'active')
    .where('userRoles.role', 'in', [...roles])
    .execute();
  return rows.map((r) => r.id);
}

/** Who works a unit's landing items: a department's handlers, a town's or park's reporters and head. */
export const UNIT_WORKERS: readonly Role[] = ['unit_reporter', 'unit_head'];
export const DEPARTMENT_HANDLERS: readonly Role[] = ['department_handler'];

/**
 * Queues the outbound copies (email / SMS / 企业微信) of notices just created, in the same transaction, so a
 * message exists exactly when its notice does; `deliverOutbound` posts them later through the webhook adapter.
 * The recipient is the user's account name: the district's gateway maps it to an address or phone.
 */
export async function enqueueOutbound(
  trx: Transaction<DB>,
  districtId: string,
  created: readonly { id: string; userId: string }[],
  n: Pick<NotificationInput, 'title' | 'body' | 'link'>,
  channels: readonly ('email' | 'sms' | 'wecom')[],
  at: Date,
): Promise<number> {
  if (created.length === 0 || channels.length === 0) return 0;
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username'])
    .where(
      'id',
      'in',
      created.map((c) => c.userId),
    )
    .execute();
  const nameOf = new Map(users.map((u) => [u.id, u.username]));
  const rows = created.flatMap((c) =>
    channels.map((channel) => ({
      districtId,
      notificationId: c.id,
      channel,
      recipientUserId: c.userId,
      recipient: nameOf.get(c.userId) ?? '',
      title: n.title.slice(0, 200),
      body: n.body ?? null,
      link: n.link,
      nextAttemptAt: at,
      sentAt: null,
      lastError: null,
      createdAt: at,
    })),
  );
  await trx.insertInto('outboundMessages').values(rows).execute();
  return rows.length;
}
