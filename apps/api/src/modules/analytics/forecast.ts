/**
 * When an event sells out at its recent pace. Sales in the window are counted as a Poisson process:
 * the rate's standard error is sqrt(n) / window, and the range is the sell-out date at the rate ± 2
 * standard errors (about 95%). Nothing sold or nothing left: no projection.
 */
export function forecastSellOut(input: {
  ticketsInWindow: number;
  windowDays: number;
  remaining: number;
  now: Date;
}): {
  ticketsPerDay: number;
  remaining: number;
  projectedSellOutAt: string | null;
  projectedRange: { earliest: string; latest: string } | null;
} {
  const { ticketsInWindow: n, windowDays, remaining, now } = input;
  const rate = n / windowDays;
  const base = { ticketsPerDay: rate, remaining };
  if (n <= 0 || remaining <= 0) return { ...base, projectedSellOutAt: null, projectedRange: null };
  const at = (perDay: number) => new Date(now.getTime() + (remaining / perDay) * 86_400_000).toISOString();
  const spread = (2 * Math.sqrt(n)) / windowDays;
  const slow = rate - spread;
  return {
    ...base,
    projectedSellOutAt: at(rate),
    // Too few sales for a lower bound on the rate: no range, only the projection.
    projectedRange: slow > 0 ? { earliest: at(rate + spread), latest: at(slow) } : null,
  };
}
