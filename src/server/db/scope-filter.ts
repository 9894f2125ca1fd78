import { type RawBuilder, sql } from 'kysely';
import type { DataScope } from '../../domain/access/scope.js';

/**
 * The WHERE condition that confines a query on business rows to a caller's data scope. Every business
 * repository filters through this, with the row's own district and unit columns, so scope is decided once
 * (domain/access/scope.ts) and applied the same way everywhere.
 */
export function inScope(scope: DataScope, cols: { district: string; unit: string }): RawBuilder<boolean> {
  const district = sql.ref(cols.district);
  const unit = sql.ref(cols.unit);
  // One district (or unit) is written as `=`, not `= any(array)`: only then can PostgreSQL read a list in the
  // order of an index such as (district_id, updated_at) and stop after a page, instead of sorting them all.
  switch (scope.kind) {
    case 'district':
      return scope.districtIds.length === 1
        ? sql<boolean>`${district} = ${scope.districtIds[0]}`
        : sql<boolean>`${district} = any(${scope.districtIds}::uuid[])`;
    case 'unit':
      return scope.unitIds.length === 1
        ? sql<boolean>`(${district} = ${scope.districtId} and ${unit} = ${scope.unitIds[0]})`
        : sql<boolean>`(${district} = ${scope.districtId} and ${unit} = any(${scope.unitIds}::uuid[]))`;
    case 'assigned':
      // Items assigned across units arrive with the landing-service tables; until then, the own unit.
      return sql<boolean>`(${district} = ${scope.districtId} and ${unit} = ${scope.unitId})`;
    case 'city':
    case 'none':
      return sql<boolean>`false`;
  }
}

/**
 * Reading rule for rows a unit may mark shared (共享招商信息, DOMAIN §1): what `inScope` reaches, plus every
 * shared row of the caller's own district. Writing stays with `inScope`: a shared row is read-only to others.
 */
export function inScopeOrShared(
  scope: DataScope,
  cols: { district: string; unit: string; shared: string },
): RawBuilder<boolean> {
  const own = inScope(scope, cols);
  switch (scope.kind) {
    case 'unit':
    case 'assigned':
      return sql<boolean>`(${own} or (${sql.ref(cols.district)} = ${scope.districtId} and ${sql.ref(cols.shared)}))`;
    default:
      return own;
  }
}
