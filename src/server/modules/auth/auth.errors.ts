import { AppError } from '../../http/errors.js';

export const authErrors = {
  // One message for unknown user and wrong password, so the response tells an attacker nothing.
  invalidCredentials: () =>
    new AppError(401, 'auth.invalid_credentials', 'Wrong user name or password.', '用户名或密码错误。'),
  locked: (minutes: number) =>
    new AppError(
      423,
      'auth.account_locked',
      `Too many failed sign-ins: this account is locked for ${minutes} minutes. Try later or ask the system administrator to unlock it.`,
      `登录失败次数过多，账户已锁定 ${minutes} 分钟。请稍后再试，或联系系统管理员解锁。`,
    ),
  ipThrottled: (minutes: number) =>
    new AppError(
      429,
      'auth.too_many_attempts',
      `Too many failed sign-ins from your address; try again in ${minutes} minutes.`,
      `您所在地址登录失败次数过多，请 ${minutes} 分钟后再试。`,
      undefined,
      { 'retry-after': String(minutes * 60) },
    ),
  disabled: () =>
    new AppError(
      403,
      'auth.account_disabled',
      'This account is disabled; ask the system administrator.',
      '该账户已停用，请联系系统管理员。',
    ),
  wrongCurrentPassword: () =>
    new AppError(400, 'auth.wrong_current_password', 'The current password is wrong.', '当前密码不正确。', {
      currentPassword: { message: 'The current password is wrong.', messageZh: '当前密码不正确。' },
    }),
  samePassword: () =>
    new AppError(
      400,
      'auth.password_unchanged',
      'Choose a password different from the current one.',
      '新密码不能与当前密码相同。',
      {
        newPassword: {
          message: 'Choose a password different from the current one.',
          messageZh: '新密码不能与当前密码相同。',
        },
      },
    ),
};
