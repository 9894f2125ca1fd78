import type { SchemeError } from '../../../domain/assessment/scheme.js';
import type { FieldError } from '../../../domain/errors.js';
import { AppError, httpErrors } from '../../http/errors.js';

/**
 * The checker's positioned errors as the error body's fields: `items.<index>.<field>` (the scheme as a whole:
 * `items`), each with the wrong part of the text as start..end, so the editor points at it. The first error
 * of a field is the one shown; the live check (POST …/check) returns them all.
 */
export function schemeFields(errors: readonly SchemeError[]): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  for (const e of errors) {
    const key = e.item < 0 ? 'items' : `items.${e.item}.${e.field}`;
    fields[key] ??= { message: e.message, messageZh: e.messageZh, start: e.start, end: e.end };
  }
  return fields;
}

export const schemesErrors = {
  notFound: () => httpErrors.notFound('Assessment scheme', '考核方案', 'schemes.not_found'),
  invalid: (errors: readonly SchemeError[]) =>
    new AppError(
      422,
      'schemes.invalid',
      `The scheme has ${errors.length} error(s); see fields.`,
      `考核方案有 ${errors.length} 处错误，请按提示修改。`,
      schemeFields(errors),
    ),
  published: () =>
    httpErrors.conflict(
      'schemes.published',
      'A published scheme cannot be changed; start a revision (a new draft version) instead.',
      '已发布的考核方案不能修改，请点击“修订”生成新的草稿版本。',
    ),
  notPublished: () =>
    httpErrors.conflict(
      'schemes.not_published',
      'Only a published scheme can be revised; edit the draft instead.',
      '只有已发布的方案可以修订，草稿请直接编辑。',
    ),
  draftExists: (year: number) =>
    httpErrors.conflict(
      'schemes.draft_exists',
      `${year} already has a draft scheme; edit that one (or delete it) first.`,
      `${year} 年已有草稿方案，请编辑该草稿（或先删除）。`,
    ),
  unknownExample: (id: string) =>
    new AppError(400, 'schemes.unknown_example', `No example scheme ${id}.`, '没有这个示例方案。', {
      fromExample: { message: `No example scheme ${id}.`, messageZh: '没有这个示例方案。' },
    }),
  cutoffOutsideYear: (year: number) =>
    new AppError(
      400,
      'schemes.cutoff_year',
      `The cut-off date must be in ${year}, the scheme's year.`,
      `截止日期应在方案所属的 ${year} 年内。`,
      { cutoff: { message: `Must be in ${year}.`, messageZh: `应在 ${year} 年内。` } },
    ),
  concurrent: () =>
    httpErrors.conflict(
      'schemes.concurrent',
      'Someone created a version of this year’s scheme at the same time; reload and try again.',
      '其他人同时新建了该年度方案版本，请刷新后重试。',
    ),
  noSuchScore: () =>
    httpErrors.notFound('Score of this unit on this item', '该单位在该评分项的得分', 'schemes.no_score'),
};
