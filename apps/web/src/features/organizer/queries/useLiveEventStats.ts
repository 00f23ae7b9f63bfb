import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type EventStats, LiveDashboardMessage, type LiveQueueMessage } from '@zevents/contracts';
import { useCallback, useEffect, useRef } from 'react';
import { api } from '../../../api/client';
import { orderKeys } from '../../../api/order-keys';
import { useLiveSocket } from '../../../api/useLiveSocket';
import { eventAttendeesRootKey } from './useEventAttendees';
import { waitingListQueryKey } from './useWaitingList';

export const eventStatsQueryKey = (eventId: string) => ['events', eventId, 'stats'] as const;
/** Under the event's key, so whatever refreshes the event's figures refreshes each date's too. */
const dateStatsQueryKey = (eventId: string, dateId: string) =>
  [...eventStatsQueryKey(eventId), 'date', dateId] as const;

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
 * orders" shows the sale that changed the numbers, and so is its waiting list (an offer holds
 * tickets, a purchase sells them, an expiry frees them).
 *
 * With `dateId` the figures are that date's (`?dateId=`). The socket pushes the whole event's, so a
 * push then only says "something changed" and the date's figures are fetched again.
 */
export function useLiveEventStats(
  eventId: string,
  options: {
    enabled?: boolean;
    /** The waiting room's figures, pushed on the same socket about once a second while it is on. */
    onQueue?: (message: LiveQueueMessage) => void;
    /** One date of an event with dates; absent: every date. */
    dateId?: string | null;
    /** Each push of the figures (a sale, refund, expiry or check-in), for pages that derive their own. */
    onStats?: (stats: EventStats) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  const isEnabled = options.enabled ?? true;
  const { onQueue, onStats } = options;
  const dateId = options.dateId ?? null;
  const queryKey = dateId ? dateStatsQueryKey(eventId, dateId) : eventStatsQueryKey(eventId);
  const onMessage = useCallback(
    (message: LiveDashboardMessage) => {
      if (message.type === 'queue') {
        onQueue?.(message);
        return;
      }
      const { type: _type, ...stats } = message;
      queryClient.setQueryData<EventStats>(eventStatsQueryKey(eventId), stats);
      if (dateId) void queryClient.invalidateQueries({ queryKey: dateStatsQueryKey(eventId, dateId) });
      onStats?.(stats);
    },
    [eventId, dateId, queryClient, onQueue, onStats],
  );
  const isLive = useLiveSocket(
    isEnabled ? `/api/events/${encodeURIComponent(eventId)}/live` : undefined,
    LiveDashboardMessage,
    onMessage,
  );
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      api<EventStats>(
        `/api/events/${encodeURIComponent(eventId)}/stats${dateId ? `?dateId=${encodeURIComponent(dateId)}` : ''}`,
        { signal },
      ),
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
      void queryClient.invalidateQueries({ queryKey: waitingListQueryKey(eventId) });
    }
    previous.current = current;
  }, [current, eventId, queryClient]);

  return query;
}
