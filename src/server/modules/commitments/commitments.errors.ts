import { AppError, httpErrors } from '../../http/errors.js';

export const commitmentsErrors = {
  notFound: () => httpErrors.notFound('Commitment', '承诺事项', 'commitments.not_found'),
  projectNotFound: () => httpErrors.notFound('Project', '项目', 'commitments.project_not_found'),
  stale: (current: number) =>
    new AppError(
      409,
      'commitments.version_conflict',
      `Someone saved this commitment after you opened it (now version ${current}); reload and apply your change again.`,
      '该承诺事项已被他人修改，请刷新后重试。',
    ),
  notYours: () =>
    new AppError(
      403,
      'commitments.not_yours',
      'Only the project’s unit and the center edit or cancel a commitment.',
      '只有项目所属单位和招商中心可以修改或撤销承诺事项。',
    ),
  notAssigned: () =>
    new AppError(
      403,
      'commitments.not_assigned',
      'Only the owner department’s handlers and the center record that a commitment was kept.',
      '只有责任部门经办人和招商中心可以登记兑现。',
    ),
  centerOnly: () =>
    new AppError(
      403,
      'commitments.center_only',
      'Only the center puts a fulfilled commitment back to pending.',
      '只有招商中心可以将已兑现的承诺退回待兑现。',
    ),
  notPending: (status: string) =>
    new AppError(
      409,
      'commitments.not_pending',
      `The commitment is ${status}; only a pending commitment can be changed, fulfilled or cancelled.`,
      status === 'fulfilled'
        ? '该承诺已兑现，不能再修改；如需更正请由招商中心退回。'
        : '该承诺已撤销，不能再修改。',
    ),
  notClosed: () =>
    new AppError(
      409,
      'commitments.already_pending',
      'The commitment is already pending.',
      '该承诺已是待兑现状态。',
    ),
  departmentInvalid: () =>
    new AppError(
      400,
      'commitments.department_invalid',
      'Choose an active department of the project’s district as the owner department.',
      '请选择本区的职能部门作为责任部门。',
      {
        departmentUnitId: {
          message: 'Choose a department of the district.',
          messageZh: '请选择本区的职能部门。',
        },
      },
    ),
  agreementInvalid: () =>
    new AppError(
      400,
      'commitments.agreement_invalid',
      'The agreement must be one of this project’s agreements.',
      '所选协议不属于该项目。',
      {
        agreementId: {
          message: 'Pick an agreement of this project.',
          messageZh: '请选择该项目的协议。',
        },
      },
    ),
  fulfilledOnFuture: () =>
    new AppError(
      400,
      'commitments.fulfilled_on_future',
      'A commitment is fulfilled on or before today.',
      '兑现日期不能晚于今天。',
      { fulfilledOn: { message: 'Not after today.', messageZh: '不能晚于今天。' } },
    ),
  projectWithdrawn: () =>
    new AppError(
      422,
      'commitments.project_withdrawn',
      'The project was withdrawn; commitments can no longer be added to it.',
      '该项目已退库，不能再新增承诺事项。',
    ),
  evidenceLocked: () =>
    new AppError(
      409,
      'commitments.evidence_locked',
      'The files of a fulfilled commitment are its evidence and stay; the center can put it back to pending first.',
      '已兑现承诺的佐证材料不能删除；如需更正请先由招商中心退回。',
    ),
};
