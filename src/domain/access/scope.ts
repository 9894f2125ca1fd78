import type { Role } from './roles.js';

/**
 * How far a caller's reading of business data reaches (DOMAIN §1). Later modules (projects, leads, …) ask
 * for this and never decide scope themselves.
 * - `district`: the whole district (center, leaders, supervisors)
 * - `unit`: the caller's own unit (reporters, unit heads)
 * - `assigned`: items assigned to the caller's department, plus its own unit (department handlers)
 * - `city`: rankings of every district of the city (city viewers)
 * - `none`: the three security roles, which read no business data by default
 */
export type DataScope =
  | { kind: 'district'; districtIds: string[] }
  | { kind: 'unit'; districtId: string; unitIds: string[] }
  | { kind: 'assigned'; districtId: string; unitId: string }
  | { kind: 'city'; cityId: string }
  | { kind: 'none' };

export interface ScopeSubject {
  roles: readonly Role[];
  unitId: string;
  districtId: string;
  cityId: string | null;
}

export function resolveScope(subject: ScopeSubject): DataScope {
  const r = new Set(subject.roles);
  if (r.has('center_admin') || r.has('leader') || r.has('supervisor')) {
    return { kind: 'district', districtIds: [subject.districtId] };
  }
  if (r.has('unit_reporter') || r.has('unit_head')) {
    return { kind: 'unit', districtId: subject.districtId, unitIds: [subject.unitId] };
  }
  if (r.has('department_handler')) {
    return { kind: 'assigned', districtId: subject.districtId, unitId: subject.unitId };
  }
  if (r.has('city_viewer') && subject.cityId) return { kind: 'city', cityId: subject.cityId };
  return { kind: 'none' };
}

/** The districts a scope reads business rows in: its own district for units and departments, none for city
 * viewers and the security roles. */
export function scopeDistricts(scope: DataScope): string[] {
  switch (scope.kind) {
    case 'district':
      return scope.districtIds;
    case 'unit':
    case 'assigned':
      return [scope.districtId];
    default:
      return [];
  }
}

/**
 * How far a caller reaches over organisation data (units, accounts). The security roles run the platform
 * for the whole city; everyone else stays in their district, and a unit head sees only their own unit.
 */
export type OrgReach =
  | { kind: 'city'; cityId: string; districtId: string }
  | { kind: 'district'; districtId: string }
  | { kind: 'unit'; districtId: string; unitId: string };

export function orgReach(subject: ScopeSubject): OrgReach {
  const r = new Set(subject.roles);
  if ((r.has('sys_admin') || r.has('security_admin') || r.has('auditor')) && subject.cityId) {
    return { kind: 'city', cityId: subject.cityId, districtId: subject.districtId };
  }
  if (
    r.has('center_admin') ||
    r.has('leader') ||
    r.has('supervisor') ||
    r.has('sys_admin') ||
    r.has('security_admin') ||
    r.has('auditor')
  ) {
    return { kind: 'district', districtId: subject.districtId };
  }
  if (r.has('unit_head')) return { kind: 'unit', districtId: subject.districtId, unitId: subject.unitId };
  return { kind: 'district', districtId: subject.districtId };
}
