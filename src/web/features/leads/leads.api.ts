import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  ConvertLeadInput,
  CreateLeadInput,
  LeadClockSettings,
  LeadEventView,
  LeadListQuery,
  LeadNoteInput,
  LeadSort,
  LeadView,
  RespondLeadInput,
  ScreenLeadInput,
  ShareLeadInput,
  UpdateLeadInput,
} from '../../../domain/leads/leads.schemas.js';
import type { Stage } from '../../../domain/projects/stages.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export type LeadsQuery = LeadListQuery & { sort?: LeadSort; page: number; pageSize: number };

export interface LeadDetail {
  lead: LeadView;
  events: LeadEventView[];
  project: { id: string; name: string; stage: Stage } | null;
}

export interface ConflictView {
  enterpriseId: string;
  enterpriseName: string;
  state: 'unresolved' | 'reopened' | 'resolved';
  units: { unitId: string; unitName: string; leads: number; projects: number }[];
  resolution: {
    kind: 'primary' | 'co_credit';
    primaryUnitId: string | null;
    shares: { unitId: string; basisPoints: number }[] | null;
    unitIds: string[];
    note: string | null;
    resolvedAt: string;
  } | null;
}

export type ResolveConflictInput =
  | { kind: 'primary'; primaryUnitId: string; note?: string | null }
  | { kind: 'co_credit'; shares: { unitId: string; basisPoints: number }[]; note?: string | null };

export const leadKeys = {
  all: ['leads'] as const,
  list: (q: LeadsQuery) => ['leads', 'list', q] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
  settings: ['leads', 'settings'] as const,
  conflicts: (state: string) => ['leads', 'conflicts', state] as const,
};

const invalidateLeads = () => queryClient.invalidateQueries({ queryKey: leadKeys.all });

/** The list's filters as query-string values (empty ones left out), shared by the list and the export link. */
export function leadQueryParams(q: Partial<LeadsQuery>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}

export function leadsExportHref(q: LeadListQuery): string {
  const { ...filters } = q;
  const s = new URLSearchParams(leadQueryParams(filters)).toString();
  return `/api/leads/export.xlsx${s ? `?${s}` : ''}`;
}

export function useLeads(q: LeadsQuery) {
  return useQuery({
    queryKey: leadKeys.list(q),
    queryFn: () => api.get<{ items: LeadView[]; total: number }>('/api/leads', leadQueryParams(q)),
    placeholderData: keepPreviousData,
  });
}

export function useLead(id: string) {
  return useQuery({
    queryKey: leadKeys.detail(id),
    queryFn: () => api.get<LeadDetail>(`/api/leads/${id}`),
  });
}

export type NewLead = Omit<
  CreateLeadInput,
  | 'referrer'
  | 'intention'
  | 'intendedAmountYuan'
  | 'industryDivision'
  | 'chain'
  | 'siteNeeds'
  | 'supportAsked'
  | 'shared'
  | 'referralSourceId'
  | 'eventId'
  | 'chainLinkId'
> &
  Partial<CreateLeadInput>;

export function useCreateLead() {
  return useMutation({
    mutationFn: (input: NewLead) => api.post<LeadView>('/api/leads', input),
    onSuccess: invalidateLeads,
  });
}

export function useUpdateLead() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateLeadInput }) =>
      api.patch<LeadView>(`/api/leads/${id}`, patch),
    onSuccess: invalidateLeads,
  });
}

type ActionBody = {
  respond: RespondLeadInput;
  screen: ScreenLeadInput;
  feedback: LeadNoteInput;
  'progress-report': LeadNoteInput;
  share: ShareLeadInput;
  convert: ConvertLeadInput;
};
export type LeadAction = keyof ActionBody;

export function useLeadAction<A extends LeadAction>(action: A) {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ActionBody[A] }) =>
      api.post<LeadView>(`/api/leads/${id}/${action}`, body),
    onSuccess: (lead) => {
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      return queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) }).then(invalidateLeads);
    },
  });
}

export function useLeadClockSettings() {
  return useQuery({
    queryKey: leadKeys.settings,
    queryFn: () => api.get<LeadClockSettings>('/api/settings/lead-clocks'),
  });
}

export function useSaveLeadClockSettings() {
  return useMutation({
    mutationFn: (s: LeadClockSettings) => api.put<LeadClockSettings>('/api/settings/lead-clocks', s),
    onSuccess: invalidateLeads,
  });
}

export function useConflicts(state: 'open' | 'all') {
  return useQuery({
    queryKey: leadKeys.conflicts(state),
    queryFn: () => api.get<ConflictView[]>('/api/conflicts', { state }),
  });
}

export function useResolveConflict() {
  return useMutation({
    mutationFn: ({ enterpriseId, body }: { enterpriseId: string; body: ResolveConflictInput }) =>
      api.post<ConflictView>(`/api/conflicts/${enterpriseId}/resolve`, body),
    onSuccess: invalidateLeads,
  });
}
