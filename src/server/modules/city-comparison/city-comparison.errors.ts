import type { FieldError } from '../../../domain/errors.js';
import { AppError } from '../../http/errors.js';

export const cityErrors = {
  noDistrict: () =>
    new AppError(
      403,
      'city.no_district',
      'The city comparison belongs to a district; your account reads no district’s figures.',
      '横向对比按区查看，您的账号不属于任何区的业务范围。',
    ),
  invalidFigures: (fields: Record<string, FieldError>) =>
    new AppError(
      400,
      'city.invalid_figures',
      'Some figures are invalid; nothing was saved. See fields.',
      '部分数据有误，均未保存，请按提示修改。',
      fields,
    ),
  figureNotFound: () =>
    new AppError(404, 'city.figure_not_found', 'No such figure for that month.', '该月没有这项数据。'),
  notXlsx: () =>
    new AppError(
      400,
      'city.not_xlsx',
      'The file is not an .xlsx workbook (save it from Excel or WPS as .xlsx).',
      '文件不是 .xlsx 格式，请在 Excel/WPS 中另存为 .xlsx 后再导入。',
    ),
  noHeader: () =>
    new AppError(
      400,
      'city.no_header',
      'No header row found: the first 10 rows must name the district column (区县) and at least one indicator (签约额, 到位资金…).',
      '未找到表头：前10行中须有“区县”列和至少一项指标列（如签约额、到位资金）。',
    ),
  importInvalid: (fields: Record<string, FieldError>, count: number) =>
    new AppError(
      422,
      'city.import_invalid',
      `${count} problem(s) in the sheet; nothing was imported. See fields (row:column).`,
      `表格中有 ${count} 处问题，均未导入，请逐条修改后重新导入。`,
      fields,
    ),
  nothingToImport: () =>
    new AppError(
      400,
      'city.nothing_to_import',
      'The sheet holds no other district’s figure.',
      '表格中没有其他区县的数据。',
    ),
};
