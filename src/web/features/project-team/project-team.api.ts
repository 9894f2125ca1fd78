import { useMutation, useQuery } from '@tanstack/react-query';
import type { ProjectTeam, PutTeamInput } from '../../../domain/project-team/project-team.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const teamKeys = { project: (id: string) => ['project-team', id] as const };

export function useProjectTeam(projectId: string) {
  return useQuery({
    queryKey: teamKeys.project(projectId),
    queryFn: () => api.get<ProjectTeam>(`/api/projects/${projectId}/team`),
  });
}

export function useSaveProjectTeam(projectId: string) {
  return useMutation({
    mutationFn: (input: PutTeamInput) => api.put<ProjectTeam>(`/api/projects/${projectId}/team`, input),
    onSuccess: (team) => {
      queryClient.setQueryData(teamKeys.project(projectId), team);
      // The team is part of the project (its version, 包联领导 and 绿色通道 show on the project page).
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      void queryClient.invalidateQueries({ queryKey: ['project-team'] });
    },
  });
}
