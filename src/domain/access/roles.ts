// Roles of DOMAIN §1. A user may hold several business roles; the three security roles (三员) are exclusive.

export const BUSINESS_ROLES = [
  'center_admin',
  'unit_reporter',
  'unit_head',
  'leader',
  'supervisor',
  'department_handler',
  'city_viewer',
] as const;

export const SECURITY_ROLES = ['sys_admin', 'security_admin', 'auditor'] as const;

export const ROLES = [...BUSINESS_ROLES, ...SECURITY_ROLES] as const;

export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type SecurityRole = (typeof SECURITY_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  center_admin: { zh: '投促中心管理员', en: 'Promotion center administrator' },
  unit_reporter: { zh: '单位填报员', en: 'Unit reporter' },
  unit_head: { zh: '单位负责人', en: 'Unit head' },
  leader: { zh: '区领导', en: 'District leader' },
  supervisor: { zh: '督查室', en: 'Supervision office' },
  department_handler: { zh: '协办部门', en: 'Department handler' },
  city_viewer: { zh: '市级查看', en: 'City viewer' },
  sys_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '审计管理员', en: 'Auditor' },
};

export function isSecurityRole(role: Role): role is SecurityRole {
  return (SECURITY_ROLES as readonly string[]).includes(role);
}

export type RoleSetProblem =
  | { code: 'roles.empty' }
  | { code: 'roles.two_security_roles'; roles: SecurityRole[] }
  | { code: 'roles.security_mixed_with_business'; role: SecurityRole };

/**
 * 三员分立: no account holds two of sys_admin / security_admin / auditor, and a security account holds no
 * business role, so that none of them reads business data (MLPS 2.0 level 3).
 */
export function checkRoleSet(roles: readonly Role[]): RoleSetProblem | null {
  if (roles.length === 0) return { code: 'roles.empty' };
  const security = roles.filter(isSecurityRole);
  if (security.length > 1) return { code: 'roles.two_security_roles', roles: security };
  if (security.length === 1 && roles.length > 1) {
    return { code: 'roles.security_mixed_with_business', role: security[0]! };
  }
  return null;
}
