import { useEffect, useRef, useState } from 'react';

export interface Countdown {
  remainingMs: number;
  /** `mm:ss`, or `h:mm:ss` past an hour. */
  label: string;
  isWarning: boolean;
  isExpired: boolean;
}

/** 150_000 -> `02:30`; rounds up so `00:00` only shows once the time is really up. */
export function formatRemaining(remainingMs: number): string {
  const totalSeconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/**
 * Counts down to `deadline` once a second. `isWarning` turns on under `warnBelowMs` (2 minutes by
 * default); `onExpire` is called once when it reaches zero (also when the deadline is already past).
 */
export function useCountdown(
  deadline: string | Date | null | undefined,
  options: { onExpire?: () => void; warnBelowMs?: number } = {},
): Countdown {
  const { onExpire, warnBelowMs = 120_000 } = options;
  const target = deadline ? new Date(deadline).getTime() : null;
  const [now, setNow] = useState(() => Date.now());
  const remainingMs = target === null ? 0 : Math.max(0, target - now);
  const isExpired = target !== null && remainingMs === 0;

  useEffect(() => {
    if (target === null || isExpired) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [target, isExpired]);

  // The latest callback, so a new function each render neither restarts the timer nor fires twice.
  const onExpireRef = useRef(onExpire);
  useEffect(() => {
    onExpireRef.current = onExpire;
  });
  useEffect(() => {
    if (isExpired) onExpireRef.current?.();
  }, [isExpired]);

  return {
    remainingMs,
    label: formatRemaining(remainingMs),
    isWarning: target !== null && !isExpired && remainingMs < warnBelowMs,
    isExpired,
  };
}
