import { AppError, httpErrors } from '../../http/errors.js';

export const agreementsErrors = {
  agreementNotFound: () => httpErrors.notFound('Agreement', '协议', 'agreements.not_found'),
  milestoneNotFound: () => httpErrors.notFound('Milestone', '履约节点', 'agreements.milestone_not_found'),
  stale: (what: 'agreement' | 'milestone', current: number) =>
    new AppError(
      409,
      'agreements.version_conflict',
      `Someone saved this ${what} after you opened it (now version ${current}); reload and apply your change again.`,
      what === 'agreement' ? '该协议已被他人修改，请刷新后重试。' : '该履约节点已被他人修改，请刷新后重试。',
    ),
  metOnRequired: () =>
    new AppError(
      400,
      'agreements.met_on_required',
      'Give the day the milestone was met.',
      '请填写履约日期。',
      {
        metOn: { message: 'Give the day the milestone was met.', messageZh: '请填写履约日期。' },
      },
    ),
  metOnFuture: () =>
    new AppError(
      400,
      'agreements.met_on_future',
      'A milestone is met on or before today.',
      '履约日期不能晚于今天。',
      {
        metOn: { message: 'Not after today.', messageZh: '不能晚于今天。' },
      },
    ),
  projectWithdrawn: () =>
    new AppError(
      422,
      'agreements.project_withdrawn',
      'The project was withdrawn; agreements can no longer be added to it.',
      '该项目已退库，不能再新增协议。',
    ),
};
