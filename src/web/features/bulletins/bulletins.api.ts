import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  BulletinDetail,
  BulletinKind,
  BulletinMeta,
  CreateBulletinInput,
} from '../../../domain/bulletins/bulletins.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

const base = '/api/bulletins';
const invalidate = () => queryClient.invalidateQueries({ queryKey: ['bulletins'] });

export function useBulletins(filter: { kind?: BulletinKind | undefined; year?: number | undefined }) {
  return useQuery({
    queryKey: ['bulletins', 'list', filter.kind ?? 'all', filter.year ?? 'all'],
    queryFn: () => api.get<BulletinMeta[]>(base, { kind: filter.kind, year: filter.year }),
  });
}

export function useBulletin(id: string) {
  return useQuery({
    queryKey: ['bulletins', 'one', id],
    queryFn: () => api.get<BulletinDetail>(`${base}/${id}`),
  });
}

export function useCreateBulletin() {
  return useMutation({
    mutationFn: (input: CreateBulletinInput) => api.post<BulletinMeta>(base, input),
    onSuccess: invalidate,
  });
}

export function useBulletinAction() {
  return useMutation({
    mutationFn: (
      v: { id: string; action: 'refresh' | 'publish' } | { id: string; action: 'correct'; reason: string },
    ) =>
      v.action === 'correct'
        ? api.post<BulletinMeta>(`${base}/${v.id}/correct`, { reason: v.reason })
        : api.post<BulletinMeta>(`${base}/${v.id}/${v.action}`),
    onSuccess: invalidate,
  });
}

export const fileUrl = (id: string, format: 'docx' | 'xlsx') => `${base}/${id}/${format}`;
