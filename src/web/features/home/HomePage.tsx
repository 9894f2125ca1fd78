import { DashboardOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Typography } from 'antd';
import { Link, Navigate } from 'react-router';
import { resolveScope } from '../../../domain/access/scope.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useT } from '../../app/i18n.js';
import { RoleTags } from '../../components/RoleTags.js';
import { homeMessages } from './home.messages.js';

export function HomePage() {
  const t = useT(homeMessages);
  const user = useCurrentUser();
  const can = useCan();
  // District-wide readers get the district dashboard, unit users their own unit's.
  const scope = resolveScope({
    roles: user.roles,
    unitId: user.unit.id,
    districtId: user.district.id,
    cityId: user.city?.id ?? null,
  }).kind;
  // A department handler's home is its inbox (部门待办): it has no dashboard of its own worth seeing.
  if (scope === 'assigned' && can('landing.handle')) return <Navigate to="/landing/inbox" replace />;
  const dashboard = !can('assessment.read')
    ? null
    : scope === 'district'
      ? { to: '/dashboard', label: t.openDashboard }
      : scope === 'unit'
        ? { to: '/dashboard/unit', label: t.openUnitDashboard }
        : null;
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t.welcome(user.displayName)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {dashboard ? (
        <Typography.Paragraph>
          <Link to={dashboard.to}>
            <Button type="primary" icon={<DashboardOutlined />}>
              {dashboard.label}
            </Button>
          </Link>
        </Typography.Paragraph>
      ) : null}
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
