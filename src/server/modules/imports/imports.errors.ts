import { AppError, httpErrors } from '../../http/errors.js';

export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** More rows than any district's 台账; a sheet beyond it is most likely a mistake (a whole database dump). */
export const IMPORT_MAX_ROWS = 50_000;

export const importsErrors = {
  multipartRequired: () =>
    new AppError(
      415,
      'imports.multipart_required',
      'Send the file as multipart/form-data.',
      '请以表单方式上传文件。',
    ),
  noFile: () =>
    new AppError(400, 'imports.no_file', 'Choose an .xlsx file to upload.', '请选择要上传的 .xlsx 文件。'),
  tooLarge: () =>
    new AppError(
      413,
      'imports.too_large',
      'The file is larger than 50 MB; split it into several files.',
      '文件超过 50 MB，请拆分为多个文件后分别导入。',
    ),
  wrongExtension: (filename: string) =>
    /\.(xls|et|csv|wps)$/i.test(filename)
      ? new AppError(
          400,
          'imports.wrong_extension',
          `“${filename}” is not an .xlsx file: open it in Excel or WPS and save it as .xlsx (Excel workbook).`,
          `“${filename}”不是 .xlsx 文件：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”后再上传。`,
        )
      : new AppError(
          400,
          'imports.wrong_extension',
          `“${filename}” is not an .xlsx file; download the template and fill it in.`,
          `“${filename}”不是 .xlsx 文件，请下载模板填写后上传。`,
        ),
  notXlsx: (filename: string) =>
    new AppError(
      400,
      'imports.not_xlsx',
      `“${filename}” is named .xlsx but is not an Excel workbook (it may be a renamed text, CSV or .xls file). Open it in Excel or WPS and save it as .xlsx.`,
      `“${filename}”扩展名为 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的文本、CSV 或 .xls 文件）。请用 Excel 或 WPS 打开，另存为 .xlsx 后再上传。`,
    ),
  emptySheet: () =>
    new AppError(
      400,
      'imports.empty_sheet',
      'The workbook has no rows to import: its sheets are empty.',
      '工作簿中没有数据：工作表是空的。',
    ),
  noRows: (headerRow: number) =>
    new AppError(
      400,
      'imports.empty_sheet',
      `There are no data rows under the header (row ${headerRow}).`,
      `表头（第 ${headerRow} 行）下面没有数据行。`,
    ),
  noHeader: (expected: string) =>
    new AppError(
      400,
      'imports.no_header',
      `No header row was recognised in the first 10 rows. The sheet needs a header row with at least ${expected}; download the template to see every column.`,
      `在前 10 行中没有找到可识别的表头。表头至少须包含“${expected}”，可下载模板查看全部列名。`,
    ),
  mergedHeader: (ranges: string[]) =>
    new AppError(
      400,
      'imports.merged_header',
      `The header row has merged cells (${ranges.join(', ')}): unmerge them so each column has its own one-row header.`,
      `表头有合并单元格（${ranges.join('、')}）：请取消合并，使每一列都有自己的单行表头。`,
    ),
  tooManyRows: (rows: number) =>
    new AppError(
      400,
      'imports.too_many_rows',
      `The sheet has ${rows} rows; import at most ${IMPORT_MAX_ROWS} at a time.`,
      `工作表有 ${rows} 行，每次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分后分别导入。`,
    ),
  notFound: () => httpErrors.notFound('Import', '导入批次', 'imports.not_found'),
  notReady: () =>
    new AppError(
      409,
      'imports.not_checked',
      'The file is still being checked; wait until the check has finished.',
      '文件仍在核对中，请等核对完成后再确认导入。',
    ),
  failed: () =>
    new AppError(
      409,
      'imports.failed',
      'This import failed; upload the file again.',
      '本次导入已失败，请重新上传文件。',
    ),
  alreadyCommitted: () =>
    new AppError(
      409,
      'imports.already_committed',
      'This file has already been imported.',
      '该文件已导入，不能重复导入。',
    ),
  hasProblems: (n: number) =>
    new AppError(
      422,
      'imports.has_problems',
      `${n} problems remain: fix them in the file and upload it again. Nothing was imported.`,
      `还有 ${n} 处问题：请在文件中改正后重新上传。本次未导入任何数据。`,
    ),
  stale: (what: string, whatZh: string) =>
    new AppError(
      409,
      'imports.stale',
      `The data changed since the check (${what}); upload the file again to re-check. Nothing was imported.`,
      `核对之后数据已有变化（${whatZh}），请重新上传核对。本次未导入任何数据。`,
    ),
};
