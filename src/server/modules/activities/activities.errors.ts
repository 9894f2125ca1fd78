import { ACTIVITY_AMEND_DAYS } from '../../../domain/activities/activities.schemas.js';
import { AppError, httpErrors } from '../../http/errors.js';

export const activitiesErrors = {
  notFound: () => httpErrors.notFound('Activity', '活动记录', 'activities.not_found'),
  leadNotFound: () => httpErrors.notFound('Lead', '线索', 'leads.not_found'),
  futureDate: () =>
    new AppError(
      400,
      'activities.date_in_future',
      'An activity is recorded after it happened.',
      '活动日期不能晚于今天。',
      {
        occurredOn: { message: 'Not after today.', messageZh: '不能晚于今天。' },
      },
    ),
  notAmendable: () =>
    new AppError(
      422,
      'activities.not_amendable',
      `Only the person who recorded an activity may change or remove it, within ${ACTIVITY_AMEND_DAYS} days.`,
      `只有记录人可在记录后 ${ACTIVITY_AMEND_DAYS} 天内修改或删除活动记录。`,
    ),
};
