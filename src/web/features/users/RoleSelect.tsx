import { Select } from 'antd';
import {
  BUSINESS_ROLES,
  checkRoleSet,
  ROLE_LABELS,
  type Role,
  type RoleSetProblem,
  SECURITY_ROLES,
} from '../../../domain/access/roles.js';
import { type Lang, useLang, useT } from '../../app/i18n.js';
import { usersMessages } from './users.messages.js';

type T = (typeof usersMessages)['zh'];

export function describeRoleSetProblem(problem: RoleSetProblem, t: T, lang: Lang): string {
  switch (problem.code) {
    case 'roles.empty':
      return t.rolesEmpty;
    case 'roles.two_security_roles':
      return t.rolesTwoSecurity(problem.roles.map((r) => ROLE_LABELS[r][lang]).join(lang === 'zh' ? '、' : ', '));
    case 'roles.security_mixed_with_business':
      return t.rolesMixed(ROLE_LABELS[problem.role][lang]);
  }
}

/** The 三员 rule as an antd Form rule, so the error shows inline as roles are picked. */
export function roleSetRule(t: T, lang: Lang) {
  return {
    validator: async (_: unknown, value: Role[] | undefined) => {
      const problem = checkRoleSet(value ?? []);
      if (problem) throw new Error(describeRoleSetProblem(problem, t, lang));
    },
  };
}

/**
 * Business roles need users.manage, the 三员 roles need roles.manage_security: options the viewer may not
 * grant are shown disabled, so the viewer still sees what a user holds.
 */
export function RoleSelect(props: {
  value?: Role[];
  onChange?: (roles: Role[]) => void;
  id?: string;
  canGrantBusiness: boolean;
  canGrantSecurity: boolean;
}) {
  const t = useT(usersMessages);
  const lang = useLang();
  const option = (role: Role, disabled: boolean) => ({ value: role, label: ROLE_LABELS[role][lang], disabled });
  return (
    <Select<Role[]>
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      optionFilterProp="label"
      options={[
        { label: t.businessRoles, options: BUSINESS_ROLES.map((r) => option(r, !props.canGrantBusiness)) },
        {
          label: props.canGrantSecurity ? t.securityRoles : `${t.securityRoles} · ${t.securityRolesLocked}`,
          options: SECURITY_ROLES.map((r) => option(r, !props.canGrantSecurity)),
        },
      ]}
    />
  );
}
