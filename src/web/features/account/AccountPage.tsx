import { Button, Card, Descriptions, Flex, Segmented, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth.js';
import { type Lang, useLocale, useT } from '../../app/i18n.js';
import { RoleTags } from '../../components/RoleTags.js';
import { accountMessages } from './account.messages.js';

export function AccountPage() {
  const t = useT(accountMessages);
  const { lang, setLang } = useLocale();
  const user = useCurrentUser();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={16}>
      <Card title={t.title}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t.username}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t.displayName}>{user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t.unit}>{user.unit.name}</Descriptions.Item>
          <Descriptions.Item label={t.district}>{user.district.name}</Descriptions.Item>
          {user.city ? <Descriptions.Item label={t.city}>{user.city.name}</Descriptions.Item> : null}
          <Descriptions.Item label={t.roles}>
            <RoleTags roles={user.roles} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t.security}>
        <Typography.Paragraph type="secondary">{t.securityText}</Typography.Paragraph>
        <Button onClick={() => void navigate('/change-password')}>{t.changePassword}</Button>
      </Card>
      <Card title={t.language}>
        <Segmented<Lang>
          aria-label={t.language}
          value={lang}
          onChange={setLang}
          options={[
            { value: 'zh', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
      </Card>
    </Flex>
  );
}
