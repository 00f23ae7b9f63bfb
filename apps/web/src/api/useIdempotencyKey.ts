import { useCallback, useRef } from 'react';
import { ApiError, newIdempotencyKey } from './client';

/**
 * One Idempotency-Key per user action. When an attempt got no answer (network drop, timeout) and
 * the buyer presses again with the same details, the same key is sent, so the server replays the
 * first result instead of reserving or charging twice. Any answer, or changed details, starts afresh.
 */
export function useIdempotencyKey() {
  const last = useRef<{ key: string; body: string; isOpen: boolean } | null>(null);

  const keyFor = useCallback((body: unknown): string => {
    const serialized = JSON.stringify(body);
    if (last.current?.isOpen && last.current.body === serialized) return last.current.key;
    last.current = { key: newIdempotencyKey(), body: serialized, isOpen: true };
    return last.current.key;
  }, []);

  /** Call with the outcome: an answer from the server (success or ApiError) closes the key. */
  const settle = useCallback((error?: unknown) => {
    if (last.current && (error === undefined || error instanceof ApiError)) last.current.isOpen = false;
  }, []);

  return { keyFor, settle };
}
