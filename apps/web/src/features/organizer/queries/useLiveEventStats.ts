import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type EventStats, LiveDashboardMessage, type LiveQueueMessage } from '@zevents/contracts';
import { useCallback, useEffect, useRef } from 'react';
import { api } from '../../../api/client';
import { orderKeys } from '../../../api/order-keys';
import { useLiveSocket } from '../../../api/useLiveSocket';
import { eventAttendeesRootKey } from './useEventAttendees';

export const eventStatsQueryKey = (eventId: string) => ['events', eventId, 'stats'] as const;

/** How often the figures are fetched again while the live socket is down. */
export const LIVE_REFRESH_MS = 5_000;

function fingerprint(stats: EventStats): string {
  return [stats.ticketsSold, stats.ticketsHeld, stats.revenueCents, stats.refundsCents, stats.checkedIn].join(
    ':',
  );
}

/**
 * The one place that keeps an event's figures live, for the dashboard and the door: the WebSocket at
 * /api/events/{id}/live pushes `{type:"stats", ...}` within a second of any sale, refund, expiry or
 * check-in, and each push is written into this query's cache; polling takes over while it is down.
 *
 * When the figures move, the order and attendee lists of the event are refreshed too, so "recent
 * orders" shows the sale that changed the numbers.
 */
export function useLiveEventStats(
  eventId: string,
  options: {
    enabled?: boolean;
    /** The waiting room's figures, pushed on the same socket about once a second while it is on. */
    onQueue?: (message: LiveQueueMessage) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  const isEnabled = options.enabled ?? true;
  const { onQueue } = options;
  const onMessage = useCallback(
    (message: LiveDashboardMessage) => {
      if (message.type === 'queue') {
        onQueue?.(message);
        return;
      }
      const { type: _type, ...stats } = message;
      queryClient.setQueryData<EventStats>(eventStatsQueryKey(eventId), stats);
    },
    [eventId, queryClient, onQueue],
  );
  const isLive = useLiveSocket(
    isEnabled ? `/api/events/${encodeURIComponent(eventId)}/live` : undefined,
    LiveDashboardMessage,
    onMessage,
  );
  const query = useQuery({
    queryKey: eventStatsQueryKey(eventId),
    queryFn: ({ signal }) => api<EventStats>(`/api/events/${encodeURIComponent(eventId)}/stats`, { signal }),
    enabled: isEnabled,
    refetchInterval: isLive ? false : LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: isLive ? Infinity : 0,
  });

  const previous = useRef<string | null>(null);
  const current = query.data ? fingerprint(query.data) : null;
  useEffect(() => {
    if (current === null) return;
    if (previous.current !== null && previous.current !== current) {
      void queryClient.invalidateQueries({ queryKey: orderKeys.ofEvent(eventId) });
      void queryClient.invalidateQueries({ queryKey: eventAttendeesRootKey(eventId) });
    }
    previous.current = current;
  }, [current, eventId, queryClient]);

  return query;
}
