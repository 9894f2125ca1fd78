import { AppError, httpErrors } from '../../http/errors.js';

export const preReviewsErrors = {
  notFound: () => httpErrors.notFound('Pre-review', '预审', 'pre_reviews.not_found'),
  opinionNotFound: () => httpErrors.notFound('Opinion', '预审意见', 'pre_reviews.opinion_not_found'),
  alreadyOpen: () =>
    new AppError(
      409,
      'pre_reviews.already_open',
      'This project already has a pre-review collecting opinions; decide or cancel it before opening another.',
      '该项目已有正在征求意见的预审，请先决策或撤销后再发起。',
    ),
  notOpen: () =>
    new AppError(
      409,
      'pre_reviews.not_open',
      'This pre-review is no longer collecting opinions (decided or cancelled).',
      '该预审已决策或已撤销，不能再修改。',
    ),
  stale: (current: number) =>
    new AppError(
      409,
      'pre_reviews.version_conflict',
      `Someone saved this pre-review after you opened it (now version ${current}); reload and try again.`,
      '该预审已被他人修改，请刷新后重试。',
    ),
  opinionsMissing: (missing: number) =>
    new AppError(
      409,
      'pre_reviews.opinions_missing',
      `${missing} department(s) have not given their opinion; confirm to decide without them.`,
      `尚有 ${missing} 个部门未反馈意见；确认后方可在意见不全时决策。`,
      {
        confirmIncomplete: {
          message: 'Confirm deciding before every opinion is in.',
          messageZh: '请确认在意见未全部反馈时决策。',
        },
      },
    ),
  opinionTextRequired: () =>
    new AppError(
      400,
      'pre_reviews.opinion_text_required',
      'Say why: a conditional or negative opinion needs its text.',
      '有条件同意或不同意时，请填写具体意见。',
      { opinion: { message: 'Required for this verdict.', messageZh: '请填写具体意见。' } },
    ),
  departmentInvalid: () =>
    new AppError(
      400,
      'pre_reviews.department_invalid',
      'Ask only active departments of the project’s district.',
      '只能征求本区在用职能部门的意见。',
      { departments: { message: 'Not a department of the district.', messageZh: '包含非本区职能部门。' } },
    ),
  topicNotInReview: () =>
    new AppError(
      400,
      'pre_reviews.topic_not_in_review',
      'Each department’s topics must be among the review’s topics.',
      '部门审查事项须在本次预审事项之内。',
      { departments: { message: 'Topic not in the review.', messageZh: '事项不在本次预审范围内。' } },
    ),
  dueInPast: () =>
    new AppError(
      400,
      'pre_reviews.due_in_past',
      'The due date cannot be in the past.',
      '反馈期限不能早于今天。',
      {
        dueOn: { message: 'Today or later.', messageZh: '不能早于今天。' },
      },
    ),
  projectWithdrawn: () =>
    new AppError(
      422,
      'pre_reviews.project_withdrawn',
      'The project was withdrawn; it cannot be pre-reviewed.',
      '该项目已退库，不能发起预审。',
    ),
};
