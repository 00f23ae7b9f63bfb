import type { PublicEvent } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const eventAvailabilityQueryKey = (eventId: string) => ['event-availability', eventId] as const;

/** Tickets left per ticket type id. */
export type Availability = Record<string, number>;

const POLL_MS = 5_000;

/**
 * Live availability of an event's ticket types. For now it polls the public event every 5 s while
 * the tab is visible; the WebSocket (GET /api/public/events/{id}/live, which pushes
 * `{type:"availability", ticketTypes:[{id, available}]}`) can replace the polling here without any
 * caller changing: they only read `availability[ticketTypeId]`.
 */
export function useEventAvailability(eventId: string | undefined) {
  const query = useQuery({
    queryKey: eventAvailabilityQueryKey(eventId ?? ''),
    queryFn: async ({ signal }): Promise<Availability> => {
      const event = await api<PublicEvent>(`/api/public/events/${encodeURIComponent(eventId ?? '')}`, {
        signal,
      });
      return Object.fromEntries(event.ticketTypes.map((type) => [type.id, type.available]));
    },
    enabled: Boolean(eventId),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  return { availability: query.data, updatedAt: query.dataUpdatedAt, isLive: query.isSuccess };
}
