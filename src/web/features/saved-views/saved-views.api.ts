import { useMutation, useQuery } from '@tanstack/react-query';
import type { SavedView, SavedViewList } from '../../../domain/saved-views/saved-views.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const savedViewKeys = {
  list: (list: SavedViewList) => ['saved-views', list] as const,
};

export function useSavedViews(list: SavedViewList) {
  return useQuery({
    queryKey: savedViewKeys.list(list),
    queryFn: () => api.get<{ items: SavedView[] }>('/api/saved-views', { list }),
  });
}

export function useSaveView(list: SavedViewList) {
  return useMutation({
    mutationFn: (input: { name: string; query: Record<string, string>; columns: string[] | null }) =>
      api.post<SavedView>('/api/saved-views', { list, ...input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.list(list) }),
  });
}

export function useDeleteView(list: SavedViewList) {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/saved-views/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.list(list) }),
  });
}
