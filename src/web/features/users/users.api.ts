import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Role, SecurityRole } from '../../../domain/access/roles.js';
import type {
  CreateUserInput,
  UpdateUserInput,
  UserView,
} from '../../../domain/accounts/accounts.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export interface UsersQuery {
  q?: string;
  unitId?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

export interface UserPage {
  items: UserView[];
  total: number;
}

export type UserAction = 'disable' | 'enable' | 'unlock';

const usersKey = ['users'] as const;
const invalidateUsers = () => queryClient.invalidateQueries({ queryKey: usersKey });

export function useUsers(query: UsersQuery) {
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: () => api.get<UserPage>('/api/users', { ...query }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  return useMutation({
    mutationFn: (input: CreateUserInput) =>
      api.post<{ user: UserView; oneTimePassword: string }>('/api/users', input),
    onSuccess: invalidateUsers,
  });
}

export function useUpdateUser() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateUserInput }) =>
      api.patch<UserView>(`/api/users/${id}`, patch),
    onSuccess: invalidateUsers,
  });
}

export function useUserAction() {
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: UserAction }) =>
      api.post<UserView>(`/api/users/${id}/${action}`),
    onSuccess: invalidateUsers,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (id: string) => api.post<{ oneTimePassword: string }>(`/api/users/${id}/reset-password`),
    onSuccess: invalidateUsers,
  });
}

/** Grants (or with null removes) a 三员 role; only the security administrator may. */
export function useSetSecurityRole() {
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: SecurityRole | null }) =>
      api.put<UserView>(`/api/users/${id}/security-role`, { role }),
    onSuccess: invalidateUsers,
  });
}
