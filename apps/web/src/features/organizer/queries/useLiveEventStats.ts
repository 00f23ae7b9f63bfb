import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventStats } from '@zevents/contracts';
import { useEffect, useRef } from 'react';
import { api } from '../../../api/client';
import { eventAttendeesRootKey } from './useEventAttendees';
import { eventOrdersRootKey } from './useEventOrders';

export const eventStatsQueryKey = (eventId: string) => ['events', eventId, 'stats'] as const;

/** How often the figures are fetched again while the page is open. */
export const LIVE_REFRESH_MS = 5_000;

function fingerprint(stats: EventStats): string {
  return [stats.ticketsSold, stats.ticketsHeld, stats.revenueCents, stats.refundsCents, stats.checkedIn].join(
    ':',
  );
}

/**
 * The one place that keeps an event's figures live, for the dashboard and the door. For now it polls
 * GET /stats every few seconds; the WebSocket at /api/events/{id}/live can replace the polling here
 * (write each `{type:"stats"}` push into this query's cache) without touching any page.
 *
 * When the figures move, the order and attendee lists of the event are refreshed too, so "recent
 * orders" shows the sale that changed the numbers.
 */
export function useLiveEventStats(eventId: string, options: { enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: eventStatsQueryKey(eventId),
    queryFn: ({ signal }) => api<EventStats>(`/api/events/${encodeURIComponent(eventId)}/stats`, { signal }),
    enabled: options.enabled ?? true,
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });

  const previous = useRef<string | null>(null);
  const current = query.data ? fingerprint(query.data) : null;
  useEffect(() => {
    if (current === null) return;
    if (previous.current !== null && previous.current !== current) {
      void queryClient.invalidateQueries({ queryKey: eventOrdersRootKey(eventId) });
      void queryClient.invalidateQueries({ queryKey: eventAttendeesRootKey(eventId) });
    }
    previous.current = current;
  }, [current, eventId, queryClient]);

  return query;
}
