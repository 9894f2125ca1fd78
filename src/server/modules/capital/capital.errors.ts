import { SUBMISSION_STATUS_LABELS, type SubmissionStatus } from '../../../domain/capital/capital.rules.js';
import { AppError, httpErrors } from '../../http/errors.js';

export const capitalErrors = {
  reportNotFound: () => httpErrors.notFound('Capital report', '资金报表', 'capital.report_not_found'),
  unitNotFound: () => httpErrors.notFound('Unit', '单位', 'capital.unit_not_found'),
  futureMonth: (month: string) =>
    new AppError(
      422,
      'capital.month_in_future',
      `${month} has not come yet; report a month once it has started.`,
      `${month} 尚未到来，不能填报未来月份。`,
      { month: { message: 'Not after the current month.', messageZh: '不能晚于本月。' } },
    ),
  notReporting: () =>
    new AppError(
      422,
      'capital.project_not_reporting',
      'Only signed projects that are not withdrawn report funds in place; move the project to 签约 first.',
      '仅已签约且未退库的项目填报资金到位情况，请先将项目推进到签约阶段。',
    ),
  beforeSigning: (signingDate: string) =>
    new AppError(
      422,
      'capital.month_before_signing',
      `The project was signed on ${signingDate}; report months from then on.`,
      `该项目签约日期为 ${signingDate}，请填报签约当月及以后的月份。`,
      { month: { message: 'Before the signing month.', messageZh: '早于签约月份。' } },
    ),
  locked: (status: SubmissionStatus) =>
    new AppError(
      409,
      'capital.month_locked',
      status === 'approved'
        ? 'This month was approved and is locked; the investment promotion center can reopen it.'
        : 'This month was submitted and awaits the unit head; it can be edited again if it is returned.',
      status === 'approved'
        ? '该单位本月报表已审核锁定，如需修改请联系投促中心退回重填。'
        : '该单位本月报表已报送待审核，审核退回后方可修改。',
    ),
  stale: (current: number | null) =>
    new AppError(
      409,
      'capital.version_conflict',
      `Someone saved this month after you opened it${current ? ` (now version ${current})` : ''}; reload and enter your change again.`,
      '该月报表已被他人修改，请刷新后重新填写。',
    ),
  transition: (status: SubmissionStatus, action: string) =>
    new AppError(
      409,
      'capital.transition_invalid',
      `A month that is ${SUBMISSION_STATUS_LABELS[status].en.toLowerCase()} cannot be ${action === 'submit' ? 'submitted' : `${action}ed`}.`,
      `当前状态为「${SUBMISSION_STATUS_LABELS[status].zh}」，不能执行此操作。`,
    ),
  reasonRequired: () =>
    new AppError(400, 'capital.reason_required', 'Give a reason.', '请填写原因。', {
      reason: { message: 'Give a reason.', messageZh: '请填写原因。' },
    }),
};
