import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  CreatePortalLinkInput,
  PortalFile,
  PortalLinkCreated,
  PortalLinkView,
  PortalProblem,
  PortalProblemInput,
  PortalView,
} from '../../../domain/portal/portal.schemas.js';
import { api, isApiError } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const portalKeys = {
  links: (projectId: string) => ['portal', 'links', projectId] as const,
  page: (token: string) => ['portal', 'page', token] as const,
};

// ——— the project tab ———

export function usePortalLinks(projectId: string) {
  return useQuery({
    queryKey: portalKeys.links(projectId),
    queryFn: () => api.get<PortalLinkView[]>(`/api/projects/${projectId}/portal-links`),
  });
}

export function useCreatePortalLink(projectId: string) {
  return useMutation({
    mutationFn: (input: CreatePortalLinkInput) =>
      api.post<PortalLinkCreated>(`/api/projects/${projectId}/portal-links`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.links(projectId) }),
  });
}

export function useRevokePortalLink(projectId: string) {
  return useMutation({
    mutationFn: (linkId: string) =>
      api.post<PortalLinkView>(`/api/projects/${projectId}/portal-links/${linkId}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.links(projectId) }),
  });
}

// ——— the public page: no session, the token in the path is the key ———

const base = (token: string) => `/api/portal/${encodeURIComponent(token)}`;

/** A dead link or a full rate window will not change on retry within seconds: do not hammer the server. */
const retry = (count: number, err: unknown) =>
  count < 2 && !(isApiError(err) && (err.status === 404 || err.status === 429 || err.status === 400));

export function usePortalPage(token: string) {
  return useQuery({
    queryKey: portalKeys.page(token),
    queryFn: () => api.get<PortalView>(base(token)),
    retry,
    refetchOnWindowFocus: false,
  });
}

const refresh = (token: string) => queryClient.invalidateQueries({ queryKey: portalKeys.page(token) });

export function useReportProblem(token: string) {
  return useMutation({
    mutationFn: (input: PortalProblemInput) => api.post<PortalProblem>(`${base(token)}/problems`, input),
  });
}

export function uploadPortalFile(token: string, problemId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<PortalFile>(`${base(token)}/problems/${problemId}/files`, form);
}

export function useRespond(token: string) {
  return useMutation({
    mutationFn: (
      v: { problemId: string; kind: 'confirm' } | { problemId: string; kind: 'reopen'; reason: string },
    ) =>
      v.kind === 'confirm'
        ? api.post<PortalProblem>(`${base(token)}/problems/${v.problemId}/confirm`)
        : api.post<PortalProblem>(`${base(token)}/problems/${v.problemId}/reopen`, { reason: v.reason }),
    onSettled: () => refresh(token),
  });
}

export { refresh as refreshPortalPage };
