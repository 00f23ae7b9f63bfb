import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  estimateWaitSeconds,
  type LiveQueueMessage,
  type PublicWaitingRoom,
  type QueueStatus,
} from '@zevents/contracts';
import { useEffect, useState } from 'react';
import { api, ApiError } from './client';

/** Polling only as a fallback: the live socket's figures move the position every second. */
const FALLBACK_POLL_MS = 10_000;
/** Spreads the visitors' reads at the opening (the draw) over a couple of seconds. */
const DRAW_JITTER_MS = 2_000;

export const queueStatusKey = (eventId: string, token: string) => ['waiting-room', eventId, token] as const;
const storageKey = (eventId: string) => `zevents.queue.${eventId}`;

function readToken(eventId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(eventId));
  } catch {
    return null;
  }
}

function writeToken(eventId: string, token: string | null): void {
  try {
    if (token) window.localStorage.setItem(storageKey(eventId), token);
    else window.localStorage.removeItem(storageKey(eventId));
  } catch {
    // Private browsing without storage: the browser cookie still gives the spot back on rejoin.
  }
}

export type WaitingRoomState =
  /** No room on this event (or it was just switched off): buy directly. */
  | 'off'
  /** Too early: the queue opens at `opensAt`. */
  | 'not-open'
  | 'joining'
  | 'waiting'
  | 'admitted'
  | 'expired'
  | 'error';

export interface WaitingRoom {
  state: WaitingRoomState;
  /** 1 = next in line (an estimate before the draw). */
  position?: number;
  waitSeconds?: number;
  /** Before the opening: places are drawn at random when the sales open. */
  isDrawPending: boolean;
  pass?: string;
  passExpiresAt?: Date;
  error?: unknown;
  /** Queue again (after the pass expired, or after an error). */
  rejoin(): void;
}

/**
 * The visitor's place in an event's waiting room: joins once the queue is open (the browser keeps
 * its token, and the server recognizes the browser by its cookie, so a reload keeps the spot), then
 * follows the position from the live figures (`place - admittedThrough`) and asks the server again
 * only when its turn comes (to get the pass) or the draw happens.
 */
export function useWaitingRoom(
  eventId: string,
  room: PublicWaitingRoom | null,
  figures: LiveQueueMessage | null,
  now: Date,
): WaitingRoom {
  const queryClient = useQueryClient();
  const [token, setToken] = useState<string | null>(() => (room ? readToken(eventId) : null));
  const opensAt = room?.opensAt ? new Date(room.opensAt) : null;
  const isOpen = room !== null && (!opensAt || now >= opensAt);

  const join = useMutation({
    mutationFn: () =>
      api<QueueStatus>(`/api/public/events/${encodeURIComponent(eventId)}/queue`, { method: 'POST' }),
    onSuccess: (status) => {
      writeToken(eventId, status.queueToken);
      queryClient.setQueryData(queueStatusKey(eventId, status.queueToken), status);
      setToken(status.queueToken);
    },
  });

  const status = useQuery({
    queryKey: queueStatusKey(eventId, token ?? ''),
    queryFn: ({ signal }) =>
      api<QueueStatus>(
        `/api/public/events/${encodeURIComponent(eventId)}/queue/${encodeURIComponent(token ?? '')}`,
        { signal },
      ),
    enabled: room !== null && token !== null,
    refetchInterval: (query) => (query.state.data?.admitted ? false : FALLBACK_POLL_MS),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 3,
  });

  const { mutate: joinNow, reset: resetJoin, isIdle: isJoinIdle } = join;
  // Join as soon as the queue is open.
  useEffect(() => {
    if (isOpen && token === null && isJoinIdle) joinNow();
  }, [isOpen, token, isJoinIdle, joinNow]);

  // Too early by the server's clock (ours is ahead): try again in a few seconds.
  const isTooEarly = join.error instanceof ApiError && join.error.code === 'WAITING_ROOM_NOT_OPEN';
  useEffect(() => {
    if (!isTooEarly) return;
    const timer = setTimeout(resetJoin, 5_000);
    return () => clearTimeout(timer);
  }, [isTooEarly, resetJoin]);

  // A token the server no longer knows for this browser (cookies cleared): forget it and join again.
  const isTokenLost = status.error instanceof ApiError && status.error.status === 404;
  useEffect(() => {
    if (!isTokenLost) return;
    writeToken(eventId, null);
    setToken(null);
    resetJoin();
  }, [isTokenLost, eventId, resetJoin]);

  const data = status.data;
  const livePosition =
    data && !data.admitted && data.place !== null && figures && !figures.isDrawPending
      ? data.place - figures.admittedThrough
      : undefined;
  // Our turn by the live figures, or the draw just happened: the server has our pass or our place.
  const isDue =
    data !== undefined &&
    !data.admitted &&
    ((livePosition !== undefined && livePosition <= 0) ||
      (data.place === null && figures !== null && !figures.isDrawPending));
  const { refetch } = status;
  useEffect(() => {
    if (!isDue) return;
    const timer = setTimeout(() => void refetch(), Math.random() * DRAW_JITTER_MS);
    return () => clearTimeout(timer);
  }, [isDue, refetch]);

  const rejoin = () => {
    writeToken(eventId, null);
    setToken(null);
    resetJoin();
  };
  const base = { isDrawPending: data?.place === null, rejoin };

  if (!room) return { ...base, state: 'off' };
  if (join.error instanceof ApiError && join.error.code === 'WAITING_ROOM_DISABLED')
    return { ...base, state: 'off' };
  if (status.error instanceof ApiError && status.error.code === 'WAITING_ROOM_DISABLED')
    return { ...base, state: 'off' };
  if (!isOpen || isTooEarly) return { ...base, state: 'not-open' };
  if (join.isError) return { ...base, state: 'error', error: join.error };
  if (!data)
    return status.isError && !isTokenLost
      ? { ...base, state: 'error', error: status.error }
      : { ...base, state: 'joining' };
  if (data.admitted && data.pass && data.passExpiresAt) {
    const passExpiresAt = new Date(data.passExpiresAt);
    return { ...base, state: passExpiresAt <= now ? 'expired' : 'admitted', pass: data.pass, passExpiresAt };
  }
  const position = Math.max(1, livePosition ?? data.position);
  return {
    ...base,
    state: 'waiting',
    position,
    waitSeconds:
      livePosition !== undefined
        ? estimateWaitSeconds(position, room.admitPerMinute)
        : data.estimatedWaitSeconds,
  };
}
