import type { MoveProblem } from '../../../domain/projects/stages.js';
import { describeMoveProblem, summarizeMoveProblems } from '../../../domain/projects/stages.js';
import { AppError, httpErrors } from '../../http/errors.js';

/** Field errors keyed by the field a problem is about (dates included), evidence as `evidence.<kind>`. */
function fieldsOf(problems: MoveProblem[], texts: { en: string; zh: string }[]) {
  const fields: Record<string, { message: string; messageZh: string }> = {};
  problems.forEach((p, i) => {
    const key = 'field' in p ? p.field : p.code === 'missing_evidence' ? `evidence.${p.kind}` : p.code;
    const prev = fields[key];
    fields[key] = prev
      ? { message: `${prev.message} ${texts[i]!.en}`, messageZh: `${prev.messageZh}${texts[i]!.zh}` }
      : { message: texts[i]!.en, messageZh: texts[i]!.zh };
  });
  return fields;
}

export const projectsErrors = {
  notFound: () => httpErrors.notFound('Project', '项目', 'projects.not_found'),
  unitNotWritable: () =>
    new AppError(
      400,
      'projects.unit_invalid',
      'Choose an active unit you may enter projects for.',
      '请选择您有权填报的启用单位。',
      {
        unitId: {
          message: 'Choose an active unit you may enter projects for.',
          messageZh: '请选择您有权填报的启用单位。',
        },
      },
    ),
  cooperatingUnitsInvalid: () =>
    new AppError(
      400,
      'projects.cooperating_units_invalid',
      'Cooperating units must be other units of the same district, each named once.',
      '协作单位须为本县区的其他单位，且不能重复。',
      {
        cooperatingUnitIds: {
          message: 'Choose other units of this district, each once.',
          messageZh: '请选择本县区的其他单位，且不能重复。',
        },
      },
    ),
  enterpriseNotFound: () =>
    new AppError(
      400,
      'projects.enterprise_invalid',
      'The enterprise is not in this district.',
      '所选企业不在本县区。',
      {
        enterpriseId: {
          message: 'The enterprise is not in this district.',
          messageZh: '所选企业不在本县区。',
        },
      },
    ),
  stale: (current: number) =>
    new AppError(
      409,
      'projects.version_conflict',
      `Someone saved this project after you opened it (now version ${current}); reload and apply your change again.`,
      '该项目已被他人修改，请刷新后重新填写您的修改。',
    ),
  /** A refused stage move names exactly what is missing. */
  moveRefused: (problems: MoveProblem[]) => {
    const texts = problems.map(describeMoveProblem);
    const summary = summarizeMoveProblems(problems);
    return new AppError(
      422,
      'projects.stage_requires_fields',
      summary.en,
      summary.zh,
      fieldsOf(problems, texts),
    );
  },
};
