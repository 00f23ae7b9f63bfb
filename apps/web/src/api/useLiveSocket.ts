import { useEffect, useRef, useState } from 'react';

/** The close code the API uses when a dashboard's caller lost access (see apps/api live-hub). */
const NO_LONGER_AUTHORIZED = 4403;

/**
 * A WebSocket to one of the API's live channels that reconnects by itself (backoff up to 10 s).
 * The server sends the current figures on every (re)connect, so nothing is missed across a drop.
 * Returns whether the socket is open, so callers can fall back to polling meanwhile.
 */
export function useLiveSocket<T>(path: string | undefined, onMessage: (message: T) => void): boolean {
  const [isOpen, setIsOpen] = useState(false);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  }, [onMessage]);

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
      socket.onmessage = (event: MessageEvent<string>) => {
        try {
          handler.current(JSON.parse(event.data) as T);
        } catch {
          // a malformed frame is ignored; the next push carries the full figures again
        }
      };
      socket.onclose = (event: CloseEvent) => {
        setIsOpen(false);
        // 4403: the server closed it because this visitor lost access; reconnecting would be refused.
        if (isDisposed || event.code === NO_LONGER_AUTHORIZED) return;
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
