import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  attachmentSchema,
  CreateProjectInput,
  MoveProjectInput,
  ProjectView,
  stageHistorySchema,
  UpdateProjectInput,
} from '../../../domain/projects/projects.schemas.js';
import type { EvidenceKind } from '../../../domain/projects/stages.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';
import type { ProjectListParams } from './project-list-query.js';

export type StageHistoryEntry = z.infer<typeof stageHistorySchema>;
export type AttachmentView = z.infer<typeof attachmentSchema>;
export type AttachmentKind = EvidenceKind | 'other';

export interface ProjectDetail {
  project: ProjectView;
  history: StageHistoryEntry[];
  attachments: AttachmentView[];
}

/** The list's filters, order and page, as project-list-query.ts reads them from the address. */
export type ProjectsQuery = ProjectListParams;

export interface ProjectPage {
  items: ProjectView[];
  total: number;
}

export const projectKeys = {
  all: ['projects'] as const,
  list: (query: ProjectsQuery) => ['projects', 'list', query] as const,
  detail: (id: string) => ['projects', 'detail', id] as const,
};

const invalidateProjects = () => queryClient.invalidateQueries({ queryKey: projectKeys.all });

/** A saved project replaces the one in the open detail at once, so the next write carries its new version. */
function publish(project: ProjectView) {
  queryClient.setQueryData<ProjectDetail>(projectKeys.detail(project.id), (d) => (d ? { ...d, project } : d));
}

export function useProjects(query: ProjectsQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: projectKeys.list(query),
    queryFn: () => api.get<ProjectPage>('/api/projects', { ...query }),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: projectKeys.detail(id),
    queryFn: () => api.get<ProjectDetail>(`/api/projects/${id}`),
  });
}

/** Fields the server defaults may be left out. */
export type NewProject = Pick<CreateProjectInput, 'unitId' | 'name'> & Partial<CreateProjectInput>;

export function useCreateProject() {
  return useMutation({
    mutationFn: (input: NewProject) => api.post<ProjectView>('/api/projects', input),
    onSuccess: invalidateProjects,
  });
}

export function useUpdateProject() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateProjectInput }) =>
      api.patch<ProjectView>(`/api/projects/${id}`, patch),
    onSuccess: (project) => {
      publish(project);
      return invalidateProjects();
    },
  });
}

export function useMoveProject() {
  return useMutation({
    mutationFn: ({ id, move }: { id: string; move: MoveProjectInput }) =>
      api.post<ProjectView>(`/api/projects/${id}/moves`, move),
    onSuccess: (project) => {
      publish(project);
      return invalidateProjects();
    },
  });
}

export function useUploadAttachment() {
  return useMutation({
    mutationFn: ({ projectId, kind, file }: { projectId: string; kind: AttachmentKind; file: File }) => {
      // The server reads `kind` first, then the file.
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', file, file.name);
      return api.upload<AttachmentView>(`/api/projects/${projectId}/attachments`, form);
    },
    onSuccess: (attachment, { projectId }) => {
      queryClient.setQueryData<ProjectDetail>(projectKeys.detail(projectId), (d) =>
        d ? { ...d, attachments: [...d.attachments, attachment] } : d,
      );
      return queryClient.invalidateQueries({ queryKey: projectKeys.detail(projectId) });
    },
  });
}

export function useRemoveAttachment() {
  return useMutation({
    mutationFn: ({ projectId, attachmentId }: { projectId: string; attachmentId: string }) =>
      api.delete<null>(`/api/projects/${projectId}/attachments/${attachmentId}`),
    onSuccess: (_, { projectId }) =>
      queryClient.invalidateQueries({ queryKey: projectKeys.detail(projectId) }),
  });
}
