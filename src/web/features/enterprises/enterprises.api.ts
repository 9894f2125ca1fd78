import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  CreateEnterpriseInput,
  EnterpriseView,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export interface EnterprisesQuery {
  q?: string;
  page: number;
  pageSize: number;
}

export interface EnterprisePage {
  items: EnterpriseView[];
  total: number;
}

export interface CreateEnterpriseResult {
  enterprise: EnterpriseView;
  /** false: an enterprise with the same code or name was there already, and is returned instead. */
  created: boolean;
}

const enterprisesKey = ['enterprises'] as const;

export function useEnterprises(query: EnterprisesQuery, enabled = true) {
  return useQuery({
    queryKey: [...enterprisesKey, query],
    queryFn: () => api.get<EnterprisePage>('/api/enterprises', { ...query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Fields left empty are not sent: the server takes a missing field as "not known". */
export function useCreateEnterprise() {
  return useMutation({
    mutationFn: (input: Partial<CreateEnterpriseInput> & { name: string }) =>
      api.post<CreateEnterpriseResult>('/api/enterprises', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enterprisesKey }),
  });
}
