import { type RawBuilder, sql } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { inScope } from '../../db/scope-filter.js';

/**
 * Who READS an event (issue 7 design, Access): the units in scope of its organising unit (center, leaders and
 * supervisors: the whole district), plus, for a unit's people, every event of their district their unit takes
 * part in (participant_unit_ids) or owes a follow-up task of (紧盯不放: the owner must see what to follow up).
 * Writing stays with `inScope` on the organising unit. `alias` is the promotion_events alias in the query.
 */
export function eventReadable(scope: DataScope, alias = 'pe'): RawBuilder<boolean> {
  const col = (c: string) => `${alias}.${c}`;
  const own = inScope(scope, { district: col('district_id'), unit: col('unit_id') });
  const units = scope.kind === 'unit' ? scope.unitIds : scope.kind === 'assigned' ? [scope.unitId] : null;
  if (!units) return own;
  const district = scope.kind === 'unit' || scope.kind === 'assigned' ? scope.districtId : '';
  return sql<boolean>`(${own} or (${sql.ref(col('district_id'))} = ${district} and (
      ${sql.ref(col('participant_unit_ids'))} && ${units}::uuid[]
      or exists (select 1 from event_tasks et
                  where et.event_id = ${sql.ref(col('id'))} and et.owner_unit_id = any(${units}::uuid[])))))`;
}

/** The organising unit is within the caller's scope: with pipeline.write, they may change the event. */
export function eventWritable(scope: DataScope, alias = 'pe'): RawBuilder<boolean> {
  return inScope(scope, { district: `${alias}.district_id`, unit: `${alias}.unit_id` });
}
