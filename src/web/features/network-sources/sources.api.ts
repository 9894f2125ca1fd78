import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  CreateSourceInput,
  SourceDetail,
  SourceListQuery,
  SourceView,
  UpdateSourceInput,
} from '../../../domain/network/sources.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';
import { networkKey } from '../network/network.api.js';

export type SourcesQuery = Partial<SourceListQuery>;

// Under the network key: a saved source refreshes the pickers and the effectiveness figures too.
export const sourceKeys = {
  all: [...networkKey, 'sources'] as const,
  list: (q: SourcesQuery) => [...networkKey, 'sources', 'list', q] as const,
  detail: (id: string, from?: string, to?: string) =>
    [...networkKey, 'sources', 'detail', id, from, to] as const,
};

const invalidate = () => queryClient.invalidateQueries({ queryKey: networkKey });

const params = (q: object) =>
  Object.fromEntries(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );

export function useSources(q: SourcesQuery) {
  return useQuery({
    queryKey: sourceKeys.list(q),
    queryFn: () => api.get<{ items: SourceView[]; total: number }>('/api/network-sources', params(q)),
    placeholderData: keepPreviousData,
  });
}

export function useSource(id: string, from?: string, to?: string) {
  return useQuery({
    queryKey: sourceKeys.detail(id, from, to),
    queryFn: () => api.get<SourceDetail>(`/api/network-sources/${id}`, params({ from, to })),
    placeholderData: keepPreviousData,
  });
}

export type NewSource = Pick<CreateSourceInput, 'unitId' | 'kind' | 'name'> & Partial<CreateSourceInput>;

export function useCreateSource() {
  return useMutation({
    mutationFn: (input: NewSource) => api.post<SourceView>('/api/network-sources', input),
    onSuccess: invalidate,
  });
}

export function useUpdateSource() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateSourceInput }) =>
      api.patch<SourceView>(`/api/network-sources/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeactivateSource() {
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<SourceView>(`/api/network-sources/${id}/deactivate`, { version }),
    onSuccess: invalidate,
  });
}
