import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SubmissionAction } from '../../../domain/capital/capital.rules.js';
import type {
  CapitalReportView,
  MonthSheet,
  projectCapitalSchema,
  SubmissionView,
  UpsertCapitalReportInput,
} from '../../../domain/capital/capital.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export type ProjectCapital = z.infer<typeof projectCapitalSchema>;
export interface VoucherView {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export const capitalKeys = {
  all: ['capital'] as const,
  project: (projectId: string) => ['capital', 'project', projectId] as const,
  sheet: (month: string, unitId: string) => ['capital', 'sheet', month, unitId] as const,
  submissions: (month: string) => ['capital', 'submissions', month] as const,
  vouchers: (reportId: string) => ['capital', 'vouchers', reportId] as const,
};

const invalidate = () => queryClient.invalidateQueries({ queryKey: capitalKeys.all });

export function useProjectCapital(projectId: string) {
  return useQuery({
    queryKey: capitalKeys.project(projectId),
    queryFn: () => api.get<ProjectCapital>(`/api/projects/${projectId}/capital-reports`),
  });
}

export function useMonthSheet(month: string, unitId: string | undefined) {
  return useQuery({
    queryKey: capitalKeys.sheet(month, unitId ?? ''),
    queryFn: () => api.get<MonthSheet>(`/api/capital/months/${month}`, { unitId }),
    enabled: !!unitId,
  });
}

export function useSubmissions(month: string) {
  return useQuery({
    queryKey: capitalKeys.submissions(month),
    queryFn: () => api.get<SubmissionView[]>('/api/capital/submissions', { month }),
  });
}

/** One project-month; a caller saving many rows awaits each in turn and invalidates once at the end. */
export function saveReport(projectId: string, month: string, input: UpsertCapitalReportInput) {
  return api.put<CapitalReportView>(`/api/projects/${projectId}/capital-reports/${month}`, input);
}

export function useSaveReport() {
  return useMutation({
    mutationFn: (v: { projectId: string; month: string; input: UpsertCapitalReportInput }) =>
      saveReport(v.projectId, v.month, v.input),
    onSuccess: invalidate,
  });
}

export { invalidate as invalidateCapital };

export function useTransition() {
  return useMutation({
    mutationFn: (v: { month: string; action: SubmissionAction; unitId: string; reason?: string }) =>
      api.post<SubmissionView>(`/api/capital/months/${v.month}/${v.action}`, {
        unitId: v.unitId,
        ...(v.reason ? { reason: v.reason } : {}),
      }),
    onSuccess: invalidate,
  });
}

export function useVouchers(reportId: string) {
  return useQuery({
    queryKey: capitalKeys.vouchers(reportId),
    queryFn: () => api.get<VoucherView[]>(`/api/capital/reports/${reportId}/vouchers`),
  });
}

export function useUploadVoucher() {
  return useMutation({
    mutationFn: ({ reportId, file }: { reportId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<VoucherView>(`/api/capital/reports/${reportId}/vouchers`, form);
    },
    onSuccess: invalidate,
  });
}

export function useDeleteVoucher() {
  return useMutation({
    mutationFn: ({ reportId, id }: { reportId: string; id: string }) =>
      api.delete<void>(`/api/capital/reports/${reportId}/vouchers/${id}`),
    onSuccess: invalidate,
  });
}

/** The day of the next month by which a unit's month counts as on time (the center sets it). */
export function useDueDay() {
  return useQuery({
    queryKey: ['capital', 'due-day'],
    queryFn: () => api.get<{ dueDay: number }>('/api/settings/capital-due-day'),
  });
}

export function useSaveDueDay() {
  return useMutation({
    mutationFn: (dueDay: number) => api.put<{ dueDay: number }>('/api/settings/capital-due-day', { dueDay }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['capital'] }),
  });
}
