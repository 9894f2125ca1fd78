import { PORTAL_FILE_MAX_BYTES, PORTAL_MAX_FILES } from '../../../domain/portal/portal.schemas.js';
import { AppError, httpErrors } from '../../http/errors.js';

export const portalErrors = {
  /** Unknown, malformed and revoked links answer alike, so a caller learns nothing about which it was. */
  notFound: () =>
    new AppError(
      404,
      'portal.not_found',
      'This link is invalid or has been withdrawn. Please contact the investment service staff.',
      '链接无效或已停用，请联系招商服务人员。',
    ),
  problemNotFound: () =>
    new AppError(
      404,
      'portal.problem_not_found',
      'No such problem was reported through this link.',
      '未找到通过此链接反映的该问题。',
    ),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError(
      429,
      'portal.rate_limited',
      `Too many requests; please try again in ${retryAfterSeconds} seconds.`,
      `操作过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试。`,
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    ),
  notReplied: () =>
    new AppError(
      409,
      'portal.not_replied',
      'Only a problem the department has replied to can be confirmed or reopened.',
      '部门反馈后才能确认解决或继续反映。',
    ),
  closed: () =>
    new AppError(409, 'portal.problem_closed', 'This problem is closed.', '该问题已办结，不能再添加附件。'),
  tooManyFiles: () =>
    new AppError(
      409,
      'portal.too_many_files',
      `A problem may have at most ${PORTAL_MAX_FILES} files.`,
      `每个问题最多上传 ${PORTAL_MAX_FILES} 个附件。`,
    ),
  fileTooLarge: () =>
    new AppError(
      413,
      'portal.file_too_large',
      `A file may be at most ${PORTAL_FILE_MAX_BYTES / 1024 / 1024} MB.`,
      `单个附件不能超过 ${PORTAL_FILE_MAX_BYTES / 1024 / 1024} MB。`,
    ),
  invalidUtf8: () =>
    new AppError(
      400,
      'portal.invalid_text',
      'The request is not valid UTF-8 text.',
      '提交的内容含有无法识别的字符，请以纯文本重新填写。',
    ),
  binaryText: () =>
    new AppError(
      400,
      'portal.binary_text',
      'The text contains NUL bytes (binary data); send plain text.',
      '提交的内容含有二进制字符，请以纯文本填写。',
    ),
  badJson: () =>
    new AppError(400, 'portal.invalid_json', 'The request body is not valid JSON.', '提交的内容格式有误。'),
  multipartRequired: () =>
    new AppError(
      415,
      'portal.multipart_required',
      'Send the file as multipart/form-data.',
      '请以表单方式上传文件。',
    ),
  projectNotFound: () => httpErrors.notFound('Project', '项目', 'projects.not_found'),
  linkNotFound: () => httpErrors.notFound('Portal link', '企业服务链接', 'portal.link_not_found'),
  alreadyRevoked: () =>
    httpErrors.conflict('portal.link_revoked', 'This link is already revoked.', '该链接已停用。'),
};
