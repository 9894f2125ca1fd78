import type { ApiErrorBody, FieldError } from '../../domain/errors.js';

/** An error a person can act on: stable code, English and Chinese message, HTTP status that means it. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly fields?: Record<string, FieldError>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        messageZh: this.messageZh,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}

export const httpErrors = {
  notFound: (what: string, whatZh: string, code = 'common.not_found') =>
    new AppError(404, code, `${what} not found (or not visible to you).`, `${whatZh}不存在或无权查看。`),
  validation: (fields: Record<string, FieldError>, message = 'Some fields are invalid; see fields.') =>
    new AppError(400, 'validation.failed', message, '填写有误，请按提示修改。', fields),
  conflict: (code: string, message: string, messageZh: string, fields?: Record<string, FieldError>) =>
    new AppError(409, code, message, messageZh, fields),
  unauthenticated: () =>
    new AppError(
      401,
      'auth.required',
      'Sign in first (or your session has expired).',
      '请先登录（或会话已过期）。',
    ),
  forbidden: () =>
    new AppError(403, 'access.denied', 'Your roles do not allow this action.', '您的角色无权执行此操作。'),
  passwordChangeRequired: () =>
    new AppError(
      403,
      'auth.password_change_required',
      'Change your password before continuing.',
      '请先修改密码后再继续。',
    ),
  csrf: () =>
    new AppError(
      403,
      'auth.csrf_invalid',
      'Missing or wrong X-CSRF-Token header; reload the page and try again.',
      '页面已过期，请刷新后重试。',
    ),
};
