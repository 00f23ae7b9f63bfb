import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import {
  type AnalyticsPeriod,
  type PeriodUpdate,
  periodFromSearch,
  searchWithPeriod,
} from './analytics-period';

/**
 * The report's period, kept in the address (see `periodFromSearch`). Each choice is a new history
 * entry, so Back returns to the period shown before. A change is worked out from the address as it
 * is when it applies, not from the period of the last render: a click right after another choice
 * (before the page shows it) would otherwise undo that choice ("7 days" then "By hour" lost the 7).
 */
export function useAnalyticsPeriod(): [AnalyticsPeriod, (update: PeriodUpdate) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const { days, interval } = periodFromSearch(searchParams);
  // One object per period, not per render: query keys and memoised children compare it.
  const period = useMemo<AnalyticsPeriod>(() => ({ days, interval }), [days, interval]);
  // The address as last written here: React Router's functional update hands over the search of the
  // last render, which a second click before the next render would build on.
  // Forgotten once a render shows an address (this one, or another after Back).
  const written = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    written.current = null;
  }, [searchParams]);
  const setPeriod = useCallback(
    (update: PeriodUpdate) =>
      setSearchParams((rendered) => {
        const current = written.current ?? rendered;
        const next = searchWithPeriod(current, update(periodFromSearch(current)));
        written.current = next;
        return next;
      }),
    [setSearchParams],
  );
  return [period, setPeriod];
}
