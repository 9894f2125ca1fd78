import { Alert, Button } from 'antd';
import { errorText, isApiError } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { projectsMessages } from './projects.messages.js';

/** The server's sentence; when someone else saved in between, with a button that loads their version. */
export function ProjectErrorAlert({ error, onReload }: { error: unknown; onReload: () => void }) {
  const t = useT(projectsMessages);
  const lang = useLang();
  if (!error) return null;
  const conflict = isApiError(error) && error.code === 'projects.version_conflict';
  return (
    <Alert
      type={conflict ? 'warning' : 'error'}
      showIcon
      role="alert"
      title={errorText(error, lang)}
      action={
        conflict ? (
          <Button size="small" onClick={onReload}>
            {t.reload}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
