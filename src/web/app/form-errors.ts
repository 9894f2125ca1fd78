import type { FormInstance } from 'antd';
import { ApiError } from './api.js';
import type { Lang } from './i18n.js';

/**
 * Puts the API's field errors (`admin.password`, `roles.1`) onto the antd Form fields. Our forms have no
 * Form.List, so an index segment means "the list field itself". Returns whether any field was marked.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, lang: Lang): boolean {
  if (!(err instanceof ApiError) || !err.fields) return false;
  const entries = Object.entries(err.fields);
  if (entries.length === 0) return false;
  form.setFields(
    entries.map(([path, field]) => {
      const segments = path.split('.');
      const index = segments.findIndex((s) => /^\d+$/.test(s));
      return {
        name: index === -1 ? segments : segments.slice(0, Math.max(index, 1)),
        errors: [lang === 'zh' ? field.messageZh : field.message],
      };
    }),
  );
  return true;
}
