import { Breadcrumb } from 'antd';
import { Link, useMatches } from 'react-router';
import { appMessages } from './app.messages.js';
import { useT } from './i18n.js';
import type { RouteHandle } from './router.js';

function hasCrumb(handle: unknown): handle is RouteHandle {
  return typeof handle === 'object' && handle !== null && 'crumb' in handle;
}

export function AppBreadcrumb() {
  const t = useT(appMessages);
  const matches = useMatches().flatMap((m) => (hasCrumb(m.handle) ? [{ ...m, crumb: m.handle.crumb }] : []));
  const crumbs = matches.map((m, i) => {
    const title = t.nav[m.crumb];
    const last = i === matches.length - 1;
    return { key: m.id, title: last ? title : <Link to={m.pathname}>{title}</Link> };
  });
  if (crumbs.length > 0 && matches[0]?.crumb !== 'home') {
    crumbs.unshift({ key: 'home', title: <Link to="/">{t.nav.home}</Link> });
  }
  return <Breadcrumb items={crumbs} style={{ marginBottom: 16 }} />;
}
