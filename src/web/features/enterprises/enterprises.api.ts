import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  CreateEnterpriseInput,
  EnterpriseDetail,
  EnterpriseKind,
  EnterpriseView,
  UpdateEnterpriseInput,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export interface EnterprisesQuery {
  q?: string;
  kinds?: EnterpriseKind[];
  originProvince?: string;
  industrySection?: string;
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
export const enterpriseKeys = {
  all: enterprisesKey,
  detail: (id: string) => ['enterprises', 'detail', id] as const,
};

export function useEnterprises(query: EnterprisesQuery, enabled = true) {
  const { kinds, ...rest } = query;
  return useQuery({
    queryKey: [...enterprisesKey, query],
    queryFn: () =>
      api.get<EnterprisePage>('/api/enterprises', {
        ...rest,
        kinds: kinds?.length ? kinds.join(',') : undefined,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnterprise(id: string) {
  return useQuery({
    queryKey: enterpriseKeys.detail(id),
    queryFn: () => api.get<EnterpriseDetail>(`/api/enterprises/${id}`),
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

export function useUpdateEnterprise() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateEnterpriseInput }) =>
      api.patch<EnterpriseView>(`/api/enterprises/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enterprisesKey }),
  });
}
