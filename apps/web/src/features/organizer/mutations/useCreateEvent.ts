import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateEventBody, Event } from '@zevents/contracts';
import { api } from '../../../api/client';
import { eventQueryKey } from '../queries/useEvent';
import { organizationEventsQueryKey } from '../queries/useOrganizationEvents';

export function useCreateEvent(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEventBody) =>
      api<Event>(`/api/organizations/${encodeURIComponent(organizationId)}/events`, { method: 'POST', body }),
    onSuccess: (event) => {
      queryClient.setQueryData(eventQueryKey(event.id), event);
      return queryClient.invalidateQueries({ queryKey: organizationEventsQueryKey(organizationId) });
    },
  });
}
