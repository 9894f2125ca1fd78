import {
  DEFAULT_PROJECT_COLUMNS,
  PROJECT_COLUMNS,
  PROJECT_SORTS,
  type ProjectColumn,
  type ProjectListFilter,
  type ProjectSort,
  projectListFilter,
} from '../../../domain/projects/project-list.js';

// The list's state lives in the address (filters, order, page, columns, list or board), so a link, the back
// button, a saved view and a dashboard's "show these" all land on the same list. The filter values are kept as
// the address writes them (`stage=signed,landed`) and go to the API unchanged: the domain schema reads both.

export type FilterKey = keyof ProjectListFilter;
export const FILTER_KEYS = Object.keys(projectListFilter.shape) as FilterKey[];
export type FilterParams = Partial<Record<FilterKey, string>>;

export const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_SORT: ProjectSort = 'updatedAt';

export interface ListUrlState {
  filters: FilterParams;
  sort: ProjectSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  view: 'list' | 'board';
  columns: ProjectColumn[];
}

/** What the API's list takes: the filters, the order and the page. */
export type ProjectListParams = FilterParams & {
  sort?: ProjectSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

const isSort = (s: string | null): s is ProjectSort =>
  (PROJECT_SORTS as readonly (string | null)[]).includes(s);
const isColumn = (s: string): s is ProjectColumn => (PROJECT_COLUMNS as readonly string[]).includes(s);

/** Comma-separated values of a list filter (empty when absent). */
export function splitList(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

export function joinList(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(',') : undefined;
}

/** A value the schema would refuse (a hand-edited or outdated link) is dropped rather than breaking the page. */
export function readFilters(source: { get(key: string): string | null }): FilterParams {
  const filters: FilterParams = {};
  for (const key of FILTER_KEYS) {
    const value = source.get(key)?.trim();
    if (value && projectListFilter.shape[key].safeParse(value).success) filters[key] = value;
  }
  return filters;
}

export function readListUrl(params: URLSearchParams): ListUrlState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort');
  const columns = splitList(params.get('columns') ?? undefined).filter(isColumn);
  return {
    filters: readFilters(params),
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    view: params.get('view') === 'board' ? 'board' : 'list',
    columns: columns.length > 0 ? columns : [...DEFAULT_PROJECT_COLUMNS],
  };
}

const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((c, i) => c === b[i]);

/** Only what differs from the defaults is written, so a plain list stays a plain `/projects`. */
export function writeListUrl(s: ListUrlState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = s.filters[key];
    if (value) params.set(key, value);
  }
  if (s.sort !== DEFAULT_SORT) params.set('sort', s.sort);
  if (s.order !== 'desc') params.set('order', s.order);
  if (s.page > 1) params.set('page', String(s.page));
  if (s.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(s.pageSize));
  if (s.view === 'board') params.set('view', 'board');
  if (!sameColumns(s.columns, DEFAULT_PROJECT_COLUMNS)) params.set('columns', s.columns.join(','));
  return params;
}

/** The query a saved view keeps: filters and order (the page and the view mode are not part of a view). */
export function viewQuery(s: ListUrlState): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = s.filters[key];
    if (value) query[key] = value;
  }
  if (s.sort !== DEFAULT_SORT) query.sort = s.sort;
  if (s.order !== 'desc') query.order = s.order;
  if (s.pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = String(s.pageSize);
  return query;
}

/** A saved view back into the list's state, keeping the view mode the person is in. */
export function applyView(
  current: ListUrlState,
  view: { query: Record<string, string>; columns: string[] | null },
): ListUrlState {
  const params = new URLSearchParams(view.query);
  const read = readListUrl(params);
  const columns = (view.columns ?? []).filter(isColumn);
  return {
    ...read,
    view: current.view,
    columns: columns.length > 0 ? columns : [...DEFAULT_PROJECT_COLUMNS],
  };
}

export function listParams(s: ListUrlState): ProjectListParams {
  return { ...s.filters, sort: s.sort, order: s.order, page: s.page, pageSize: s.pageSize };
}

/** The export's address: the same filters and order, and the columns on screen. */
export function exportHref(s: ListUrlState): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = s.filters[key];
    if (value) params.set(key, value);
  }
  params.set('sort', s.sort);
  params.set('order', s.order);
  params.set('columns', s.columns.join(','));
  return `/api/projects/export.xlsx?${params.toString()}`;
}

/** How many filters are set (for the 「更多筛选」 badge and the 清空 button). */
export function countFilters(filters: FilterParams, keys: readonly FilterKey[] = FILTER_KEYS): number {
  return keys.filter((k) => filters[k]).length;
}
