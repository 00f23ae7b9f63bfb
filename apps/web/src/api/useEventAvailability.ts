import { type LiveQueueMessage, LivePublicMessage, type PublicEvent } from '@zevents/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './client';
import { useLiveSocket } from './useLiveSocket';

export const eventAvailabilityQueryKey = (eventId: string) => ['event-availability', eventId] as const;
/** Under the event's key, so whatever refreshes the event's availability refreshes its dates' too. */
const dateAvailabilityQueryKey = (eventId: string, dateId: string) =>
  [...eventAvailabilityQueryKey(eventId), 'date', dateId] as const;

/** Tickets left per ticket type id. */
export type Availability = Record<string, number>;

/** Polling only while the live socket is down. */
const FALLBACK_POLL_MS = 15_000;

/**
 * Live availability of an event's ticket types: the WebSocket GET /api/public/events/{id}/live pushes
 * `{type:"availability", ticketTypes}` whenever it changes; polling takes over while it is down.
 * Callers only read `availability[ticketTypeId]`.
 *
 * With `dateId` it is what is left on that date of an event with dates. The socket's figures are the
 * sums over every date, so there a push only says "something changed": the date's figures are then
 * read again from the public event.
 */
export function useEventAvailability(
  eventId: string | undefined,
  /** The waiting room's figures, pushed on the same socket while the event has a room on. */
  onQueue?: (message: LiveQueueMessage) => void,
  dateId?: string,
) {
  const queryClient = useQueryClient();
  const queryKey = dateId
    ? dateAvailabilityQueryKey(eventId ?? '', dateId)
    : eventAvailabilityQueryKey(eventId ?? '');
  const onMessage = useCallback(
    (message: LivePublicMessage) => {
      if (!eventId) return;
      if (message.type === 'queue') {
        onQueue?.(message);
        return;
      }
      if (dateId) {
        void queryClient.invalidateQueries({ queryKey: dateAvailabilityQueryKey(eventId, dateId) });
        return;
      }
      queryClient.setQueryData<Availability>(
        eventAvailabilityQueryKey(eventId),
        Object.fromEntries(message.ticketTypes.map((type) => [type.id, type.available])),
      );
    },
    [eventId, dateId, queryClient, onQueue],
  );
  const isLive = useLiveSocket(
    eventId ? `/api/public/events/${encodeURIComponent(eventId)}/live` : undefined,
    LivePublicMessage,
    onMessage,
  );
  const query = useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<Availability> => {
      const event = await api<PublicEvent>(`/api/public/events/${encodeURIComponent(eventId ?? '')}`, {
        signal,
      });
      if (dateId) {
        // A date that has ended leaves the page: nothing is left on it.
        const date = event.dates.find((candidate) => candidate.id === dateId);
        return Object.fromEntries((date?.ticketTypes ?? []).map((type) => [type.id, type.available]));
      }
      return Object.fromEntries(event.ticketTypes.map((type) => [type.id, type.available]));
    },
    enabled: Boolean(eventId),
    refetchInterval: isLive ? false : FALLBACK_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: isLive ? Infinity : 0,
  });
  return { availability: query.data, updatedAt: query.dataUpdatedAt, isLive: isLive || query.isSuccess };
}
