import { useQuery } from '@tanstack/react-query';
import type { Permission } from '../../domain/access/permissions.js';
import type { Me } from '../../domain/accounts/accounts.schemas.js';
import { ApiError, api, setCsrfToken } from './api.js';
import { queryClient } from './query-client.js';

export type CurrentUser = Me['user'];

export const meQueryKey = ['auth', 'me'] as const;
export const setupStatusQueryKey = ['setup', 'status'] as const;

/** The signed-in user, or null when there is no session (a 401 is an answer here, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me', undefined, { sessionRedirect: false });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** For components under RequireAuth, where the user is known to be there. */
export function useCurrentUser(): CurrentUser {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser used outside RequireAuth');
  return data.user;
}

export function useCan(): (permission: Permission) => boolean {
  const user = useCurrentUser();
  return (permission) => user.permissions.includes(permission);
}

/** Forget everything cached for the previous user (but not whether the system is set up). */
export function clearUserData(): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'setup' && q.queryKey[0] !== 'auth' });
}

/** A new session: drop the old user's cache, then publish the new user. */
export function startSession(me: Me): void {
  clearUserData();
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(meQueryKey, me);
}

/** The session is over (logout or 401): the route guards send the user to /login. */
export function endSession(): void {
  setCsrfToken(null);
  queryClient.setQueryData(meQueryKey, null);
  // After the guards have unmounted the pages, so that no mounted query refetches into another 401.
  setTimeout(clearUserData, 0);
}
