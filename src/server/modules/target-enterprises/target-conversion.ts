import type { Transaction } from 'kysely';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';

/**
 * A lead or project entered for an enterprise the district pursues as a target means the pursuit produced
 * something: the target becomes 已转化 and its history says which record did it. Runs in the transaction that
 * creates the lead or project, so both happen or neither. A dropped target stays dropped (someone decided to
 * stop); one already converted is left alone.
 */
export async function markTargetConverted(
  trx: Transaction<DB>,
  audit: AuditRepository,
  actor: AuditActor,
  o: {
    districtId: string;
    enterpriseId: string;
    /** what came of it, as the history shows it: 线索「…」 / 项目「…」 */
    what: string;
    user: { id: string; username: string };
    at: Date;
  },
): Promise<void> {
  const target = await trx
    .updateTable('targetEnterprises')
    .set((eb) => ({ status: 'converted', version: eb('version', '+', 1), updatedAt: o.at }))
    .where('districtId', '=', o.districtId)
    .where('enterpriseId', '=', o.enterpriseId)
    .where('status', 'not in', ['converted', 'dropped'])
    .returning(['id', 'status'])
    .executeTakeFirst();
  if (!target) return;
  await trx
    .insertInto('targetEnterpriseEvents')
    .values({
      districtId: o.districtId,
      targetId: target.id,
      kind: 'status',
      onDate: chinaToday(o.at),
      note: `已形成${o.what}，状态改为已转化`,
      userId: o.user.id,
      username: o.user.username,
      at: o.at,
    })
    .execute();
  await audit.append(trx, actor, {
    action: 'target_enterprises.converted',
    objectType: 'target_enterprise',
    objectId: target.id,
    result: 'success',
    changes: diffFields({ status: 'pursuing' }, { status: 'converted' }),
  });
}
