import { Alert } from 'antd';
import { errorText } from '../app/api.js';
import { useLang } from '../app/i18n.js';

/** The error's own sentence (messageZh in Chinese), shown above a form's buttons. */
export function ApiErrorAlert({ error }: { error: unknown }) {
  const lang = useLang();
  if (!error) return null;
  return (
    <Alert type="error" showIcon role="alert" title={errorText(error, lang)} style={{ marginBottom: 16 }} />
  );
}
