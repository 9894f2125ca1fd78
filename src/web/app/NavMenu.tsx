import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BranchesOutlined,
  BulbOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CarOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DeploymentUnitOutlined,
  DesktopOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FlagOutlined,
  FundOutlined,
  GlobalOutlined,
  HomeOutlined,
  InboxOutlined,
  LineChartOutlined,
  MoneyCollectOutlined,
  NodeIndexOutlined,
  OrderedListOutlined,
  ProjectOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../domain/access/permissions.js';
import { resolveScope } from '../../domain/access/scope.js';
import { appMessages, type NavKey } from './app.messages.js';
import { useCan, useCurrentUser } from './auth.js';
import { useT } from './i18n.js';

interface NavLeaf {
  key: NavKey;
  path: string;
  icon: ReactNode;
  permission?: Permission;
  /** Only for those who read the whole district (a unit's people have their own unit's dashboard). */
  districtOnly?: boolean;
}
interface NavGroup {
  key: NavKey;
  icon: ReactNode;
  children: NavLeaf[];
}

const NAV: (NavLeaf | NavGroup)[] = [
  { key: 'home', path: '/', icon: <HomeOutlined /> },
  { key: 'dashboard', path: '/dashboard', icon: <DashboardOutlined />, permission: 'assessment.read' },
  {
    key: 'screen',
    path: '/screen',
    icon: <DesktopOutlined />,
    permission: 'assessment.read',
    districtOnly: true,
  },
  { key: 'projects', path: '/projects', icon: <ProjectOutlined />, permission: 'pipeline.read' },
  { key: 'leads', path: '/leads', icon: <BulbOutlined />, permission: 'pipeline.read' },
  { key: 'conflicts', path: '/conflicts', icon: <BranchesOutlined />, permission: 'pipeline.coordinate' },
  { key: 'enterprises', path: '/enterprises', icon: <BankOutlined />, permission: 'pipeline.read' },
  { key: 'activities', path: '/activities', icon: <CarOutlined />, permission: 'pipeline.read' },
  { key: 'capital', path: '/capital', icon: <MoneyCollectOutlined />, permission: 'pipeline.read' },
  {
    key: 'overdueMilestones',
    path: '/milestones/overdue',
    icon: <FieldTimeOutlined />,
    permission: 'pipeline.read',
  },
  { key: 'imports', path: '/imports', icon: <UploadOutlined />, permission: 'pipeline.write' },
  {
    key: 'network',
    icon: <DeploymentUnitOutlined />,
    children: [
      {
        key: 'targetEnterprises',
        path: '/network/targets',
        icon: <StarOutlined />,
        permission: 'pipeline.read',
      },
      {
        key: 'networkSources',
        path: '/network/sources',
        icon: <ShopOutlined />,
        permission: 'pipeline.read',
      },
      {
        key: 'promotionEvents',
        path: '/network/events',
        icon: <CalendarOutlined />,
        permission: 'pipeline.read',
      },
      { key: 'chains', path: '/network/chains', icon: <NodeIndexOutlined />, permission: 'pipeline.read' },
      {
        key: 'effectiveness',
        path: '/network/effectiveness',
        icon: <FundOutlined />,
        permission: 'pipeline.read',
      },
    ],
  },
  {
    key: 'landing',
    icon: <RocketOutlined />,
    children: [
      { key: 'inbox', path: '/landing/inbox', icon: <InboxOutlined />, permission: 'landing.handle' },
      { key: 'problems', path: '/landing/problems', icon: <AlertOutlined />, permission: 'landing.read' },
      {
        key: 'commitments',
        path: '/landing/commitments',
        icon: <CheckSquareOutlined />,
        permission: 'landing.read',
      },
      {
        key: 'procedures',
        path: '/landing/procedures',
        icon: <OrderedListOutlined />,
        permission: 'landing.read',
      },
      {
        key: 'preReviews',
        path: '/landing/pre-reviews',
        icon: <SolutionOutlined />,
        permission: 'landing.read',
      },
      {
        key: 'supervision',
        path: '/landing/supervision',
        icon: <FlagOutlined />,
        permission: 'landing.read',
      },
      {
        key: 'landingSettings',
        path: '/landing/settings',
        icon: <SettingOutlined />,
        permission: 'landing.coordinate',
      },
    ],
  },
  {
    key: 'assessment',
    icon: <TrophyOutlined />,
    children: [
      { key: 'bulletins', path: '/bulletins', icon: <FileTextOutlined />, permission: 'assessment.read' },
      {
        key: 'progress',
        path: '/assessment/progress',
        icon: <LineChartOutlined />,
        permission: 'assessment.read',
      },
      { key: 'targets', path: '/assessment/targets', icon: <AimOutlined />, permission: 'assessment.read' },
      {
        key: 'schemes',
        path: '/assessment/schemes',
        icon: <CalculatorOutlined />,
        permission: 'assessment.read',
      },
      {
        key: 'cityComparison',
        path: '/assessment/city',
        icon: <GlobalOutlined />,
        permission: 'assessment.read',
      },
      {
        key: 'assessmentSettings',
        path: '/assessment/settings',
        icon: <SettingOutlined />,
        permission: 'assessment.manage',
      },
    ],
  },
  {
    key: 'organization',
    icon: <ApartmentOutlined />,
    children: [
      { key: 'units', path: '/org/units', icon: <ClusterOutlined />, permission: 'organization.read' },
      { key: 'users', path: '/org/users', icon: <TeamOutlined />, permission: 'users.read' },
    ],
  },
  {
    key: 'securityPolicy',
    path: '/security/policy',
    icon: <SafetyCertificateOutlined />,
    permission: 'security_policy.read',
  },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'account', path: '/account', icon: <UserOutlined /> },
];

type MenuItem = Required<MenuProps>['items'][number];

/** The side menu, filtered by the viewer's permissions; keys are paths. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT(appMessages);
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const user = useCurrentUser();
  const districtReader =
    resolveScope({
      roles: user.roles,
      unitId: user.unit.id,
      districtId: user.district.id,
      cityId: user.city?.id ?? null,
    }).kind === 'district';
  const visible = (leaf: NavLeaf) =>
    (!leaf.permission || can(leaf.permission)) && (!leaf.districtOnly || districtReader);
  const leafItem = (leaf: NavLeaf): MenuItem => ({ key: leaf.path, icon: leaf.icon, label: t.nav[leaf.key] });
  const items: MenuItem[] = [];
  for (const entry of NAV) {
    if ('children' in entry) {
      const children = entry.children.filter(visible).map(leafItem);
      if (children.length > 0)
        items.push({ key: entry.key, icon: entry.icon, label: t.nav[entry.key], children });
    } else if (visible(entry)) {
      items.push(leafItem(entry));
    }
  }

  const leaves = NAV.flatMap((e) => ('children' in e ? e.children : [e]));
  const selected = leaves
    .filter((l) => (l.path === '/' ? pathname === '/' : pathname.startsWith(l.path)))
    .map((l) => l.path);

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      defaultOpenKeys={['organization']}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
