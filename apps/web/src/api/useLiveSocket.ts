import { LIVE_CLOSE_NO_LONGER_AUTHORIZED } from '@zevents/contracts';
import { useEffect, useRef, useState } from 'react';

/** The contract schema (packages/contracts live.ts) of the frames a channel sends. */
export interface LiveMessageSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** A frame as its channel's contract reads it; undefined for anything else (not JSON, unknown type, wrong shape). */
export function parseLiveFrame<T>(schema: LiveMessageSchema<T>, frame: string): T | undefined {
  let data: unknown;
  try {
    data = JSON.parse(frame);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A WebSocket to one of the API's live channels that reconnects by itself (backoff up to 10 s).
 * The server sends the current figures on every (re)connect, so nothing is missed across a drop.
 * Each frame is parsed with the channel's contract schema; one that does not fit is ignored (the next
 * push carries the full figures again). Returns whether the socket is open, so callers can fall back
 * to polling meanwhile.
 */
export function useLiveSocket<T>(
  path: string | undefined,
  schema: LiveMessageSchema<T>,
  onMessage: (message: T) => void,
): boolean {
  const [isOpen, setIsOpen] = useState(false);
  const handler = useRef(onMessage);
  const parser = useRef(schema);
  useEffect(() => {
    handler.current = onMessage;
    parser.current = schema;
  }, [onMessage, schema]);

  useEffect(() => {
    if (!path || typeof WebSocket === 'undefined') return;
    let socket: WebSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let isDisposed = false;
    const connect = () => {
      const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${path}`;
      socket = new WebSocket(url);
      socket.onopen = () => {
        attempts = 0;
        setIsOpen(true);
      };
      socket.onmessage = (event: MessageEvent<unknown>) => {
        const message =
          typeof event.data === 'string' ? parseLiveFrame(parser.current, event.data) : undefined;
        if (message !== undefined) handler.current(message);
      };
      socket.onclose = (event: CloseEvent) => {
        setIsOpen(false);
        // 4403: the server closed it because this visitor lost access; reconnecting would be refused.
        if (isDisposed || event.code === LIVE_CLOSE_NO_LONGER_AUTHORIZED) return;
        attempts += 1;
        retry = setTimeout(connect, Math.min(10_000, 500 * 2 ** attempts));
      };
    };
    connect();
    return () => {
      isDisposed = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    };
  }, [path]);

  return isOpen;
}
