import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../app/i18n.js';
import { componentsMessages } from './components.messages.js';

export function ForbiddenPage() {
  const t = useT(componentsMessages);
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t.forbiddenTitle}
      subTitle={t.forbiddenText}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t.backHome}
        </Button>
      }
    />
  );
}
