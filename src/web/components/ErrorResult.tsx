import { Button, Result } from 'antd';
import { errorText } from '../app/api.js';
import { useLang, useT } from '../app/i18n.js';
import { componentsMessages } from './components.messages.js';

/** A query that could not load, with a way to try again. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(componentsMessages);
  const lang = useLang();
  return (
    <Result
      status="error"
      title={t.loadFailed}
      subTitle={errorText(error, lang)}
      extra={onRetry ? <Button onClick={onRetry}>{t.retry}</Button> : undefined}
    />
  );
}
