import { z } from 'zod';

// Each number here is a default the security administrator can change (MLPS 2.0 level 3 practice).
export const securityPolicySchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(3).max(4),
  passwordMaxAgeDays: z.number().int().min(0).max(3650), // 0 = never expires
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutWindowMinutes: z.number().int().min(1).max(1440),
  lockoutDurationMinutes: z.number().int().min(1).max(1440),
  ipThrottleMaxFailures: z.number().int().min(5).max(10000),
  ipThrottleWindowMinutes: z.number().int().min(1).max(1440),
  sessionIdleMinutes: z.number().int().min(5).max(240),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutWindowMinutes: 15,
  lockoutDurationMinutes: 30,
  ipThrottleMaxFailures: 50,
  ipThrottleWindowMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
};

/** bcrypt-era systems truncated at 72 bytes; we hash the whole string and only cap it to bound hashing work. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem =
  | { code: 'too_short'; min: number }
  | { code: 'too_long'; max: number }
  | { code: 'too_few_classes'; min: number }
  | { code: 'common' }
  | { code: 'contains_username' };

export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

/**
 * Checks a new password against the policy. `isCommon` is passed in so that the (large) list stays on the
 * server while the web form can run the same rules without it.
 */
export function checkPassword(
  password: string,
  policy: Pick<SecurityPolicy, 'passwordMinLength' | 'passwordMinClasses'>,
  opts: { username?: string; isCommon?: (p: string) => boolean } = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < policy.passwordMinLength) problems.push({ code: 'too_short', min: policy.passwordMinLength });
  if (length > PASSWORD_MAX_LENGTH) problems.push({ code: 'too_long', max: PASSWORD_MAX_LENGTH });
  if (characterClasses(password) < policy.passwordMinClasses) {
    problems.push({ code: 'too_few_classes', min: policy.passwordMinClasses });
  }
  const username = opts.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) {
    problems.push({ code: 'contains_username' });
  }
  if (opts.isCommon?.(password)) problems.push({ code: 'common' });
  return problems;
}

export function describePasswordProblem(p: PasswordProblem): { en: string; zh: string } {
  switch (p.code) {
    case 'too_short':
      return { en: `Use at least ${p.min} characters.`, zh: `密码至少 ${p.min} 位。` };
    case 'too_long':
      return { en: `Use at most ${p.max} characters.`, zh: `密码最多 ${p.max} 位。` };
    case 'too_few_classes':
      return {
        en: `Mix at least ${p.min} of: lower-case letters, upper-case letters, digits, symbols.`,
        zh: `须包含小写字母、大写字母、数字、符号中的至少 ${p.min} 类。`,
      };
    case 'common':
      return { en: 'This password is too common; choose another.', zh: '该密码过于常见，请换一个。' };
    case 'contains_username':
      return { en: 'The password must not contain the user name.', zh: '密码不能包含用户名。' };
  }
}
