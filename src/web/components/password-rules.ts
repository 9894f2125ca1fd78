import {
  checkPassword,
  describePasswordProblem,
  type PasswordProblem,
  type SecurityPolicy,
} from '../../domain/accounts/password-policy.js';
import type { Lang } from '../app/i18n.js';

export type PasswordPolicyNumbers = Pick<SecurityPolicy, 'passwordMinLength' | 'passwordMinClasses'>;

export interface PasswordRuleState {
  key: string;
  text: string;
  ok: boolean;
}

/** The rules as a checklist (passing ones too), worded by the domain's describePasswordProblem. */
export function passwordChecklist(
  password: string,
  policy: PasswordPolicyNumbers,
  username: string | undefined,
  lang: Lang,
): PasswordRuleState[] {
  const problems = checkPassword(password, policy, { username });
  const failed = (code: PasswordProblem['code']) => problems.some((p) => p.code === code);
  const rules: PasswordRuleState[] = [
    {
      key: 'too_short',
      text: describePasswordProblem({ code: 'too_short', min: policy.passwordMinLength })[lang],
      ok: password.length > 0 && !failed('too_short'),
    },
    {
      key: 'too_few_classes',
      text: describePasswordProblem({ code: 'too_few_classes', min: policy.passwordMinClasses })[lang],
      ok: password.length > 0 && !failed('too_few_classes'),
    },
  ];
  if (username && username.trim().length >= 3) {
    rules.push({
      key: 'contains_username',
      text: describePasswordProblem({ code: 'contains_username' })[lang],
      ok: password.length > 0 && !failed('contains_username'),
    });
  }
  for (const p of problems) {
    if (!rules.some((r) => r.key === p.code)) {
      rules.push({ key: p.code, text: describePasswordProblem(p)[lang], ok: false });
    }
  }
  return rules;
}

/** An antd Form rule running the same checks as the server (minus the common-password list). */
export function passwordRule(
  policy: PasswordPolicyNumbers,
  getUsername: () => string | undefined,
  lang: Lang,
) {
  return {
    validator: async (_: unknown, value: unknown) => {
      const password = typeof value === 'string' ? value : '';
      if (!password) return;
      const problems = checkPassword(password, policy, { username: getUsername() });
      if (problems.length > 0)
        throw new Error(problems.map((p) => describePasswordProblem(p)[lang]).join(' '));
    },
  };
}
