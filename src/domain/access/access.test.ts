import { describe, expect, it } from 'vitest';
import { hasPermission, permissionsOf, ROLE_PERMISSIONS } from './permissions.js';
import { BUSINESS_ROLES, checkRoleSet, SECURITY_ROLES } from './roles.js';
import { orgReach, resolveScope } from './scope.js';

const subject = { unitId: 'u1', districtId: 'd1', cityId: 'c1' };

describe('checkRoleSet', () => {
  it('accepts several business roles', () => {
    expect(checkRoleSet(['unit_reporter', 'unit_head'])).toBeNull();
  });
  it('refuses two of the three security roles', () => {
    expect(checkRoleSet(['sys_admin', 'auditor'])?.code).toBe('roles.two_security_roles');
  });
  it('refuses a security role mixed with a business role', () => {
    expect(checkRoleSet(['security_admin', 'leader'])?.code).toBe('roles.security_mixed_with_business');
  });
});

describe('permissions', () => {
  it('give none of the security roles a business permission beyond reading the org chart', () => {
    for (const role of SECURITY_ROLES) {
      expect(ROLE_PERMISSIONS[role]).not.toContain('organization.read_business' as never);
    }
    expect(hasPermission(['sys_admin'], 'audit.read')).toBe(false);
    expect(hasPermission(['auditor'], 'users.manage')).toBe(false);
    expect(hasPermission(['security_admin'], 'users.manage')).toBe(false);
  });
  it('unite the permissions of several roles', () => {
    expect(permissionsOf(['unit_head', 'unit_reporter']).has('users.read')).toBe(true);
  });
});

describe('resolveScope', () => {
  it('gives the center, leaders and supervisors the district', () => {
    for (const role of ['center_admin', 'leader', 'supervisor'] as const) {
      expect(resolveScope({ ...subject, roles: [role] })).toEqual({ kind: 'district', districtIds: ['d1'] });
    }
  });
  it('gives reporters and unit heads their own unit', () => {
    expect(resolveScope({ ...subject, roles: ['unit_reporter'] })).toEqual({
      kind: 'unit',
      districtId: 'd1',
      unitIds: ['u1'],
    });
  });
  it('gives department handlers their assigned items', () => {
    expect(resolveScope({ ...subject, roles: ['department_handler'] }).kind).toBe('assigned');
  });
  it('gives city viewers the city', () => {
    expect(resolveScope({ ...subject, roles: ['city_viewer'] })).toEqual({ kind: 'city', cityId: 'c1' });
  });
  it('gives the security roles no business data', () => {
    for (const role of SECURITY_ROLES)
      expect(resolveScope({ ...subject, roles: [role] })).toEqual({ kind: 'none' });
  });
  it('takes the widest scope of several roles', () => {
    expect(resolveScope({ ...subject, roles: ['unit_reporter', 'leader'] }).kind).toBe('district');
  });
  it('covers every business role', () => {
    for (const role of BUSINESS_ROLES)
      expect(resolveScope({ ...subject, roles: [role] }).kind).not.toBe('none');
  });
});

describe('orgReach', () => {
  it('lets the security roles run the whole city and keeps others in their district or unit', () => {
    expect(orgReach({ ...subject, roles: ['sys_admin'] }).kind).toBe('city');
    expect(orgReach({ ...subject, roles: ['center_admin'] }).kind).toBe('district');
    expect(orgReach({ ...subject, roles: ['unit_head'] })).toEqual({
      kind: 'unit',
      districtId: 'd1',
      unitId: 'u1',
    });
  });
});
