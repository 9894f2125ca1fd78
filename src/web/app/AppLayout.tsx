import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Typography, theme } from 'antd';
import { useState } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useLogout } from '../features/auth/auth.api.js';
import { AppVersion } from '../features/health/AppVersion.js';
import { NotificationBell } from '../features/notifications/NotificationBell.js';
import { GlobalSearch } from '../features/search/GlobalSearch.js';
import { AppBreadcrumb } from './AppBreadcrumb.js';
import { appMessages } from './app.messages.js';
import { useCurrentUser } from './auth.js';
import { useT } from './i18n.js';
import { NavMenu } from './NavMenu.js';

const DESKTOP_QUERY = '(min-width: 992px)';

/** Below antd's `lg` breakpoint the side menu becomes a drawer. */
function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  if (screens.lg === undefined) return !window.matchMedia(DESKTOP_QUERY).matches;
  return !screens.lg;
}

function Brand({ compact }: { compact?: boolean }) {
  const t = useT(appMessages);
  const { token } = theme.useToken();
  return (
    <Flex
      align="center"
      gap={8}
      style={{ height: 64, paddingInline: compact ? 0 : 24, justifyContent: 'center' }}
    >
      <img src="/favicon.svg" alt="" width={24} height={24} />
      {compact ? null : (
        <Typography.Text strong style={{ fontSize: 16, color: token.colorText, whiteSpace: 'nowrap' }}>
          {t.productName}
        </Typography.Text>
      )}
    </Flex>
  );
}

function HeaderUser({ isMobile }: { isMobile: boolean }) {
  const user = useCurrentUser();
  const t = useT(appMessages);
  const navigate = useNavigate();
  const logout = useLogout();
  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
  return (
    <Flex align="center" gap={isMobile ? 4 : 12} style={{ minWidth: 0 }}>
      <Typography.Text ellipsis style={{ maxWidth: isMobile ? 96 : 320 }} data-testid="header-user">
        {user.displayName}
        {isMobile ? null : <Typography.Text type="secondary"> · {user.unit.name}</Typography.Text>}
      </Typography.Text>
      <LanguageSwitch />
      <Button
        type="text"
        icon={<LogoutOutlined />}
        loading={logout.isPending}
        onClick={signOut}
        aria-label={isMobile ? t.logout : undefined}
        title={t.logout}
      >
        {isMobile ? null : t.logout}
      </Button>
    </Flex>
  );
}

export function AppLayout() {
  const t = useT(appMessages);
  const { token } = theme.useToken();
  const isMobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={256}
          title={t.productName}
          styles={{ body: { padding: 0 } }}
        >
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider
          theme="light"
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflowY: 'auto',
          }}
        >
          <Brand compact={collapsed} />
          <NavMenu />
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            paddingInline: isMobile ? 8 : 24,
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {isMobile ? (
            <>
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t.openMenu}
                onClick={() => setDrawerOpen(true)}
              />
              <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
                {t.productName}
              </Typography.Text>
            </>
          ) : (
            <div style={{ flex: 1 }}>
              <GlobalSearch compact={false} />
            </div>
          )}
          {isMobile ? <GlobalSearch compact /> : null}
          <NotificationBell />
          <HeaderUser isMobile={isMobile} />
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <AppBreadcrumb />
          <Outlet />
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', paddingBlock: 16 }}>
          <AppVersion />
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
