import { AppError, httpErrors } from '../../http/errors.js';

const field = (message: string, messageZh: string) => ({ message, messageZh });

export const targetEnterprisesErrors = {
  notFound: () => httpErrors.notFound('Target enterprise', '目标企业', 'target_enterprises.not_found'),
  /**
   * One target per enterprise per district: the existing target's id travels in `fields.existingTargetId`
   * (its message is the id) so the form can open it.
   */
  duplicate: (existing: { id: string; unitName: string }) =>
    new AppError(
      409,
      'target_enterprises.duplicate',
      `This enterprise is already in the target library (target ${existing.id}, in the charge of ${existing.unitName}).`,
      `该企业已在目标企业库中（责任单位：${existing.unitName}），请勿重复入库。`,
      {
        enterpriseId: field(
          `Already a target in the charge of ${existing.unitName}.`,
          `已由“${existing.unitName}”负责跟进。`,
        ),
        existingTargetId: field(existing.id, existing.id),
      },
    ),
  unitNotWritable: () =>
    new AppError(
      400,
      'target_enterprises.unit_invalid',
      'Choose an active unit you may enter targets for.',
      '请选择您有权填报的启用单位。',
      { unitId: field('Choose an active unit you may enter targets for.', '请选择您有权填报的启用单位。') },
    ),
  moveDenied: () =>
    new AppError(
      403,
      'target_enterprises.move_denied',
      'Only the center may hand a target over to another unit.',
      '只有投促中心可以将目标企业调整给其他单位负责。',
      { unitId: field('Only the center may change the unit in charge.', '只有投促中心可以调整责任单位。') },
    ),
  enterpriseNotFound: () =>
    new AppError(
      400,
      'target_enterprises.enterprise_invalid',
      'The enterprise is not in this district.',
      '所选企业不在本县区。',
      {
        enterpriseId: field('The enterprise is not in this district.', '所选企业不在本县区。'),
      },
    ),
  chainLinkInvalid: () =>
    new AppError(
      400,
      'target_enterprises.chain_link_invalid',
      'The chain link is not one of this district’s chains.',
      '所选产业链环节不属于本县区。',
      { chainLinkId: field('Choose a link of this district’s chains.', '请选择本县区产业链的环节。') },
    ),
  stale: (current: number) =>
    new AppError(
      409,
      'target_enterprises.version_conflict',
      `Someone saved this target after you opened it (now version ${current}); reload and apply your change again.`,
      '该目标企业已被他人修改，请刷新后重新操作。',
    ),
  futureEvent: (today: string) =>
    new AppError(
      400,
      'target_enterprises.event_in_future',
      `A history entry records what happened: on or before today (${today}). Put what is planned in the next step.`,
      `跟进记录须为已发生的事项，日期不能晚于今天（${today}）；计划做的事请填写在“下一步”。`,
      { onDate: field(`On or before ${today}.`, `不能晚于 ${today}。`) },
    ),
  notXlsx: () =>
    new AppError(
      400,
      'target_enterprises.import_not_xlsx',
      'The file is not an .xlsx workbook.',
      '文件不是 .xlsx 格式的 Excel 工作簿。',
    ),
  noHeader: () =>
    new AppError(
      400,
      'target_enterprises.import_no_header',
      'No header row naming 企业名称 in the first rows of any sheet: use the template.',
      '未找到含“企业名称”的表头行，请使用下载的模板填写。',
    ),
  tooManyRows: (max: number) =>
    new AppError(
      400,
      'target_enterprises.import_too_many_rows',
      `At most ${max} rows per file.`,
      `每个文件最多 ${max} 行，请分批导入。`,
    ),
};
