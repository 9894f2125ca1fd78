import { PROBLEM_STATUS_LABELS, type ProblemStatus } from '../../../domain/landing/landing-codes.js';
import type { ProblemAction } from '../../../domain/landing/problem-flow.js';
import { AppError, httpErrors } from '../../http/errors.js';

const bad = (code: string, name: string, message: string, messageZh: string) =>
  new AppError(400, code, message, messageZh, { [name]: { message, messageZh } });

const STEP_ZH: Record<ProblemAction, string> = {
  assign: '交办',
  accept: '承办',
  reply: '反馈',
  close: '办结',
  reopen: '重新交办',
  comment: '留言',
};

export const problemsErrors = {
  notFound: () => httpErrors.notFound('Problem', '问题', 'problems.not_found'),
  fileNotFound: () => httpErrors.notFound('File', '附件', 'problems.file_not_found'),
  notAllowed: (action: ProblemAction) =>
    new AppError(
      403,
      'problems.not_allowed',
      `You may not ${action} this problem: assigning is the center's, accepting and replying the assigned department's, closing and reopening the project unit's or the center's.`,
      `您无权对该问题执行“${STEP_ZH[action]}”：交办由招商中心办理，承办和反馈由承办部门办理，办结和重新交办由项目所在单位或招商中心确认。`,
    ),
  wrongStatus: (action: ProblemAction, status: ProblemStatus) =>
    new AppError(
      409,
      'problems.wrong_status',
      `A problem that is ${PROBLEM_STATUS_LABELS[status].en.toLowerCase()} cannot be ${action === 'reopen' ? 'reopened' : `${action}ed`} now.`,
      `问题当前为“${PROBLEM_STATUS_LABELS[status].zh}”，不能${STEP_ZH[action]}。`,
    ),
  stale: (current: number) =>
    new AppError(
      409,
      'problems.version_conflict',
      `Someone acted on this problem after you opened it (now version ${current}); reload and try again.`,
      '该问题已被他人处理，请刷新后重新操作。',
    ),
  projectInvalid: () =>
    bad(
      'problems.project_invalid',
      'projectId',
      'Choose a project of your unit (or, for a department, of this district).',
      '请选择本单位的项目（部门可选择本县区的项目）。',
    ),
  cannotRaise: () =>
    new AppError(
      403,
      'problems.cannot_raise',
      'Only the project’s unit, the center or a department handler may raise a problem.',
      '只有项目所在单位、招商中心或部门经办人可以反映问题。',
    ),
  departmentInvalid: () =>
    bad(
      'problems.department_invalid',
      'departmentUnitId',
      'Choose an active department of this district.',
      '请选择本县区的启用部门。',
    ),
  leaderInvalid: () =>
    bad(
      'problems.leader_invalid',
      'leaderUserId',
      'The leader in charge must be a leader account of this district.',
      '分管领导须为本县区的领导账号。',
    ),
  leaderRequired: () =>
    bad('problems.leader_required', 'leaderInCharge', 'Name the leader in charge.', '请填写分管领导。'),
  deadlinePast: (today: string) =>
    bad(
      'problems.deadline_past',
      'deadline',
      `The deadline must be today (${today}) or later.`,
      `办理时限不能早于今天（${today}）。`,
    ),
  closedNoUpload: () =>
    new AppError(
      409,
      'problems.closed',
      'A closed problem takes no more files.',
      '问题已办结，不能再上传附件。',
    ),
};
