import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  CancelCommitmentInput,
  CommitmentDetail,
  CommitmentFile,
  CommitmentList,
  CommitmentRates,
  CreateCommitmentInput,
  FulfilCommitmentInput,
  UpdateCommitmentInput,
} from '../../../domain/commitments/commitments.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const commitmentKeys = {
  all: ['commitments'] as const,
  list: (q: Record<string, string | undefined>) => ['commitments', 'list', q] as const,
  rates: (q: Record<string, string | undefined>) => ['commitments', 'rates', q] as const,
};
// Any change moves the rates, the lists and the inbox's counts.
const invalidate = () => queryClient.invalidateQueries({ queryKey: commitmentKeys.all });

export function useCommitmentList(q: Record<string, string | undefined>) {
  return useQuery({
    queryKey: commitmentKeys.list(q),
    queryFn: () => api.get<CommitmentList>('/api/commitments', q),
  });
}

export function useCommitmentRates(q: Record<string, string | undefined>) {
  return useQuery({
    queryKey: commitmentKeys.rates(q),
    queryFn: () => api.get<CommitmentRates>('/api/commitments/rates', q),
  });
}

export function useSaveCommitment() {
  return useMutation({
    mutationFn: (v: { input: CreateCommitmentInput } | { id: string; patch: UpdateCommitmentInput }) =>
      'patch' in v
        ? api.patch<CommitmentDetail>(`/api/commitments/${v.id}`, v.patch)
        : api.post<CommitmentDetail>('/api/commitments', v.input),
    onSuccess: invalidate,
  });
}

/** Uploads the chosen files first (while pending), then records the fulfilment. */
export function useFulfilCommitment() {
  return useMutation({
    mutationFn: async (v: { id: string; input: FulfilCommitmentInput; files: File[] }) => {
      for (const file of v.files) {
        const form = new FormData();
        form.append('file', file, file.name);
        await api.upload<CommitmentFile>(`/api/commitments/${v.id}/files`, form);
      }
      return api.post<CommitmentDetail>(`/api/commitments/${v.id}/fulfil`, v.input);
    },
    onSettled: invalidate,
  });
}

export function useCommitmentTransition() {
  return useMutation({
    mutationFn: (v: { id: string; to: 'cancel' | 'reopen'; input: CancelCommitmentInput }) =>
      api.post<CommitmentDetail>(`/api/commitments/${v.id}/${v.to}`, v.input),
    onSuccess: invalidate,
  });
}

export function useCommitmentDetail(id: string | null) {
  return useQuery({
    queryKey: ['commitments', 'detail', id],
    queryFn: () => api.get<CommitmentDetail>(`/api/commitments/${id}`),
    enabled: id !== null,
  });
}
