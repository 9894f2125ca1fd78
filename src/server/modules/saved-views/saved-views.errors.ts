import type { FieldError } from '../../../domain/errors.js';
import { AppError, httpErrors } from '../../http/errors.js';

export const savedViewsErrors = {
  // Another person's view answers the same as a missing one: views are private.
  notFound: () => httpErrors.notFound('Saved view', '视图', 'saved_views.not_found'),
  nameTaken: (name: string) =>
    httpErrors.conflict(
      'saved_views.name_taken',
      `You already have a view named “${name}”; choose another name or update that one.`,
      `您已有名为“${name}”的视图，请换个名称或更新原视图。`,
      {
        name: {
          message: `You already have a view named “${name}”.`,
          messageZh: `已有同名视图“${name}”。`,
        },
      },
    ),
  listUnsupported: (list: string) =>
    new AppError(
      400,
      'saved_views.list_unsupported',
      `Views of the ${list} list cannot be saved yet.`,
      '该列表暂不支持保存视图。',
      {
        list: {
          message: `Views of the ${list} list cannot be saved yet.`,
          messageZh: '该列表暂不支持保存视图。',
        },
      },
    ),
  invalidQuery: (fields: Record<string, FieldError>) =>
    new AppError(
      400,
      'saved_views.invalid_query',
      'The view’s filters are not valid for this list; see fields.',
      '视图中的筛选条件无效，请调整后再保存。',
      fields,
    ),
};
