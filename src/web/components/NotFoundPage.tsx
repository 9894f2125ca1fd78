import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../app/i18n.js';
import { componentsMessages } from './components.messages.js';

export function NotFoundPage() {
  const t = useT(componentsMessages);
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t.notFoundTitle}
      subTitle={t.notFoundText}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t.backHome}
        </Button>
      }
    />
  );
}
