import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Reminder } from '@zevents/contracts';
import { api } from '../../../api/client';
import { remindersQueryKey } from '../queries/useReminders';

export function useAddReminder(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (offsetMinutes: number) =>
      api<Reminder>(`/api/events/${encodeURIComponent(eventId)}/reminders`, {
        method: 'POST',
        body: { offsetMinutes },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: remindersQueryKey(eventId) }),
  });
}

export function useRemoveReminder(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (offsetMinutes: number) =>
      api<void>(`/api/events/${encodeURIComponent(eventId)}/reminders/${offsetMinutes}`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: remindersQueryKey(eventId) }),
  });
}
