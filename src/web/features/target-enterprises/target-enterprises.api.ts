import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  AddTargetEventInput,
  CreateTargetEnterpriseInput,
  TargetEnterpriseDetail,
  TargetEnterpriseListQuery,
  TargetEnterpriseView,
  TargetEventView,
  TargetImportResult,
  TargetSort,
  UpdateTargetEnterpriseInput,
} from '../../../domain/network/targets.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';
import { networkKey } from '../network/network.api.js';

export type TargetsQuery = Omit<TargetEnterpriseListQuery, 'tags' | 'status'> & {
  tags?: string;
  status?: string;
  sort?: TargetSort;
  page: number;
  pageSize: number;
};

export const targetKeys = {
  all: ['target-enterprises'] as const,
  list: (q: TargetsQuery) => ['target-enterprises', 'list', q] as const,
  detail: (id: string) => ['target-enterprises', 'detail', id] as const,
};

// A target write changes the list and detail; the chain pages count targets on links (network queries).
const invalidate = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: targetKeys.all }),
    queryClient.invalidateQueries({ queryKey: networkKey }),
    queryClient.invalidateQueries({ queryKey: ['chains'] }),
  ]);

export function targetQueryParams(q: Partial<TargetsQuery>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}

export function targetsExportHref(q: Partial<TargetsQuery>): string {
  const { page: _p, pageSize: _s, sort: _o, ...filters } = q;
  const s = new URLSearchParams(targetQueryParams(filters)).toString();
  return `/api/target-enterprises/export.xlsx${s ? `?${s}` : ''}`;
}
export const targetsTemplateHref = '/api/target-enterprises/import/template.xlsx';

export function useTargets(q: TargetsQuery) {
  return useQuery({
    queryKey: targetKeys.list(q),
    queryFn: () =>
      api.get<{ items: TargetEnterpriseView[]; total: number }>(
        '/api/target-enterprises',
        targetQueryParams(q),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useTarget(id: string) {
  return useQuery({
    queryKey: targetKeys.detail(id),
    queryFn: () => api.get<TargetEnterpriseDetail>(`/api/target-enterprises/${id}`),
  });
}

export type NewTarget = Pick<CreateTargetEnterpriseInput, 'unitId' | 'enterpriseId' | 'enterprise'> &
  Partial<CreateTargetEnterpriseInput>;

export function useCreateTarget() {
  return useMutation({
    mutationFn: (input: NewTarget) => api.post<TargetEnterpriseView>('/api/target-enterprises', input),
    onSuccess: invalidate,
  });
}

export function useUpdateTarget() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateTargetEnterpriseInput }) =>
      api.patch<TargetEnterpriseView>(`/api/target-enterprises/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useAddTargetEvent(id: string) {
  return useMutation({
    mutationFn: (input: AddTargetEventInput) =>
      api.post<TargetEventView[]>(`/api/target-enterprises/${id}/history`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteTarget() {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/target-enterprises/${id}`),
    onSuccess: invalidate,
  });
}

/** Check (nothing saved) or commit an import of the same file. */
export async function importTargets(
  file: File,
  step: 'check' | 'commit',
  existing: 'update' | 'skip',
): Promise<TargetImportResult> {
  const form = new FormData();
  form.append('file', file);
  const path = step === 'check' ? '/api/target-enterprises/import/check' : '/api/target-enterprises/import';
  const result = await api.upload<TargetImportResult>(`${path}?existing=${existing}`, form);
  if (result.saved) await invalidate();
  return result;
}
