import { AppError, httpErrors } from '../../http/errors.js';

export const dashboardErrors = {
  districtOnly: () =>
    new AppError(
      403,
      'dashboard.district_only',
      'The district dashboard is for the center, leaders and supervisors; open your unit’s dashboard (/api/dashboard/unit) instead.',
      '全区看板仅供投促中心、领导和督查人员查看；请查看本单位看板。',
    ),
  otherUnit: () =>
    new AppError(
      403,
      'dashboard.other_unit',
      'You can only read your own unit’s dashboard.',
      '只能查看本单位的看板。',
    ),
  cutoffOutsideYear: () =>
    new AppError(
      400,
      'dashboard.cutoff_outside_year',
      'The cut-off must be a day of the chosen year.',
      '截止日期须在所选年度内。',
    ),
  unitNotFound: () => httpErrors.notFound('Unit', '单位', 'dashboard.unit_not_found'),
};
