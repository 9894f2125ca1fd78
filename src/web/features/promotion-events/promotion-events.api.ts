import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  CalendarItem,
  CreateEventInput,
  EventDetail,
  EventListQuery,
  EventSummary,
  EventView,
  MeetingInput,
  MeetingLeadInput,
  MeetingView,
  TaskDoneInput,
  TaskInput,
  TaskView,
  UpdateEventInput,
  UpdateMeetingInput,
  UpdateTaskInput,
} from '../../../domain/network/events.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';
import { networkKey } from '../network/network.api.js';

export const eventKeys = {
  all: ['promotion-events'] as const,
  list: (q: Partial<EventListQuery>) => ['promotion-events', 'list', q] as const,
  calendar: (month: string, unitId?: string) => ['promotion-events', 'calendar', month, unitId] as const,
  detail: (id: string) => ['promotion-events', 'detail', id] as const,
};

/** After a write: the event pages, the pickers and outcomes (network), and leads (a meeting may make one). */
function invalidate() {
  void queryClient.invalidateQueries({ queryKey: eventKeys.all });
  void queryClient.invalidateQueries({ queryKey: networkKey });
  void queryClient.invalidateQueries({ queryKey: ['leads'] });
}

const params = (q: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );

export function useEvents(q: Partial<EventListQuery>) {
  return useQuery({
    queryKey: eventKeys.list(q),
    queryFn: () => api.get<{ items: EventSummary[]; total: number }>('/api/promotion-events', params(q)),
    placeholderData: keepPreviousData,
  });
}

export function useEventCalendar(month: string, unitId?: string) {
  return useQuery({
    queryKey: eventKeys.calendar(month, unitId),
    queryFn: () => api.get<CalendarItem[]>('/api/promotion-events/calendar', params({ month, unitId })),
    placeholderData: keepPreviousData,
  });
}

/** Open follow-up tasks across the events the caller reads (overdue only on request). */
export function useOpenTasks(overdue: boolean) {
  return useQuery({
    queryKey: [...eventKeys.all, 'tasks', overdue] as const,
    queryFn: () =>
      api.get<TaskView[]>('/api/promotion-events/tasks', {
        open: 'true',
        overdue: overdue ? 'true' : undefined,
      }),
  });
}

export function useEvent(id: string) {
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: () => api.get<EventDetail>(`/api/promotion-events/${id}`),
  });
}

export type NewEvent = Pick<CreateEventInput, 'unitId' | 'kind' | 'name' | 'startsOn' | 'endsOn'> &
  Partial<CreateEventInput>;

export function useCreateEvent() {
  return useMutation({
    mutationFn: (input: NewEvent) => api.post<EventView>('/api/promotion-events', input),
    onSuccess: invalidate,
  });
}

export function useUpdateEvent() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateEventInput }) =>
      api.patch<EventView>(`/api/promotion-events/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteEvent() {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/promotion-events/${id}`),
    onSuccess: invalidate,
  });
}

export function useSaveMeeting(eventId: string) {
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: MeetingInput | UpdateMeetingInput }) =>
      id
        ? api.patch<MeetingView>(`/api/promotion-events/${eventId}/meetings/${id}`, body)
        : api.post<MeetingView>(`/api/promotion-events/${eventId}/meetings`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteMeeting(eventId: string) {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/promotion-events/${eventId}/meetings/${id}`),
    onSuccess: invalidate,
  });
}

export function useMeetingToLead(eventId: string) {
  return useMutation({
    mutationFn: ({
      meetingId,
      body,
    }: {
      meetingId: string;
      body: Partial<MeetingLeadInput> & { title: string };
    }) =>
      api.post<{ lead: { id: string; title: string }; meeting: MeetingView }>(
        `/api/promotion-events/${eventId}/meetings/${meetingId}/lead`,
        body,
      ),
    onSuccess: invalidate,
  });
}

export function useSaveTask(eventId: string) {
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TaskInput | UpdateTaskInput }) =>
      id
        ? api.patch<TaskView>(`/api/promotion-events/${eventId}/tasks/${id}`, body)
        : api.post<TaskView>(`/api/promotion-events/${eventId}/tasks`, body),
    onSuccess: invalidate,
  });
}

export function useTaskDone(eventId: string) {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TaskDoneInput }) =>
      api.post<TaskView>(`/api/promotion-events/${eventId}/tasks/${id}/done`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteTask(eventId: string) {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/promotion-events/${eventId}/tasks/${id}`),
    onSuccess: invalidate,
  });
}
