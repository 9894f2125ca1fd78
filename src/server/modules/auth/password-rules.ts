import {
  checkPassword,
  describePasswordProblem,
  type SecurityPolicy,
} from '../../../domain/accounts/password-policy.js';
import { AppError } from '../../http/errors.js';
import { isCommonPassword } from './password-hasher.js';

/** Throws a field error naming every rule the new password breaks. */
export function assertPasswordAcceptable(
  password: string,
  policy: SecurityPolicy,
  username: string,
  field: string,
): void {
  const problems = checkPassword(password, policy, { username, isCommon: isCommonPassword });
  if (problems.length === 0) return;
  const texts = problems.map(describePasswordProblem);
  const message = texts.map((t) => t.en).join(' ');
  const messageZh = texts.map((t) => t.zh).join('');
  throw new AppError(
    400,
    'auth.password_policy',
    `The password is not acceptable: ${message}`,
    `密码不符合要求：${messageZh}`,
    {
      [field]: { message, messageZh },
    },
  );
}
