import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReminderRule } from '../../../domain/landing/reminder-rules.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export interface LandingClocks {
  preReviewThresholdYuan: string;
  preReviewOpinionDays: number;
  problemDeadlineDays: number;
  problemEscalateDays: number;
  firstContactDays: number;
}

export interface JobRunView {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  host: string | null;
  createdCount: number;
  detail: Record<string, number> | null;
}

export interface LandingSettings {
  clocks: LandingClocks;
  rules: ReminderRule[];
  runs: JobRunView[];
}

export interface RunResult {
  skipped: boolean;
  created: number;
  outbound: number;
  counts: Record<string, number>;
}

export const landingSettingsKey = ['landing', 'settings'] as const;

export function useLandingSettings() {
  return useQuery({
    queryKey: landingSettingsKey,
    queryFn: () => api.get<LandingSettings>('/api/landing/settings'),
  });
}

export function useSaveLandingSettings() {
  return useMutation({
    mutationFn: (body: { clocks: LandingClocks; rules: ReminderRule[] }) =>
      api.put<LandingSettings>('/api/landing/settings', body),
    onSuccess: (data) => queryClient.setQueryData(landingSettingsKey, data),
  });
}

export function useRunReminders() {
  return useMutation({
    mutationFn: () => api.post<RunResult>('/api/reminders/run'),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: landingSettingsKey });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}
