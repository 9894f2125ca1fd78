import { AppError, httpErrors } from '../../http/errors.js';

export const proceduresErrors = {
  notFound: () => httpErrors.notFound('Procedure', '手续', 'procedures.not_found'),
  stale: (current: number) =>
    new AppError(
      409,
      'procedures.version_conflict',
      `Someone saved this procedure after you opened it (now version ${current}); reload and apply your change again.`,
      '该手续已被他人修改，请刷新后重试。',
    ),
  readOnly: () =>
    new AppError(
      403,
      'procedures.read_only',
      'Only the project’s unit, the center, or the department the procedure is assigned to may change it.',
      '只有项目所属单位、投促中心或承办部门可以修改该手续。',
    ),
  handlerFields: (fields: string[]) =>
    new AppError(
      403,
      'procedures.handler_fields',
      `A department records progress only (status, done date, note); it cannot change: ${fields.join(', ')}.`,
      '承办部门只能填写办理状态、办结日期和备注。',
    ),
  doneOnRequired: () =>
    new AppError(400, 'procedures.done_on_required', 'Give the day it was done.', '请填写办结日期。', {
      doneOn: { message: 'Give the day it was done.', messageZh: '请填写办结日期。' },
    }),
  doneOnFuture: () =>
    new AppError(
      400,
      'procedures.done_on_future',
      'A procedure is done on or before today.',
      '办结日期不能晚于今天。',
      {
        doneOn: { message: 'Not after today.', messageZh: '不能晚于今天。' },
      },
    ),
  nameRequired: () =>
    new AppError(400, 'procedures.name_required', 'Name the procedure.', '请填写手续名称。', {
      name: { message: 'Name the procedure.', messageZh: '请填写手续名称。' },
    }),
  duplicateKind: () =>
    new AppError(
      409,
      'procedures.duplicate_kind',
      'The project already has this procedure on its checklist.',
      '该项目的手续清单中已有此项。',
      { kind: { message: 'Already on the checklist.', messageZh: '清单中已有此项。' } },
    ),
  departmentInvalid: () =>
    new AppError(
      400,
      'procedures.department_invalid',
      'Choose an active department of the district.',
      '请选择本区在用的职能部门。',
      {
        departmentUnitId: { message: 'Not a department of the district.', messageZh: '不是本区的职能部门。' },
      },
    ),
  notPending: () =>
    new AppError(
      409,
      'procedures.not_pending',
      'Only a procedure not yet started can be removed; mark it not needed instead.',
      '只能删除未启动的手续；已办理的请改为“无需办理”。',
    ),
};
