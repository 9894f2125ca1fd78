import { useMutation, useQuery } from '@tanstack/react-query';
import type { SetupInput } from '../../../domain/accounts/accounts.schemas.js';
import { api } from '../../app/api.js';
import { setupStatusQueryKey } from '../../app/auth.js';
import { queryClient } from '../../app/query-client.js';

export interface SetupStatus {
  needsSetup: boolean;
}

export interface SetupResult {
  securityAdminUsername: string;
  auditorUsername: string;
  demo: { units: number; users: number } | null;
}

export function useSetupStatus() {
  // Changes once in the life of an installation, and this client changes it itself.
  return useQuery({
    queryKey: setupStatusQueryKey,
    queryFn: () => api.get<SetupStatus>('/api/setup/status'),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

export function useRunSetup() {
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<SetupResult>('/api/setup', input, { sessionRedirect: false }),
    onSuccess: () => queryClient.setQueryData<SetupStatus>(setupStatusQueryKey, { needsSetup: false }),
  });
}
