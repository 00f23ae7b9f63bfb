import { toMinorUnits, type PublicEventSummary } from '@zevents/contracts';
import type { PublicEventsFilter } from '../../api/usePublicEvents';

/** The home page filters, as kept in the address bar so a filtered list can be shared. */
export interface CatalogueFilters {
  q: string;
  /** `YYYY-MM-DD`, the viewer's calendar day. */
  from: string | null;
  to: string | null;
  /** Whole currency units, compared in each event's own currency. */
  minPrice: number | null;
  maxPrice: number | null;
}

function readNumber(value: string | null): number | null {
  if (value === null || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : null;
}

function readDay(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

export function readFilters(params: URLSearchParams): CatalogueFilters {
  return {
    q: params.get('q') ?? '',
    from: readDay(params.get('from')),
    to: readDay(params.get('to')),
    minPrice: readNumber(params.get('min')),
    maxPrice: readNumber(params.get('max')),
  };
}

export function writeFilters(filters: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.minPrice !== null) params.set('min', String(filters.minPrice));
  if (filters.maxPrice !== null) params.set('max', String(filters.maxPrice));
  return params;
}

export function hasActiveFilters(filters: CatalogueFilters): boolean {
  return Boolean(
    filters.q.trim() || filters.from || filters.to || filters.minPrice !== null || filters.maxPrice !== null,
  );
}

/** The server-side part: search and the start-time range, from the start of `from` to the end of `to`. */
export function toServerFilter(filters: CatalogueFilters, debouncedQ: string): PublicEventsFilter {
  return {
    q: debouncedQ.trim() || undefined,
    from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : undefined,
    to: filters.to ? new Date(`${filters.to}T23:59:59.999`).toISOString() : undefined,
  };
}

/**
 * The client-side part: an event matches when some of its tickets fall in the price range.
 * Events without ticket types have no price and only match when no price is asked for.
 */
export function matchesPrice(
  event: Pick<PublicEventSummary, 'minPriceCents' | 'maxPriceCents' | 'currency'>,
  minPrice: number | null,
  maxPrice: number | null,
): boolean {
  if (minPrice === null && maxPrice === null) return true;
  if (event.minPriceCents === null || event.maxPriceCents === null) return false;
  if (minPrice !== null && event.maxPriceCents < toMinorUnits(minPrice, event.currency)) return false;
  if (maxPrice !== null && event.minPriceCents > toMinorUnits(maxPrice, event.currency)) return false;
  return true;
}
