import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { NetworkOption, Outcome, OutcomeDimension } from '../../../domain/network/network.schemas.js';
import { api } from '../../app/api.js';

export type NetworkOptionKind = 'source' | 'event' | 'chain_link';

/** Every network query starts with this key: a write to sources, events or chains invalidates it whole. */
export const networkKey = ['network'] as const;

export function useNetworkOptions(kind: NetworkOptionKind, q: string, ids: string[]) {
  return useQuery({
    queryKey: [...networkKey, 'options', kind, q, ids],
    queryFn: () =>
      api.get<NetworkOption[]>('/api/network/options', {
        kind,
        q: q || undefined,
        ids: ids.length ? ids.join(',') : undefined,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useOutcomes(query: { by: OutcomeDimension; from: string; to: string; keys?: string[] }) {
  return useQuery({
    queryKey: [...networkKey, 'outcomes', query],
    queryFn: () =>
      api.get<Outcome[]>('/api/network/outcomes', {
        by: query.by,
        from: query.from,
        to: query.to,
        keys: query.keys?.length ? query.keys.join(',') : undefined,
      }),
    enabled: query.keys === undefined || query.keys.length > 0,
  });
}
