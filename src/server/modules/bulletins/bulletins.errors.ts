import { AppError, httpErrors } from '../../http/errors.js';

export const bulletinsErrors = {
  notFound: () => httpErrors.notFound('Bulletin', '通报', 'bulletins.not_found'),
  periodExists: (id: string) =>
    new AppError(
      409,
      'bulletins.period_exists',
      `A bulletin for this period already exists (${id}); to change a published one, start a correction.`,
      '该期间的通报已存在；如需修改已发布的通报，请发起更正版本。',
    ),
  published: () =>
    new AppError(
      409,
      'bulletins.published',
      'This version is published and can no longer be changed; start a correction instead.',
      '该版本已发布，不能再修改；如需更正，请发起更正版本。',
    ),
  notLatest: () =>
    new AppError(
      409,
      'bulletins.not_latest',
      'Only the latest version of a period can be published or corrected.',
      '只有该期间的最新版本可以发布或更正。',
    ),
  notPublished: () =>
    new AppError(
      409,
      'bulletins.not_published',
      'Only a published version can be corrected; edit the draft instead.',
      '只有已发布的版本可以更正，草稿请直接刷新后发布。',
    ),
  badPeriod: () =>
    new AppError(
      400,
      'bulletins.bad_period',
      'A quarter is 1 to 4, a month 1 to 12.',
      '季度为1–4，月份为1–12。',
      {
        period: { message: 'A quarter is 1 to 4, a month 1 to 12.', messageZh: '季度为1–4，月份为1–12。' },
      },
    ),
  badCutoff: (start: string, end: string) =>
    new AppError(
      400,
      'bulletins.bad_cutoff',
      `The cut-off must fall within the period (${start} … ${end}).`,
      `数据截止日期须在该期间内（${start} 至 ${end}）。`,
      {
        cutoff: {
          message: `The cut-off must fall within the period (${start} … ${end}).`,
          messageZh: `数据截止日期须在该期间内（${start} 至 ${end}）。`,
        },
      },
    ),
  futurePeriod: () =>
    new AppError(
      400,
      'bulletins.future_period',
      'The period has not started yet.',
      '该期间尚未开始，不能编制通报。',
      { period: { message: 'The period has not started yet.', messageZh: '该期间尚未开始。' } },
    ),
};
