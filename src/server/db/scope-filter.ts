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
      // A department handler's own unit; rows assigned to the department are read through inScopeOrAssigned.
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

/**
 * Reading rule for landing-service rows that a department works on (pre-review opinions, procedures, problems,
 * commitments): what `inScope` reaches, plus, for a unit or a department handler, every row of its district
 * whose `department` column names the caller's unit. So 自然资源和规划局 sees the problems assigned to it in any
 * town's project, and nothing else of that project. Writing on such rows is checked by the service against the
 * same column (a department acts only on what is assigned to it).
 */
export function inScopeOrAssigned(
  scope: DataScope,
  cols: { district: string; unit: string; department: string },
): RawBuilder<boolean> {
  const own = inScope(scope, cols);
  const district = sql.ref(cols.district);
  const department = sql.ref(cols.department);
  switch (scope.kind) {
    case 'unit':
      return sql<boolean>`(${own} or (${district} = ${scope.districtId} and ${department} = any(${scope.unitIds}::uuid[])))`;
    case 'assigned':
      return sql<boolean>`(${own} or (${district} = ${scope.districtId} and ${department} = ${scope.unitId}))`;
    default:
      return own;
  }
}
