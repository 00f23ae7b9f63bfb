import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type AnalyticsPeriod, periodFromSearch, searchWithPeriod } from './analytics-period';

/**
 * The report's period, kept in the address (see `periodFromSearch`). Each choice is a new history
 * entry, so Back returns to the period shown before.
 */
export function useAnalyticsPeriod(): [AnalyticsPeriod, (period: AnalyticsPeriod) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const { days, interval } = periodFromSearch(searchParams);
  // One object per period, not per render: query keys and memoised children compare it.
  const period = useMemo<AnalyticsPeriod>(() => ({ days, interval }), [days, interval]);
  const setPeriod = useCallback(
    (next: AnalyticsPeriod) => setSearchParams((current) => searchWithPeriod(current, next)),
    [setSearchParams],
  );
  return [period, setPeriod];
}
