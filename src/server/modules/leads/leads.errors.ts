import { AppError, httpErrors } from '../../http/errors.js';

const field = (message: string, messageZh: string) => ({ message, messageZh });

export const leadsErrors = {
  notFound: () => httpErrors.notFound('Lead', '招商线索', 'leads.not_found'),
  readOnly: () =>
    new AppError(
      403,
      'leads.read_only',
      'This shared lead belongs to another unit: you may read it, only that unit may change it.',
      '这是其他单位共享的招商线索，您可以查看，但只有该单位可以修改。',
    ),
  unitNotWritable: () =>
    new AppError(
      400,
      'leads.unit_invalid',
      'Choose an active unit you may enter leads for.',
      '请选择您有权填报的启用单位。',
      {
        unitId: field('Choose an active unit you may enter leads for.', '请选择您有权填报的启用单位。'),
      },
    ),
  enterpriseNotFound: () =>
    new AppError(
      400,
      'leads.enterprise_invalid',
      'The enterprise is not in this district.',
      '所选企业不在本县区。',
      {
        enterpriseId: field('The enterprise is not in this district.', '所选企业不在本县区。'),
      },
    ),
  stale: (current: number) =>
    new AppError(
      409,
      'leads.version_conflict',
      `Someone saved this lead after you opened it (now version ${current}); reload and apply your change again.`,
      '该线索已被他人修改，请刷新后重新操作。',
    ),
  /** An action that the lead's status does not allow (screening a converted lead, converting a new one …). */
  wrongStatus: (action: string, actionZh: string, status: string, statusZh: string) =>
    new AppError(
      409,
      'leads.wrong_status',
      `A lead that is ${status} cannot be ${action}.`,
      `${statusZh}的线索不能${actionZh}。`,
    ),
  alreadyDone: (what: string, whatZh: string) =>
    new AppError(409, 'leads.already_done', `This lead was already ${what}.`, `该线索已${whatZh}。`),
  badDate: (receivedOn: string, today: string) =>
    new AppError(
      400,
      'leads.date_out_of_range',
      `The date must be between the day the lead was received (${receivedOn}) and today (${today}).`,
      `日期须在线索登记日（${receivedOn}）与今天（${today}）之间。`,
      {
        on: field(`Between ${receivedOn} and ${today}.`, `须在 ${receivedOn} 至 ${today} 之间。`),
      },
    ),
  receivedInFuture: (today: string) =>
    new AppError(
      400,
      'leads.received_in_future',
      `The lead cannot be received after today (${today}).`,
      `接收日期不能晚于今天（${today}）。`,
      {
        receivedOn: field(`On or before ${today}.`, `不能晚于 ${today}。`),
      },
    ),
};

export const conflictsErrors = {
  notInConflict: () =>
    new AppError(
      409,
      'conflicts.not_in_conflict',
      'Fewer than two units are chasing this enterprise now: there is nothing to resolve.',
      '目前对接该企业的单位不足两个，无需裁定。',
    ),
  primaryNotInConflict: () =>
    new AppError(
      400,
      'conflicts.primary_invalid',
      'The primary unit must be one of the units chasing this enterprise.',
      '牵头单位须为正在对接该企业的单位之一。',
      {
        primaryUnitId: field(
          'Choose one of the units chasing this enterprise.',
          '请选择正在对接该企业的单位之一。',
        ),
      },
    ),
  shares: (problems: { en: string; zh: string }[]) =>
    new AppError(
      422,
      'conflicts.shares_invalid',
      problems.map((p) => p.en).join(' '),
      problems.map((p) => p.zh).join(''),
      {
        shares: field(problems.map((p) => p.en).join(' '), problems.map((p) => p.zh).join('')),
      },
    ),
};
