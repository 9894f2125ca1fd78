import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SessionUser } from '../auth/auth.service.js';

/** Whether a caller belongs to the Investment Promotion Center (投促中心), which keeps the district's address book. */
export function isCenterUser(u: Pick<SessionUser, 'roles' | 'unitKind'>): boolean {
  return u.roles.includes('center_admin') || u.unitKind === 'center';
}

/**
 * The one rule for an enterprise's contact phone (issue: "in full only to the units that work with the
 * enterprise"): the center sees every number; any other caller sees in full only the enterprises their own
 * unit works with — a lead of their unit, or a project their unit is responsible for or cooperates on.
 * A leader or supervisor reads the whole district's projects but is not the one who calls the investor, so
 * district-wide reading alone does not unmask the phone. Everything else is shown masked.
 */
export async function enterprisesWithFullPhone(
  q: Kysely<DB> | Transaction<DB>,
  u: Pick<SessionUser, 'roles' | 'unitKind' | 'unitId' | 'districtId'>,
  enterpriseIds: readonly string[],
): Promise<Set<string>> {
  if (enterpriseIds.length === 0) return new Set();
  if (isCenterUser(u)) return new Set(enterpriseIds);
  const ids = [...enterpriseIds];
  const rows = await q
    .selectFrom('projects')
    .select('enterpriseId as id')
    .where('districtId', '=', u.districtId)
    .where('enterpriseId', 'in', ids)
    .where((eb) =>
      eb.or([eb('unitId', '=', u.unitId), eb(eb.val(u.unitId), '=', eb.fn.any('cooperatingUnitIds'))]),
    )
    .union(
      q
        .selectFrom('leads')
        .select('enterpriseId as id')
        .where('districtId', '=', u.districtId)
        .where('enterpriseId', 'in', ids)
        .where('unitId', '=', u.unitId),
    )
    .execute();
  return new Set(rows.map((r) => r.id).filter((id): id is string => id !== null));
}
