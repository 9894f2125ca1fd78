import { useQuery } from '@tanstack/react-query';
import type { Inbox } from '../../../domain/inbox/inbox.schemas.js';
import { api } from '../../app/api.js';

/** The key other features invalidate after a write (['inbox']). */
export function useInbox() {
  return useQuery({ queryKey: ['inbox'], queryFn: () => api.get<Inbox>('/api/landing/inbox') });
}
