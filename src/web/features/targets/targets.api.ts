import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { IndicatorKey } from '../../../domain/indicators/catalogue.js';
import type {
  catalogueEntrySchema,
  DrillView,
  ProgressView,
  TargetsImportResult,
  TargetsInput,
  TargetsView,
  YearSettingsInput,
  YearSettingsView,
} from '../../../domain/targets/targets.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

export const targetsKeys = {
  all: ['assessment'] as const,
  catalogue: ['assessment', 'catalogue'] as const,
  settings: (year: number) => ['assessment', 'settings', year] as const,
  targets: (year: number) => ['assessment', 'targets', year] as const,
  progress: (year: number, cutoff: string) => ['assessment', 'progress', year, cutoff] as const,
  drill: (q: DrillQuery) => ['assessment', 'drill', q] as const,
};

export function useCatalogue() {
  return useQuery({
    queryKey: targetsKeys.catalogue,
    queryFn: () => api.get<CatalogueEntry[]>('/api/indicators/catalogue'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useYearSettings(year: number) {
  return useQuery({
    queryKey: targetsKeys.settings(year),
    queryFn: () => api.get<YearSettingsView>(`/api/assessment/years/${year}/settings`),
  });
}

export function useSaveSettings(year: number) {
  return useMutation({
    mutationFn: (input: YearSettingsInput) =>
      api.put<YearSettingsView>(`/api/assessment/years/${year}/settings`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetsKeys.all }),
  });
}

export function useTargets(year: number) {
  return useQuery({
    queryKey: targetsKeys.targets(year),
    queryFn: () => api.get<TargetsView>(`/api/assessment/years/${year}/targets`),
    placeholderData: keepPreviousData,
  });
}

export function useSaveTargets(year: number) {
  return useMutation({
    mutationFn: (input: TargetsInput) => api.put<TargetsView>(`/api/assessment/years/${year}/targets`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetsKeys.all }),
  });
}

export function useImportTargets(year: number) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<TargetsImportResult>(`/api/assessment/years/${year}/targets/import`, form);
    },
    onSuccess: (r) => {
      if (r.saved) void queryClient.invalidateQueries({ queryKey: targetsKeys.all });
    },
  });
}

export function useProgress(year: number, cutoff: string) {
  return useQuery({
    queryKey: targetsKeys.progress(year, cutoff),
    queryFn: () => api.get<ProgressView>('/api/assessment/progress', { year, cutoff }),
    placeholderData: keepPreviousData,
  });
}

export interface DrillQuery {
  indicator: IndicatorKey;
  unitId: string;
  from: string;
  to: string;
}

export function useDrill(q: DrillQuery | null) {
  return useQuery({
    queryKey: targetsKeys.drill(q ?? { indicator: 'signed_count', unitId: '', from: '', to: '' }),
    queryFn: () => api.get<DrillView>('/api/indicators/drill', { ...q }),
    enabled: q !== null,
  });
}
