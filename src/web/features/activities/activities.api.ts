import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  ActivityCounts,
  ActivityKind,
  ActivityView,
  CreateActivityInput,
  UpdateActivityInput,
} from '../../../domain/activities/activities.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export interface ActivitiesQuery {
  unitId?: string;
  kind?: ActivityKind;
  from?: string;
  to?: string;
  ledByLeader?: boolean;
  page: number;
  pageSize: number;
}

export const activityKeys = {
  all: ['activities'] as const,
  list: (q: ActivitiesQuery) => ['activities', 'list', q] as const,
  counts: (from: string, to: string) => ['activities', 'counts', from, to] as const,
  project: (projectId: string) => ['activities', 'project', projectId] as const,
};

// A new or changed activity also changes the project's timeline.
const invalidate = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: activityKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['projects'] }),
  ]);

export function useActivities(query: ActivitiesQuery) {
  return useQuery({
    queryKey: activityKeys.list(query),
    queryFn: () => api.get<{ items: ActivityView[]; total: number }>('/api/activities', { ...query }),
    placeholderData: keepPreviousData,
  });
}

export function useActivityCounts(from: string, to: string) {
  return useQuery({
    queryKey: activityKeys.counts(from, to),
    queryFn: () => api.get<ActivityCounts>('/api/activities/counts', { from, to }),
    placeholderData: keepPreviousData,
  });
}

export function useProjectActivities(projectId: string) {
  return useQuery({
    queryKey: activityKeys.project(projectId),
    queryFn: () => api.get<ActivityView[]>(`/api/projects/${projectId}/activities`),
  });
}

export function useCreateActivity() {
  return useMutation({
    mutationFn: ({ projectId, input }: { projectId: string; input: CreateActivityInput }) =>
      api.post<ActivityView>(`/api/projects/${projectId}/activities`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateActivity() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateActivityInput }) =>
      api.patch<ActivityView>(`/api/activities/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteActivity() {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/activities/${id}`),
    onSuccess: invalidate,
  });
}

/** The list's filters as the export's query string (same scope and filters on the server). */
export function exportUrl(q: ActivitiesQuery): string {
  const params = new URLSearchParams();
  if (q.unitId) params.set('unitId', q.unitId);
  if (q.kind) params.set('kind', q.kind);
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  if (q.ledByLeader !== undefined) params.set('ledByLeader', String(q.ledByLeader));
  return `/api/activities/export.xlsx?${params}`;
}
