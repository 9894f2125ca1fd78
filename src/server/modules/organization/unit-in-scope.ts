import type { Kysely, Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';

/**
 * The active unit a caller may record business rows for (its own unit, or any of the district for the center),
 * or undefined. Leads, projects, sources, events and targets all ask this before writing a row for a unit;
 * each throws its own feature's error when the answer is no.
 */
export async function activeUnitInScope(
  q: Kysely<DB> | Transaction<DB>,
  scope: DataScope,
  unitId: string,
): Promise<{ id: string; districtId: string; name: string } | undefined> {
  return q
    .selectFrom('units')
    .select(['id', 'districtId', 'name'])
    .where('id', '=', unitId)
    .where('active', '=', true)
    .where(inScope(scope, { district: 'district_id', unit: 'id' }))
    .executeTakeFirst();
}
