import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTrackingLinkBody, TrackingLink } from '@zevents/contracts';
import { api } from '../../../api/client';
import { eventAnalyticsRootKey } from '../queries/useEventAnalytics';
import { trackingLinksQueryKey } from '../queries/useTrackingLinks';

export function useCreateTrackingLink(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTrackingLinkBody) =>
      api<TrackingLink>(`/api/events/${encodeURIComponent(eventId)}/tracking-links`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trackingLinksQueryKey(eventId) }),
  });
}

/** A deleted link's visitors stay counted under its code; the report names them by code from now on. */
export function useDeleteTrackingLink(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      api<void>(`/api/events/${encodeURIComponent(eventId)}/tracking-links/${encodeURIComponent(linkId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trackingLinksQueryKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventAnalyticsRootKey(eventId) }),
      ]),
  });
}
