import { useQuery } from '@tanstack/react-query';
import type { Page, Reminder } from '@zevents/contracts';
import { api } from '../../../api/client';

export const remindersQueryKey = (eventId: string) => ['events', eventId, 'reminders'] as const;

export function useReminders(eventId: string) {
  return useQuery({
    queryKey: remindersQueryKey(eventId),
    queryFn: ({ signal }) =>
      api<Page<Reminder>>(`/api/events/${encodeURIComponent(eventId)}/reminders`, { signal }),
  });
}
