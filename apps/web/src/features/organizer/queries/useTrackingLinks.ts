import { useQuery } from '@tanstack/react-query';
import type { TrackingLinkList } from '@zevents/contracts';
import { api } from '../../../api/client';

export const trackingLinksQueryKey = (eventId: string) => ['events', eventId, 'tracking-links'] as const;

/** The event's tracking links, each with what it brought in since it was made. */
export function useTrackingLinks(eventId: string) {
  return useQuery({
    queryKey: trackingLinksQueryKey(eventId),
    queryFn: ({ signal }) =>
      api<TrackingLinkList>(`/api/events/${encodeURIComponent(eventId)}/tracking-links`, { signal }),
    enabled: Boolean(eventId),
  });
}
