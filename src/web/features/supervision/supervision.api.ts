import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  IssueSupervisionInput,
  SupervisionDetail,
  SupervisionList,
  SupervisionListQuery,
} from '../../../domain/supervision/supervision.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const supervisionKeys = {
  all: ['supervision'] as const,
  list: (q: Partial<SupervisionListQuery>) => ['supervision', 'list', q] as const,
  detail: (id: string) => ['supervision', 'detail', id] as const,
};

/** After a write: the notice pages, the inbox (a department's notices) and the notification counts. */
function invalidate() {
  void queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  void queryClient.invalidateQueries({ queryKey: ['notifications'] });
}

const params = (q: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );

export function useSupervisionNotices(q: Partial<SupervisionListQuery>) {
  return useQuery({
    queryKey: supervisionKeys.list(q),
    queryFn: () => api.get<SupervisionList>('/api/supervision-notices', params(q)),
    placeholderData: keepPreviousData,
  });
}

export function useSupervisionNotice(id: string) {
  return useQuery({
    queryKey: supervisionKeys.detail(id),
    queryFn: () => api.get<SupervisionDetail>(`/api/supervision-notices/${id}`),
  });
}

export function useIssueSupervision() {
  return useMutation({
    mutationFn: (input: IssueSupervisionInput) =>
      api.post<SupervisionDetail>('/api/supervision-notices', input),
    onSuccess: invalidate,
  });
}

export type SupervisionAction = 'reply' | 'follow-up' | 'close';

export function useSupervisionStep() {
  return useMutation({
    mutationFn: ({
      id,
      action,
      body,
    }: {
      id: string;
      action: SupervisionAction;
      body: Record<string, unknown>;
    }) => api.post<SupervisionDetail>(`/api/supervision-notices/${id}/${action}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(supervisionKeys.detail(detail.id), detail);
      invalidate();
    },
  });
}

export function useUploadSupervisionFile() {
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload(`/api/supervision-notices/${id}/files`, form);
    },
    onSuccess: invalidate,
  });
}
