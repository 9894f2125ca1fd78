import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { SchemeItem } from '../../../domain/assessment/scheme.js';
import type {
  CheckSchemeResult,
  CreateSchemeInput,
  ExamplesResult,
  ExplainInput,
  ExplainResult,
  FunctionsResult,
  PreviewInput,
  PreviewResult,
  SchemeSummary,
  SchemeView,
  UpdateSchemeInput,
} from '../../../domain/assessment/schemes.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

const base = '/api/assessment/schemes';

export const schemeKeys = {
  all: ['schemes'] as const,
  list: (year?: number) => ['schemes', 'list', year ?? 'all'] as const,
  one: (id: string) => ['schemes', 'one', id] as const,
  examples: ['schemes', 'examples'] as const,
  functions: ['schemes', 'functions'] as const,
  check: (items: string) => ['schemes', 'check', items] as const,
};
const invalidate = () => queryClient.invalidateQueries({ queryKey: ['schemes'] });

export function useSchemes(year?: number) {
  return useQuery({
    queryKey: schemeKeys.list(year),
    queryFn: () => api.get<{ items: SchemeSummary[] }>(base, { year }),
  });
}

export function useScheme(id: string) {
  return useQuery({ queryKey: schemeKeys.one(id), queryFn: () => api.get<SchemeView>(`${base}/${id}`) });
}

export function useExamples() {
  return useQuery({
    queryKey: schemeKeys.examples,
    queryFn: () => api.get<ExamplesResult>(`${base}/examples`),
    staleTime: Infinity,
  });
}

export function useFunctionHelp() {
  return useQuery({
    queryKey: schemeKeys.functions,
    queryFn: () => api.get<FunctionsResult>('/api/assessment/functions'),
    staleTime: Infinity,
  });
}

/** The live check of the items being edited (the caller debounces); the last answer stays while typing. */
export function useSchemeCheck(items: SchemeItem[], enabled: boolean) {
  const json = JSON.stringify(items);
  return useQuery({
    queryKey: schemeKeys.check(json),
    queryFn: () => api.post<CheckSchemeResult>(`${base}/check`, { items }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useCreateScheme() {
  return useMutation({
    mutationFn: (input: CreateSchemeInput) => api.post<SchemeView>(base, input),
    onSuccess: invalidate,
  });
}

export function useUpdateScheme(id: string) {
  return useMutation({
    mutationFn: (input: UpdateSchemeInput) => api.put<SchemeView>(`${base}/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useSchemeAction() {
  return useMutation({
    mutationFn: (
      v: { id: string; action: 'publish' | 'revise' } | { id: string; action: 'copy'; toYear: number },
    ) =>
      v.action === 'copy'
        ? api.post<SchemeView>(`${base}/${v.id}/copy`, { toYear: v.toYear })
        : api.post<SchemeView>(`${base}/${v.id}/${v.action}`),
    onSuccess: invalidate,
  });
}

export function useDeleteScheme() {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`${base}/${id}`),
    onSuccess: invalidate,
  });
}

export function usePreview(id: string) {
  return useMutation({
    mutationFn: (input: PreviewInput) => api.post<PreviewResult>(`${base}/${id}/preview`, input),
  });
}

export function useExplain(id: string) {
  return useMutation({
    mutationFn: (input: ExplainInput) => api.post<ExplainResult>(`${base}/${id}/explain`, input),
  });
}
