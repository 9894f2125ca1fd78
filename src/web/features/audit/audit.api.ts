import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AUDIT_RESULTS, AuditEntry } from '../../../domain/audit/audit.schemas.js';
import { api } from '../../app/api.js';

export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditFilters {
  from?: string;
  to?: string;
  username?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: AuditResult;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  reason: string | null;
}

export function useAuditLog(query: AuditFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<AuditPage>('/api/audit', { ...query }),
    placeholderData: keepPreviousData,
  });
}

/** A GET, but one the user asks for explicitly and that may take a while: a mutation, not a cached query. */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/api/audit/verify') });
}
