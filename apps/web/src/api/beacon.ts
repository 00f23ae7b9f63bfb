/**
 * The funnel's browser steps (event page viewed, tickets chosen, checkout opened), told to the API's
 * beacon endpoint. No cookie and no third party: the server counts visitors by a daily-salted hash.
 *
 * A visit's landing attribution (the tracking link's `?ref=`, the `utm_*` of a campaign, the
 * referring site) is kept in sessionStorage, so the later steps, and the sale the checkout step ties
 * to its order, count for the source that brought the buyer, though their URLs carry none of it.
 *
 * Counting must never cost the buyer anything: every call returns at once and swallows its errors,
 * and without `navigator.sendBeacon` (jsdom, old browsers) nothing is sent at all.
 */
import { PageViewBeacon } from '@zevents/contracts';

export type Attribution = Pick<PageViewBeacon, 'ref' | 'utm' | 'referrer'>;

const Attribution = PageViewBeacon.pick({ ref: true, utm: true, referrer: true });

const ATTRIBUTION_KEY = (eventId: string) => `zevents.visit.${eventId}`;
const ORDERS_KEY = 'zevents.visit.orders';
/** Orders whose checkout was already told, most recent last; a visit never has many. */
const MAX_REMEMBERED_ORDERS = 20;

// The contract's limits: longer values would be refused whole, so they are cut instead.
const MAX_REF = 64;
const MAX_UTM = 100;
const MAX_REFERRER = 2_000;

/** Events whose page view this document has told already ("once per page load"). */
const viewedEvents = new Set<string>();
const selectedEvents = new Set<string>();
/** Where sessionStorage is refused (private modes, disabled storage), this page load's memory. */
const toldOrders = new Set<string>();

export function beaconUrl(eventId: string): string {
  return `/api/public/events/${encodeURIComponent(eventId)}/views`;
}

/** Sends one beacon; a refused queue (over the browser's budget) falls back to a keepalive fetch. */
export function sendBeacon(eventId: string, body: PageViewBeacon): void {
  try {
    if (typeof navigator === 'undefined' || typeof navigator.sendBeacon !== 'function') return;
    const url = beaconUrl(eventId);
    // A string body goes as text/plain: a "simple" request, which the endpoint accepts without CSRF.
    const payload = JSON.stringify(body);
    if (navigator.sendBeacon(url, payload)) return;
    void fetch(url, {
      method: 'POST',
      body: payload,
      keepalive: true,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    }).catch(() => undefined);
  } catch {
    // A lost count is better than a broken page.
  }
}

function clip(value: string | null, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

/** The referring page, unless it is this site (a click from the home page is not a source). */
function externalReferrer(referrer: string, origin: string): string | undefined {
  if (!referrer) return undefined;
  try {
    if (new URL(referrer).origin === origin) return undefined;
  } catch {
    return undefined;
  }
  return clip(referrer, MAX_REFERRER);
}

/** The `?ref=` and `utm_*` of a URL's query string; empty when it has none. */
export function attributionOfQuery(search: string): Attribution {
  const params = new URLSearchParams(search);
  const utm = {
    source: clip(params.get('utm_source'), MAX_UTM),
    medium: clip(params.get('utm_medium'), MAX_UTM),
    campaign: clip(params.get('utm_campaign'), MAX_UTM),
  };
  const hasUtm = Boolean(utm.source ?? utm.medium ?? utm.campaign);
  const ref = clip(params.get('ref'), MAX_REF);
  return { ...(ref ? { ref } : {}), ...(hasUtm ? { utm } : {}) };
}

function readStorage(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // Full or refused: the visit simply loses its attribution.
  }
}

/** What this visit landed with for the event; anything unreadable counts as nothing. */
export function storedAttribution(eventId: string): Attribution | null {
  const raw = readStorage(ATTRIBUTION_KEY(eventId));
  if (raw === null) return null;
  try {
    const parsed = Attribution.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The attribution of a page view. A link with its own `ref`/`utm` starts a new landing; otherwise the
 * visit keeps the one it landed with (back on the event page after checkout, it still came from the
 * newsletter); a first view without either is attributed to its referrer, or to nothing (direct).
 */
export function landingAttribution(
  eventId: string,
  location: { search: string; origin: string },
  referrer: string,
): Attribution {
  const fromQuery = attributionOfQuery(location.search);
  const stored = storedAttribution(eventId);
  const outside = externalReferrer(referrer, location.origin);
  const attribution: Attribution =
    fromQuery.ref || fromQuery.utm
      ? { ...fromQuery, ...(outside ? { referrer: outside } : {}) }
      : (stored ?? (outside ? { referrer: outside } : {}));
  writeStorage(ATTRIBUTION_KEY(eventId), JSON.stringify(attribution));
  return attribution;
}

/** The event page was opened: counted once per page load and event. */
export function trackEventView(eventId: string): void {
  if (viewedEvents.has(eventId)) return;
  viewedEvents.add(eventId);
  try {
    const attribution = landingAttribution(eventId, window.location, document.referrer);
    sendBeacon(eventId, { step: 'view', path: window.location.pathname, ...attribution });
  } catch {
    // See sendBeacon.
  }
}

/** The buyer chose a first ticket (a quantity above zero) on the event page. */
export function trackTicketSelection(eventId: string): void {
  if (selectedEvents.has(eventId)) return;
  selectedEvents.add(eventId);
  try {
    sendBeacon(eventId, {
      step: 'select',
      path: window.location.pathname,
      ...(storedAttribution(eventId) ?? {}),
    });
  } catch {
    // See sendBeacon.
  }
}

function rememberOrder(orderId: string): boolean {
  if (toldOrders.has(orderId)) return false;
  toldOrders.add(orderId);
  let told: unknown = [];
  try {
    told = JSON.parse(readStorage(ORDERS_KEY) ?? '[]');
  } catch {
    told = [];
  }
  const list = Array.isArray(told) ? told.filter((id): id is string => typeof id === 'string') : [];
  if (list.includes(orderId)) return false;
  writeStorage(ORDERS_KEY, JSON.stringify([...list, orderId].slice(-MAX_REMEMBERED_ORDERS)));
  return true;
}

/**
 * The checkout of a fresh hold opened: counted once per order (a reload or a second tab says
 * nothing new), with the visit's attribution, which the server gives to the order's sale.
 */
export function trackCheckoutDetails(eventId: string, orderId: string): void {
  try {
    if (!rememberOrder(orderId)) return;
    sendBeacon(eventId, {
      step: 'details',
      orderId,
      path: window.location.pathname,
      ...(storedAttribution(eventId) ?? {}),
    });
  } catch {
    // See sendBeacon.
  }
}
