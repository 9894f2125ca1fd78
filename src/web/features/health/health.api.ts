import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';

export interface Health {
  status: string;
  version: string;
  database: { kind: string; serverVersion: string };
}

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: () => api.get<Health>('/api/health', undefined, { sessionRedirect: false }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
