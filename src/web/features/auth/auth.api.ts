import { useMutation } from '@tanstack/react-query';
import type { Me } from '../../../domain/accounts/accounts.schemas.js';
import { api } from '../../app/api.js';
import { endSession, meQueryKey, startSession } from '../../app/auth.js';
import { queryClient } from '../../app/query-client.js';

export interface LoginInput {
  username: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export function useLogin() {
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Me>('/api/auth/login', input, { sessionRedirect: false }),
    onSuccess: startSession,
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout', undefined, { sessionRedirect: false }),
    // Signed out in the UI whatever the server said: an expired session is signed out already.
    onSettled: endSession,
  });
}

export function useChangePassword() {
  return useMutation({
    // A 401 here may just be a wrong current password; re-asking "who am I" tells the two apart.
    mutationFn: (input: ChangePasswordInput) =>
      api.post<void>('/api/auth/change-password', input, { sessionRedirect: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
    onError: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
