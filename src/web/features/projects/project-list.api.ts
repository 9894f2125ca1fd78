import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { StageCounts } from '../../../domain/projects/project-list.js';
import type { Stage } from '../../../domain/projects/stages.js';
import { api } from '../../app/api.js';
import type { FilterParams } from './project-list-query.js';
import type { ProjectPage } from './projects.api.js';

// Keys start with 'projects', so a saved or moved project refreshes the board and its counts as well.

export const BOARD_PAGE_SIZE = 20;

export function useStageCounts(filters: FilterParams) {
  return useQuery({
    queryKey: ['projects', 'stage-counts', filters],
    queryFn: () => api.get<StageCounts>('/api/projects/stage-counts', { ...filters }),
    placeholderData: keepPreviousData,
  });
}

/** One board column: the filtered projects of one stage, a page at a time (「加载更多」). */
export function useBoardColumn(stage: Stage, filters: FilterParams) {
  return useInfiniteQuery({
    queryKey: ['projects', 'board', stage, filters],
    queryFn: ({ pageParam }) =>
      api.get<ProjectPage>('/api/projects', {
        ...filters,
        stage,
        page: pageParam,
        pageSize: BOARD_PAGE_SIZE,
      }),
    initialPageParam: 1,
    getNextPageParam: (last, pages) =>
      pages.length * BOARD_PAGE_SIZE < last.total ? pages.length + 1 : undefined,
  });
}
