import { AppError, httpErrors } from '../../http/errors.js';

const field = (message: string, messageZh: string) => ({ message, messageZh });
const bad = (code: string, name: string, message: string, messageZh: string) =>
  new AppError(400, code, message, messageZh, { [name]: field(message, messageZh) });

export const eventsErrors = {
  notFound: () => httpErrors.notFound('Event', '招商活动', 'promotion_events.not_found'),
  meetingNotFound: () => httpErrors.notFound('Meeting', '洽谈记录', 'promotion_events.meeting_not_found'),
  taskNotFound: () => httpErrors.notFound('Task', '跟进任务', 'promotion_events.task_not_found'),
  readOnly: () =>
    new AppError(
      403,
      'promotion_events.read_only',
      'Only the organising unit and the center may change this event.',
      '只有主办单位和招商中心可以修改该活动。',
    ),
  cannotComplete: () =>
    new AppError(
      403,
      'promotion_events.task_read_only',
      'Only the task’s owner unit, the organising unit and the center may mark this task.',
      '只有责任单位、主办单位和招商中心可以办结该任务。',
    ),
  unitInvalid: () =>
    bad(
      'promotion_events.unit_invalid',
      'unitId',
      'Choose an active unit you may enter events for.',
      '请选择您有权填报的启用单位。',
    ),
  participantInvalid: () =>
    bad(
      'promotion_events.participant_invalid',
      'participantUnitIds',
      'Every participating unit must be an active unit of this district.',
      '参加单位须为本县区的启用单位。',
    ),
  ownerInvalid: () =>
    bad(
      'promotion_events.owner_invalid',
      'ownerUnitId',
      'The owner unit must be an active unit of this district.',
      '责任单位须为本县区的启用单位。',
    ),
  enterpriseInvalid: () =>
    bad(
      'promotion_events.enterprise_invalid',
      'enterpriseId',
      'The enterprise is not in this district.',
      '所选企业不在本县区。',
    ),
  datesOrder: () =>
    bad(
      'promotion_events.dates_order',
      'endsOn',
      'The end date must not be before the start date.',
      '结束日期不能早于开始日期。',
    ),
  metOnInvalid: (startsOn: string, today: string) =>
    bad(
      'promotion_events.met_on_invalid',
      'metOn',
      `A meeting is dated between the event's first day (${startsOn}) and today (${today}).`,
      `洽谈日期须在活动开始日（${startsOn}）至今天（${today}）之间。`,
    ),
  doneOnInvalid: (today: string) =>
    bad(
      'promotion_events.done_on_invalid',
      'on',
      `A task is done on a day up to today (${today}).`,
      `办结日期不能晚于今天（${today}）。`,
    ),
  stale: (current: number) =>
    new AppError(
      409,
      'promotion_events.version_conflict',
      `Someone saved this event after you opened it (now version ${current}); reload and apply your change again.`,
      '该活动已被他人修改，请刷新后重新操作。',
    ),
  hasCredit: (leads: number, projects: number) =>
    new AppError(
      409,
      'promotion_events.has_credit',
      `The event cannot be deleted: ${leads} lead(s) and ${projects} project(s) are credited to it.`,
      `已有 ${leads} 条线索、${projects} 个项目记在该活动名下，不能删除。`,
    ),
  meetingHasLead: () =>
    new AppError(
      409,
      'promotion_events.meeting_has_lead',
      'This meeting has already been turned into a lead.',
      '该洽谈已转为线索。',
    ),
};
