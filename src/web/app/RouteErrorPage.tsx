import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage.js';
import { appMessages } from './app.messages.js';
import { useT } from './i18n.js';

/** Last resort when a page throws while rendering. */
export function RouteErrorPage() {
  const error = useRouteError();
  const t = useT(appMessages);
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Result
      status="error"
      title={t.routeErrorTitle}
      subTitle={t.routeErrorText}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          {t.backHome}
        </Button>
      }
    />
  );
}
