import {
  type BusinessRole,
  checkRoleSet,
  isSecurityRole,
  ROLE_LABELS,
  type Role,
  type RoleSetProblem,
  type SecurityRole,
} from '../../../domain/access/roles.js';
import type { Lang } from '../../app/i18n.js';
import type { usersMessages } from './users.messages.js';

type T = (typeof usersMessages)['zh'];

export function splitRoles(roles: readonly Role[]): { business: BusinessRole[]; security: SecurityRole[] } {
  return {
    business: roles.filter((r): r is BusinessRole => !isSecurityRole(r)),
    security: roles.filter(isSecurityRole),
  };
}
export function describeRoleSetProblem(problem: RoleSetProblem, t: T, lang: Lang): string {
  switch (problem.code) {
    case 'roles.empty':
      return t.rolesEmpty;
    case 'roles.two_security_roles':
      return t.rolesTwoSecurity(
        problem.roles.map((r) => ROLE_LABELS[r][lang]).join(lang === 'zh' ? '、' : ', '),
      );
    case 'roles.security_mixed_with_business':
      return t.rolesMixed(ROLE_LABELS[problem.role][lang]);
  }
}

/**
 * The 三员 rule (checkRoleSet) as an antd Form rule, so the error shows inline while roles are picked.
 * `alsoHeld` are the roles the account keeps whatever this field says. An empty set is allowed: an account
 * may wait without roles until the security administrator grants it a 三员 role.
 */
export function roleSetRule(t: T, lang: Lang, alsoHeld: readonly Role[] = []) {
  return {
    validator: async (_: unknown, value: readonly Role[] | undefined) => {
      const roles = [...alsoHeld, ...(value ?? [])];
      const problem = roles.length === 0 ? null : checkRoleSet(roles);
      if (problem) throw new Error(describeRoleSetProblem(problem, t, lang));
    },
  };
}
