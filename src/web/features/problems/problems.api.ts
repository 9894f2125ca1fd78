import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ProblemAction } from '../../../domain/landing/problem-flow.js';
import type {
  CreateProblemInput,
  ProblemDetail,
  ProblemFile,
  ProblemListQuery,
  ProblemOptions,
  ProblemSummary,
} from '../../../domain/landing/problems.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const problemKeys = {
  all: ['problems'] as const,
  list: (q: Partial<ProblemListQuery>) => ['problems', 'list', q] as const,
  detail: (id: string) => ['problems', 'detail', id] as const,
  options: ['problems', 'options'] as const,
};

/** After a write: the problem pages, and the inbox and notification counts that list problems too. */
function invalidate() {
  void queryClient.invalidateQueries({ queryKey: problemKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  void queryClient.invalidateQueries({ queryKey: ['notifications'] });
}

const params = (q: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );

export function useProblems(q: Partial<ProblemListQuery>) {
  return useQuery({
    queryKey: problemKeys.list(q),
    queryFn: () => api.get<{ items: ProblemSummary[]; total: number }>('/api/problems', params(q)),
    placeholderData: keepPreviousData,
  });
}

export function useProblem(id: string) {
  return useQuery({
    queryKey: problemKeys.detail(id),
    queryFn: () => api.get<ProblemDetail>(`/api/problems/${id}`),
  });
}

export function useProblemOptions(enabled = true) {
  return useQuery({
    queryKey: problemKeys.options,
    queryFn: () => api.get<ProblemOptions>('/api/problems/options'),
    staleTime: 60_000,
    enabled,
  });
}

export function useCreateProblem() {
  return useMutation({
    mutationFn: (input: CreateProblemInput) => api.post<ProblemDetail>('/api/problems', input),
    onSuccess: invalidate,
  });
}

const PATHS: Record<ProblemAction, string> = {
  assign: 'assign',
  accept: 'accept',
  reply: 'reply',
  close: 'close',
  reopen: 'reopen',
  comment: 'comments',
};

/** One step of the loop (交办 / 承办 / 反馈 / 办结 / 重新交办 / 留言) with its body. */
export function useProblemStep() {
  return useMutation({
    mutationFn: ({
      id,
      action,
      body,
    }: {
      id: string;
      action: ProblemAction;
      body: Record<string, unknown>;
    }) => api.post<ProblemDetail>(`/api/problems/${id}/${PATHS[action]}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(problemKeys.detail(detail.problem.id), detail);
      invalidate();
    },
  });
}

export function useUploadProblemFile() {
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<ProblemFile>(`/api/problems/${id}/files`, form);
    },
    onSuccess: invalidate,
  });
}
