import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  CityComparisonView,
  FigureInput,
  ImportResult,
} from '../../../domain/city-comparison/city-comparison.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const cityKeys = {
  all: ['city-comparison'] as const,
  month: (year: number, month: number) => ['city-comparison', year, month] as const,
};

export function useCityComparison(year: number, month: number) {
  return useQuery({
    queryKey: cityKeys.month(year, month),
    queryFn: () => api.get<CityComparisonView>('/api/assessment/city', { year, month }),
  });
}

export function useSaveFigures(year: number, month: number) {
  return useMutation({
    mutationFn: (figures: FigureInput[]) =>
      api.put<CityComparisonView>('/api/assessment/city/figures', { year, month, figures }),
    onSuccess: (view) => queryClient.setQueryData(cityKeys.month(year, month), view),
  });
}

export function useDeletePeer(year: number, month: number) {
  return useMutation({
    mutationFn: (peerName: string) =>
      api.delete<{ deleted: number }>(
        `/api/assessment/city/figures?year=${year}&month=${month}&peerName=${encodeURIComponent(peerName)}`,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cityKeys.all }),
  });
}

export function useImportCity(year: number, month: number) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<ImportResult>(`/api/assessment/city/import?year=${year}&month=${month}`, form);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cityKeys.all }),
  });
}

export const templateUrl = (year: number, month: number) =>
  `/api/assessment/city/template.xlsx?year=${year}&month=${month}`;
