import type { FieldError } from '../../../domain/errors.js';
import { AppError } from '../../http/errors.js';

export const targetsErrors = {
  invalid: (fields: Record<string, FieldError>) =>
    new AppError(
      400,
      'targets.invalid',
      'Some targets cannot be saved; see fields (rows.<n>.<field>). Nothing was saved.',
      '部分任务数有误，请按提示修改（未保存任何数据）。',
      fields,
    ),
  unknownUnit: (fields: Record<string, FieldError>) =>
    new AppError(
      400,
      'targets.unknown_unit',
      'A target names a unit that is not a unit of your district. Nothing was saved.',
      '任务中的单位不属于本区，未保存任何数据。',
      fields,
    ),
  drillOutOfScope: () =>
    new AppError(
      403,
      'assessment.drill_out_of_scope',
      'You may open the records behind your own unit’s figures only.',
      '只能查看本单位数据的明细。',
    ),
  unitNotFound: () =>
    new AppError(404, 'assessment.unit_not_found', 'No such unit in your district.', '本区没有该单位。'),
  cutoffOutsideYear: () =>
    new AppError(
      400,
      'assessment.cutoff_outside_year',
      'The cut-off and the period start must fall in the chosen year, the start not after the cut-off.',
      '截止日期与期间起始日须在所选年度内，且起始日不晚于截止日。',
    ),
  drillRange: () =>
    new AppError(
      400,
      'assessment.drill_range',
      'The drill-down range must start on or before its end.',
      '明细查询的起始日期不能晚于结束日期。',
    ),
  badFile: () =>
    new AppError(
      400,
      'targets.bad_file',
      'The file is not an .xlsx workbook this page can read.',
      '无法读取该文件，请上传 .xlsx 格式的任务分解表。',
    ),
  noSheet: () =>
    new AppError(
      400,
      'targets.no_sheet',
      'The workbook has neither a 任务分解 nor a 外资任务表 sheet.',
      '工作簿中没有“任务分解”或“外资任务表”工作表。',
    ),
};
