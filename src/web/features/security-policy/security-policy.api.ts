import { useMutation, useQuery } from '@tanstack/react-query';
import type { SecurityPolicy } from '../../../domain/accounts/password-policy.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

const policyKey = ['security-policy'] as const;

export function useSecurityPolicy(enabled = true) {
  return useQuery({
    queryKey: policyKey,
    queryFn: () => api.get<SecurityPolicy>('/api/security-policy'),
    enabled,
  });
}

export function useUpdateSecurityPolicy() {
  return useMutation({
    mutationFn: (policy: SecurityPolicy) => api.put<SecurityPolicy>('/api/security-policy', policy),
    onSuccess: (policy) => queryClient.setQueryData(policyKey, policy),
  });
}
