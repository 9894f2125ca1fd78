import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChainDetail,
  ChainSummary,
  LinkEnterpriseInput,
  LinkPatch,
} from '../../../domain/network/chains.schemas.js';
import type { ChainSegment } from '../../../domain/network/network-codes.js';
import { api } from '../../app/api.js';
import { networkKey } from '../network/network.api.js';

// Chains live under the network key: a write here refreshes the link pickers of leads, projects and targets.
const chainsKey = [...networkKey, 'chains'] as const;

export function useChains(linkId?: string) {
  return useQuery({
    queryKey: [...chainsKey, 'list', linkId ?? null],
    queryFn: () => api.get<{ items: ChainSummary[] }>('/api/chains', { linkId }),
  });
}

export function useChain(chainId: string) {
  return useQuery({
    queryKey: [...chainsKey, 'detail', chainId],
    queryFn: () => api.get<ChainDetail>(`/api/chains/${chainId}`),
  });
}

function useChainWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: networkKey }),
  });
}

export const useCreateChain = () =>
  useChainWrite((v: { name: string; description?: string | null }) =>
    api.post<ChainDetail>('/api/chains', v),
  );

export const useUpdateChain = (chainId: string) =>
  useChainWrite((v: { name?: string; description?: string | null }) =>
    api.patch<ChainDetail>(`/api/chains/${chainId}`, v),
  );

export const useDeleteChain = (chainId: string) =>
  useChainWrite(() => api.delete<void>(`/api/chains/${chainId}`));

export const useAddLink = (chainId: string) =>
  useChainWrite((v: { parentId: string | null; name: string; segment: ChainSegment }) =>
    api.post<{ id: string; chain: ChainDetail }>(`/api/chains/${chainId}/links`, v),
  );

export const useUpdateLink = (chainId: string) =>
  useChainWrite(({ linkId, ...patch }: LinkPatch & { linkId: string }) =>
    api.patch<ChainDetail>(`/api/chains/${chainId}/links/${linkId}`, patch),
  );

export const useReorderLinks = (chainId: string) =>
  useChainWrite((ids: string[]) => api.put<ChainDetail>(`/api/chains/${chainId}/link-order`, { ids }));

export const useDeleteLink = (chainId: string) =>
  useChainWrite((linkId: string) => api.delete<void>(`/api/chains/${chainId}/links/${linkId}`));

export const usePlaceEnterprise = (chainId: string) =>
  useChainWrite(
    ({ linkId, enterpriseId, ...body }: LinkEnterpriseInput & { linkId: string; enterpriseId: string }) =>
      api.put<ChainDetail>(`/api/chains/${chainId}/links/${linkId}/enterprises/${enterpriseId}`, body),
  );

export const useRemoveEnterprise = (chainId: string) =>
  useChainWrite(({ linkId, enterpriseId }: { linkId: string; enterpriseId: string }) =>
    api.delete<void>(`/api/chains/${chainId}/links/${linkId}/enterprises/${enterpriseId}`),
  );
