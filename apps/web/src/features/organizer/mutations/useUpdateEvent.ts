import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Event, UpdateEventBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { eventQueryKey } from '../queries/useEvent';
import { organizationEventsQueryKey } from '../queries/useOrganizationEvents';

export function useUpdateEvent(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateEventBody) =>
      api<Event>(`/api/events/${encodeURIComponent(eventId)}`, { method: 'PATCH', body }),
    onSuccess: (event) => {
      queryClient.setQueryData<Event>(eventQueryKey(eventId), (old) => ({ ...old, ...event }));
      return queryClient.invalidateQueries({ queryKey: organizationEventsQueryKey(event.organizationId) });
    },
  });
}
