import { AppError, httpErrors } from '../../http/errors.js';

const field = (name: string, message: string, messageZh: string) =>
  httpErrors.validation({ [name]: { message, messageZh } });

export const supervisionErrors = {
  notFound: () => httpErrors.notFound('Supervision notice', '督办单', 'supervision.not_found'),
  stale: (current: number) =>
    new AppError(
      409,
      'supervision.version_conflict',
      `Someone acted on this notice after you opened it (now version ${current}); reload and try again.`,
      '该督办单已被他人处理，请刷新后重试。',
    ),
  wrongStatus: (status: string) =>
    new AppError(
      409,
      'supervision.wrong_status',
      `This step is not possible while the notice is ${status}.`,
      '督办单当前状态下不能执行此操作，请刷新后查看。',
    ),
  notYours: () =>
    new AppError(
      403,
      'supervision.not_recipient',
      'Only the unit the notice is addressed to may reply or attach files to it.',
      '只有被督办单位可以回复或上传附件。',
    ),
  unit: () =>
    field('unitId', 'Pick an active unit or department of the district.', '请选择本区在用的单位或部门。'),
  project: () => field('projectId', 'No such project in the district.', '本区没有该项目。'),
  problem: () => field('problemId', 'No such problem in the district.', '本区没有该问题。'),
  dueInPast: () =>
    field('replyDueOn', 'The reply due date cannot be before today.', '回复期限不能早于今天。'),
};
