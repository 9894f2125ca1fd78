import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  DecideInput,
  OpenPreReviewInput,
  OpinionInput,
  PreReviewCandidates,
  PreReviewDetail,
  PreReviewList,
} from '../../../domain/pre-reviews/pre-reviews.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const preReviewKeys = {
  all: ['pre-reviews'] as const,
  list: (q: Record<string, string | undefined>) => ['pre-reviews', 'list', q] as const,
  candidates: ['pre-reviews', 'candidates'] as const,
  detail: (id: string) => ['pre-reviews', 'detail', id] as const,
};
const invalidate = () => queryClient.invalidateQueries({ queryKey: preReviewKeys.all });

export function usePreReviewList(q: Record<string, string | undefined>) {
  return useQuery({
    queryKey: preReviewKeys.list(q),
    queryFn: () => api.get<PreReviewList>('/api/pre-reviews', q),
  });
}

export function usePreReviewCandidates(enabled = true) {
  return useQuery({
    queryKey: preReviewKeys.candidates,
    queryFn: () => api.get<PreReviewCandidates>('/api/pre-reviews/candidates'),
    enabled,
  });
}

export function usePreReview(id: string) {
  return useQuery({
    queryKey: preReviewKeys.detail(id),
    queryFn: () => api.get<PreReviewDetail>(`/api/pre-reviews/${id}`),
  });
}

export function useOpenPreReview() {
  return useMutation({
    mutationFn: (input: OpenPreReviewInput) => api.post<PreReviewDetail>('/api/pre-reviews', input),
    onSuccess: invalidate,
  });
}

export function useAnswerOpinion() {
  return useMutation({
    mutationFn: (v: { reviewId: string; opinionId: string; input: OpinionInput }) =>
      api.put<PreReviewDetail>(`/api/pre-reviews/${v.reviewId}/opinions/${v.opinionId}`, v.input),
    onSuccess: invalidate,
  });
}

export function useDecidePreReview() {
  return useMutation({
    mutationFn: (v: { id: string; input: DecideInput }) =>
      api.post<PreReviewDetail>(`/api/pre-reviews/${v.id}/decide`, v.input),
    onSuccess: invalidate,
  });
}

export function useCancelPreReview() {
  return useMutation({
    mutationFn: (v: { id: string; version: number }) =>
      api.post<PreReviewDetail>(`/api/pre-reviews/${v.id}/cancel`, { version: v.version }),
    onSuccess: invalidate,
  });
}

export function useUploadOpinionFile() {
  return useMutation({
    mutationFn: ({ reviewId, opinionId, file }: { reviewId: string; opinionId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload(`/api/pre-reviews/${reviewId}/opinions/${opinionId}/files`, form);
    },
    onSuccess: invalidate,
  });
}

export function useDeleteOpinionFile() {
  return useMutation({
    mutationFn: (v: { reviewId: string; opinionId: string; id: string }) =>
      api.delete<void>(`/api/pre-reviews/${v.reviewId}/opinions/${v.opinionId}/files/${v.id}`),
    onSuccess: invalidate,
  });
}
