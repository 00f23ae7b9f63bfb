import {
  EventCategory,
  EventWhen,
  toMinorUnits,
  type PublicEventFacets,
  type PublicEventsQuery,
} from '@zevents/contracts';

/** The home page filters, as kept in the address bar so a filtered list can be shared. */
export interface CatalogueFilters {
  q: string;
  /** `YYYY-MM-DD`, the viewer's calendar day. */
  from: string | null;
  to: string | null;
  category: EventCategory | null;
  /** Part of a city or venue name. */
  location: string;
  when: EventWhen | null;
  /** The currency the price range is in; null: the only one there is, or none yet. */
  currency: string | null;
  /** Whole currency units of `currency`. */
  minPrice: number | null;
  maxPrice: number | null;
  isOnlineOnly: boolean;
}

export const NO_FILTERS: CatalogueFilters = {
  q: '',
  from: null,
  to: null,
  category: null,
  location: '',
  when: null,
  currency: null,
  minPrice: null,
  maxPrice: null,
  isOnlineOnly: false,
};

/** The storefront's date shortcuts' words (keys written out whole for the catalog check). */
export const WHEN_KEYS: Record<EventWhen, string> = {
  today: 'web.store.when.today',
  tomorrow: 'web.store.when.tomorrow',
  'this-weekend': 'web.store.when.thisWeekend',
  'this-week': 'web.store.when.thisWeek',
};

function readNumber(value: string | null): number | null {
  if (value === null || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : null;
}

function readDay(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/** A shared link with a value this version does not know is read without it, never as an error. */
export function readFilters(params: URLSearchParams): CatalogueFilters {
  const currency = params.get('currency');
  return {
    q: params.get('q') ?? '',
    from: readDay(params.get('from')),
    to: readDay(params.get('to')),
    category: EventCategory.safeParse(params.get('category')).data ?? null,
    location: (params.get('location') ?? '').slice(0, 100),
    when: EventWhen.safeParse(params.get('when')).data ?? null,
    currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : null,
    minPrice: readNumber(params.get('min')),
    maxPrice: readNumber(params.get('max')),
    isOnlineOnly: params.get('online') === '1',
  };
}

export function writeFilters(filters: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.category) params.set('category', filters.category);
  if (filters.location.trim()) params.set('location', filters.location.trim());
  if (filters.when) params.set('when', filters.when);
  if (filters.currency) params.set('currency', filters.currency);
  if (filters.minPrice !== null) params.set('min', String(filters.minPrice));
  if (filters.maxPrice !== null) params.set('max', String(filters.maxPrice));
  if (filters.isOnlineOnly) params.set('online', '1');
  return params;
}

export function hasActiveFilters(filters: CatalogueFilters): boolean {
  return [...writeFilters(filters).keys()].length > 0;
}

/**
 * The currency prices are compared in: the one chosen, or the only one events are sold in. With
 * several and none chosen there is none, and the price inputs wait for a choice.
 */
export function priceCurrencyOf(
  filters: Pick<CatalogueFilters, 'currency'>,
  facets: Pick<PublicEventFacets, 'currencies'> | undefined,
): string | null {
  if (filters.currency) return filters.currency;
  const currencies = facets?.currencies ?? [];
  return currencies.length === 1 ? (currencies[0] ?? null) : null;
}

/** What the list asks the server: every filter is applied there, before paging. */
export type CatalogueQuery = Omit<PublicEventsQuery, 'limit' | 'cursor'>;

/**
 * The server-side query: the start-time range from the start of `from` to the end of `to` (the
 * viewer's days), "when" in the viewer's zone, and prices in minor units of the price currency.
 */
export function toServerQuery(
  filters: CatalogueFilters,
  options: { q: string; location: string; timeZone: string; priceCurrency: string | null },
): CatalogueQuery {
  const query: CatalogueQuery = {};
  const q = options.q.trim();
  const location = options.location.trim();
  if (q) query.q = q;
  if (filters.from) query.from = new Date(`${filters.from}T00:00:00`).toISOString();
  if (filters.to) query.to = new Date(`${filters.to}T23:59:59.999`).toISOString();
  if (filters.category) query.category = filters.category;
  if (filters.isOnlineOnly) query.kind = 'online';
  if (location) query.location = location;
  if (filters.when) {
    query.when = filters.when;
    query.tz = options.timeZone;
  }
  const currency = options.priceCurrency;
  if (currency && (filters.minPrice !== null || filters.maxPrice !== null)) {
    query.currency = currency;
    if (filters.minPrice !== null) query.minPrice = toMinorUnits(filters.minPrice, currency);
    // An upside-down range is shown as an error on the field; the list keeps the lower bound only.
    if (filters.maxPrice !== null && (filters.minPrice === null || filters.maxPrice >= filters.minPrice))
      query.maxPrice = toMinorUnits(filters.maxPrice, currency);
  } else if (filters.currency) {
    query.currency = filters.currency;
  }
  return query;
}

/** As a query string, in a fixed order so equal filters are one cache entry. */
export function toSearchParams(query: CatalogueQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query).sort(([a], [b]) => a.localeCompare(b)))
    if (value !== undefined) params.set(key, String(value));
  return params;
}

/** The viewer's own time zone, for "today" and "this weekend" as they live them. */
export function viewerTimeZoneOrUtc(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
