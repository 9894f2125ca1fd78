import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../domain/access/permissions.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { ForbiddenPage } from '../components/ForbiddenPage.js';
import { FullPageSpin } from '../components/FullPageSpin.js';
import { useSetupStatus } from '../features/setup/setup.api.js';
import { useCan, useCurrentUser, useMe } from './auth.js';

/** Until the first administrator exists, /setup is the only page. */
export function SetupGate() {
  const status = useSetupStatus();
  const { pathname } = useLocation();
  if (status.isPending) return <FullPageSpin />;
  if (status.isError) return <ErrorResult error={status.error} onRetry={() => void status.refetch()} />;
  if (status.data.needsSetup && pathname !== '/setup') return <Navigate to="/setup" replace />;
  return <Outlet />;
}

export interface FromState {
  from?: string;
}

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.data) return <Outlet />;
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  const state: FromState = { from: location.pathname + location.search };
  return <Navigate to="/login" replace state={state} />;
}

/** A user who must change the password sees nothing else (MLPS: first login and expiry). */
export function RequirePasswordCurrent() {
  const user = useCurrentUser();
  if (user.mustChangePassword || user.passwordExpired) return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <ForbiddenPage />;
}
