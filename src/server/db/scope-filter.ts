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
  switch (scope.kind) {
    case 'district':
      return sql<boolean>`${district} = any(${scope.districtIds}::uuid[])`;
    case 'unit':
      return sql<boolean>`(${district} = ${scope.districtId} and ${unit} = any(${scope.unitIds}::uuid[]))`;
    case 'assigned':
      // Items assigned across units arrive with the landing-service tables; until then, the own unit.
      return sql<boolean>`(${district} = ${scope.districtId} and ${unit} = ${scope.unitId})`;
    case 'city':
    case 'none':
      return sql<boolean>`false`;
  }
}
