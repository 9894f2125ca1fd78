import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  ApplyTemplateInput,
  CreateProcedureInput,
  ProcedureList,
  ProcedureView,
  ProjectProcedures,
  UpdateProcedureInput,
} from '../../../domain/procedures/procedures.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const procedureKeys = {
  all: ['procedures'] as const,
  project: (projectId: string) => ['procedures', 'project', projectId] as const,
  list: (q: Record<string, string | undefined>) => ['procedures', 'list', q] as const,
};
const invalidate = () => queryClient.invalidateQueries({ queryKey: procedureKeys.all });

export function useProjectProcedures(projectId: string) {
  return useQuery({
    queryKey: procedureKeys.project(projectId),
    queryFn: () => api.get<ProjectProcedures>(`/api/projects/${projectId}/procedures`),
  });
}

export function useProcedureList(q: Record<string, string | undefined>) {
  return useQuery({
    queryKey: procedureKeys.list(q),
    queryFn: () => api.get<ProcedureList>('/api/procedures', q),
  });
}

export function useApplyTemplate() {
  return useMutation({
    mutationFn: (v: { projectId: string; input: ApplyTemplateInput }) =>
      api.post<ProjectProcedures & { added: string[] }>(
        `/api/projects/${v.projectId}/procedures/apply-template`,
        v.input,
      ),
    onSuccess: invalidate,
  });
}

export function useSaveProcedure() {
  return useMutation({
    mutationFn: (
      v: { projectId: string; input: CreateProcedureInput } | { id: string; patch: UpdateProcedureInput },
    ) =>
      'patch' in v
        ? api.patch<ProcedureView>(`/api/procedures/${v.id}`, v.patch)
        : api.post<ProcedureView>(`/api/projects/${v.projectId}/procedures`, v.input),
    onSuccess: invalidate,
  });
}

export function useDeleteProcedure() {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/procedures/${id}`),
    onSuccess: invalidate,
  });
}
