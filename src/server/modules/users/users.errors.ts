import { AppError, httpErrors } from '../../http/errors.js';

export const usersErrors = {
  notFound: () => httpErrors.notFound('User', '用户', 'users.not_found'),
  usernameTaken: (username: string) =>
    httpErrors.conflict(
      'users.username_taken',
      `The user name "${username}" is already taken.`,
      `用户名“${username}”已被使用。`,
      {
        username: { message: 'Already taken.', messageZh: '该用户名已被使用。' },
      },
    ),
  unitNotFound: () =>
    new AppError(
      400,
      'users.unit_invalid',
      'Choose an active unit you manage.',
      '请选择您管理范围内的启用单位。',
      {
        unitId: { message: 'Choose an active unit you manage.', messageZh: '请选择您管理范围内的启用单位。' },
      },
    ),
  securityAccount: () =>
    new AppError(
      409,
      'users.security_account',
      'This is a system/security/audit administrator account: it holds no business roles, and only the security administrator changes its role.',
      '该账户为三员账户（系统/安全/审计管理员），不能兼任业务角色，其角色只能由安全管理员调整。',
      {
        roles: {
          message: 'A security account holds no business roles.',
          messageZh: '三员账户不能兼任业务角色。',
        },
      },
    ),
  securityAccountProtected: () =>
    new AppError(
      403,
      'users.security_account_protected',
      "A system administrator cannot reset a security or audit administrator's password (三员分立); use the server's admin:reset-password command.",
      '系统管理员不能重置三员账户的密码（三员分立），请在服务器上使用 admin:reset-password 命令。',
    ),
  hasBusinessRoles: () =>
    new AppError(
      409,
      'users.has_business_roles',
      'Remove the business roles of this account before making it a system, security or audit administrator.',
      '请先移除该账户的业务角色，再授予三员角色。',
      { role: { message: 'The account still has business roles.', messageZh: '该账户仍有业务角色。' } },
    ),
  notYourself: () =>
    new AppError(
      409,
      'users.not_on_yourself',
      'You cannot do this to your own account.',
      '不能对自己的账户执行此操作。',
    ),
};
