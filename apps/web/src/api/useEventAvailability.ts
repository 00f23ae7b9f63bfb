import { type LiveQueueMessage, LivePublicMessage, type PublicEvent } from '@zevents/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './client';
import { useLiveSocket } from './useLiveSocket';

export const eventAvailabilityQueryKey = (eventId: string) => ['event-availability', eventId] as const;

/** Tickets left per ticket type id. */
export type Availability = Record<string, number>;

/** Polling only while the live socket is down. */
const FALLBACK_POLL_MS = 15_000;

/**
 * Live availability of an event's ticket types: the WebSocket GET /api/public/events/{id}/live pushes
 * `{type:"availability", ticketTypes}` whenever it changes; polling takes over while it is down.
 * Callers only read `availability[ticketTypeId]`.
 */
export function useEventAvailability(
  eventId: string | undefined,
  /** The waiting room's figures, pushed on the same socket while the event has a room on. */
  onQueue?: (message: LiveQueueMessage) => void,
) {
  const queryClient = useQueryClient();
  const onMessage = useCallback(
    (message: LivePublicMessage) => {
      if (!eventId) return;
      if (message.type === 'queue') {
        onQueue?.(message);
        return;
      }
      queryClient.setQueryData<Availability>(
        eventAvailabilityQueryKey(eventId),
        Object.fromEntries(message.ticketTypes.map((type) => [type.id, type.available])),
      );
    },
    [eventId, queryClient, onQueue],
  );
  const isLive = useLiveSocket(
    eventId ? `/api/public/events/${encodeURIComponent(eventId)}/live` : undefined,
    LivePublicMessage,
    onMessage,
  );
  const query = useQuery({
    queryKey: eventAvailabilityQueryKey(eventId ?? ''),
    queryFn: async ({ signal }): Promise<Availability> => {
      const event = await api<PublicEvent>(`/api/public/events/${encodeURIComponent(eventId ?? '')}`, {
        signal,
      });
      return Object.fromEntries(event.ticketTypes.map((type) => [type.id, type.available]));
    },
    enabled: Boolean(eventId),
    refetchInterval: isLive ? false : FALLBACK_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: isLive ? Infinity : 0,
  });
  return { availability: query.data, updatedAt: query.dataUpdatedAt, isLive: isLive || query.isSuccess };
}
