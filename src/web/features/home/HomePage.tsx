import { Card, Descriptions, Typography } from 'antd';
import { useCurrentUser } from '../../app/auth.js';
import { useT } from '../../app/i18n.js';
import { RoleTags } from '../../components/RoleTags.js';
import { homeMessages } from './home.messages.js';

export function HomePage() {
  const t = useT(homeMessages);
  const user = useCurrentUser();
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t.welcome(user.displayName)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
        <Descriptions.Item label={t.unit}>{user.unit.name}</Descriptions.Item>
        <Descriptions.Item label={t.district}>{user.district.name}</Descriptions.Item>
        {user.city ? <Descriptions.Item label={t.city}>{user.city.name}</Descriptions.Item> : null}
        <Descriptions.Item label={t.roles}>
          <RoleTags roles={user.roles} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
