import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  AgreementView,
  CreateAgreementInput,
  CreateMilestoneInput,
  MilestoneStatusInput,
  MilestoneView,
  OverdueMilestone,
  ProjectAgreements,
  UpdateAgreementInput,
  UpdateMilestoneInput,
} from '../../../domain/agreements/agreements.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const agreementKeys = {
  all: ['agreements'] as const,
  project: (projectId: string) => ['agreements', 'project', projectId] as const,
  overdue: ['agreements', 'overdue'] as const,
};
const invalidate = () => queryClient.invalidateQueries({ queryKey: agreementKeys.all });

export function useProjectAgreements(projectId: string) {
  return useQuery({
    queryKey: agreementKeys.project(projectId),
    queryFn: () => api.get<ProjectAgreements>(`/api/projects/${projectId}/agreements`),
  });
}

export function useOverdueMilestones() {
  return useQuery({
    queryKey: agreementKeys.overdue,
    queryFn: () => api.get<OverdueMilestone[]>('/api/milestones/overdue'),
  });
}

export function useSaveAgreement() {
  return useMutation({
    mutationFn: (
      v:
        | { projectId: string; id?: undefined; input: CreateAgreementInput }
        | { id: string; patch: UpdateAgreementInput },
    ) =>
      'patch' in v
        ? api.patch<AgreementView>(`/api/agreements/${v.id}`, v.patch)
        : api.post<AgreementView>(`/api/projects/${v.projectId}/agreements`, v.input),
    onSuccess: invalidate,
  });
}

export function useSaveMilestone() {
  return useMutation({
    mutationFn: (
      v: { agreementId: string; input: CreateMilestoneInput } | { id: string; patch: UpdateMilestoneInput },
    ) =>
      'patch' in v
        ? api.patch<MilestoneView>(`/api/milestones/${v.id}`, v.patch)
        : api.post<MilestoneView>(`/api/agreements/${v.agreementId}/milestones`, v.input),
    onSuccess: invalidate,
  });
}

export function useMilestoneStatus() {
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: MilestoneStatusInput }) =>
      api.post<MilestoneView>(`/api/milestones/${id}/status`, input),
    onSuccess: invalidate,
  });
}

export function useUploadAgreementFile() {
  return useMutation({
    mutationFn: ({ agreementId, file }: { agreementId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<AgreementView['files'][number]>(`/api/agreements/${agreementId}/files`, form);
    },
    onSuccess: invalidate,
  });
}

export function useDeleteAgreementFile() {
  return useMutation({
    mutationFn: ({ agreementId, id }: { agreementId: string; id: string }) =>
      api.delete<void>(`/api/agreements/${agreementId}/files/${id}`),
    onSuccess: invalidate,
  });
}
