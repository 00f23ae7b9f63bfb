import {
  AccessCodeString,
  EventCategory,
  type Page,
  type PublicEvent,
  type PublicEventFacets,
  type PublicEventSummary,
  type PublicEventsQuery,
  type PublicTicketType,
  type PublicWaitingRoom,
  type SaleStatus,
  Slug,
} from '@zevents/contracts';
import type { Db } from '../../db/client';
import { notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { decodeCursor, toPage } from '../../shared/pagination';
import { createTtlCache } from '../../shared/ttl-cache';
import {
  availableOf,
  offersBankTransfer,
  type EventRow,
  listLiveDatesWithStock,
  listLiveTicketTypes,
  salesOpenAtOf,
  type TicketTypeRow,
  waitingRoomOpensAt,
} from '../events';
import type { ImageLookup } from '../media';
import { presentPublicEventSummary, publicDiscoveryOf } from './catalogue.presenter';
import * as repo from './catalogue.repository';
import { timeWindowOf } from './time-windows';

/** What the public sees of an event's kind and place; never its join link, which is for ticket holders. */
/** Where a ticket type stands for a buyer at `now`, with `available` of it left. */
export function saleStatusOf(type: TicketTypeRow, event: EventRow, now: Date, available: number): SaleStatus {
  if (type.salesStartAt && now < type.salesStartAt) return 'upcoming';
  if ((type.salesEndAt && now >= type.salesEndAt) || now >= event.endsAt || event.status !== 'published')
    return 'ended';
  if (available <= 0) return 'sold_out';
  return 'on_sale';
}

/**
 * `available`: what is left of the type, by default its own stock; on an event with dates, what is
 * left of it over every date still to come.
 */
function presentPublicTicketType(
  type: TicketTypeRow,
  event: EventRow,
  now: Date,
  available = availableOf(type),
): PublicTicketType {
  return {
    id: type.id,
    name: type.name,
    description: type.description,
    priceCents: type.priceCents,
    available,
    salesStartAt: type.salesStartAt?.toISOString() ?? null,
    salesEndAt: type.salesEndAt?.toISOString() ?? null,
    minPerOrder: type.minPerOrder,
    maxPerOrder: type.maxPerOrder,
    saleStatus: saleStatusOf(type, event, now, available),
    waitingList: type.waitlistEnabled,
  };
}

/** A ticket type of the page with what decides who sees it (never sent as such). */
interface PageTicketType {
  type: PublicTicketType;
  hidden: boolean;
  /** Upper-cased, for a case-insensitive comparison. */
  accessCode: string | null;
}

/** The page as read, hidden types included; each request sees the part its code unlocks. */
interface CachedEvent {
  page: Omit<PublicEvent, 'ticketTypes' | 'accessCode'>;
  types: PageTicketType[];
  /** Whose logo the page shows (a new logo drops the organization's pages). */
  organizationId: string;
}

function presentPublicWaitingRoom(event: EventRow, types: TicketTypeRow[]): PublicWaitingRoom | null {
  const room = event.waitingRoom;
  if (!room?.enabled) return null;
  const salesOpenAt = salesOpenAtOf(types);
  return {
    opensAt: waitingRoomOpensAt(room, salesOpenAt)?.toISOString() ?? null,
    salesOpenAt: salesOpenAt?.toISOString() ?? null,
    admitPerMinute: room.admitPerMinute,
    passMinutes: room.passMinutes,
  };
}

/** The public page may be served from memory at most this long: never more availability than exists past 1 s. */
export const MAX_PUBLIC_EVENT_CACHE_MS = 1_000;

export function createCatalogueService(deps: {
  db: Db;
  clock: Clock;
  /**
   * How long a public event page is served from memory (PUBLIC_EVENT_CACHE_MS, at most 1 s), counted
   * from when it was read; a change announced for the event drops it sooner. 0 or absent: read each time.
   */
  publicEventCacheMs?: number;
  /** Covers and logos (the media module); absent, pages show none. */
  images?: ImageLookup;
}) {
  const { db, clock, images } = deps;
  const ttlMs = Math.min(deps.publicEventCacheMs ?? 0, MAX_PUBLIC_EVENT_CACHE_MS);
  // Per process; a visitor flood on one sale page reads the database about once a second per process.
  const pages = createTtlCache<string, CachedEvent>({ clock, ttlMs, maxEntries: 1_000 });
  // The hidden types a promo code unlocks, by event and code: a shared presale link is one read a second.
  const promoUnlocks = createTtlCache<string, string[]>({ clock, ttlMs, maxEntries: 1_000 });
  const idsBySlug = createTtlCache<string, string>({ clock, ttlMs, maxEntries: 1_000 });

  // Reads under way, by the id or slug asked for. When the page's second is up, every visitor of a
  // flood misses at once: they share one read instead of each queueing its own on the pool (which
  // was the public page's p99). A read started a moment ago is as fresh as the cache promises;
  // forgetEvent drops it so a visitor after a change reads afresh. Without a cache, nothing is shared.
  const reading = new Map<string, Promise<CachedEvent>>();
  function readShared(idOrSlug: string): Promise<CachedEvent> {
    if (ttlMs <= 0) return readCached(idOrSlug);
    const key = isUuid(idOrSlug) ? idOrSlug.toLowerCase() : idOrSlug;
    let read = reading.get(key);
    if (!read) {
      read = readCached(idOrSlug).finally(() => {
        if (reading.get(key) === read) reading.delete(key);
      });
      reading.set(key, read);
    }
    return read;
  }

  /** The page as the database has it now; remembered for the next `ttlMs` from before the read. */
  async function readCached(idOrSlug: string): Promise<CachedEvent> {
    const readAt = clock.now();
    const cached = await loadPublicEvent(idOrSlug);
    pages.set(cached.page.id, cached, readAt);
    if (!isUuid(idOrSlug)) idsBySlug.set(idOrSlug, cached.page.id, readAt);
    return cached;
  }

  /** The ticket types a code unlocks: hidden ones whose access code it is, or an active promo code names. */
  async function unlockedBy(cached: CachedEvent, code: string): Promise<Set<string>> {
    const hidden = cached.types.filter((entry) => entry.hidden);
    if (hidden.length === 0 || !AccessCodeString.safeParse(code).success) return new Set();
    const upper = code.toUpperCase();
    const unlocked = new Set(
      hidden.filter((entry) => entry.accessCode === upper).map((entry) => entry.type.id),
    );
    const cacheKey = `${cached.page.id}:${upper}`;
    let byPromo = promoUnlocks.get(cacheKey);
    if (!byPromo) {
      const readAt = clock.now();
      byPromo = await repo.findTypesUnlockedByPromo(db, cached.page.id, upper, readAt);
      promoUnlocks.set(cacheKey, byPromo, readAt);
    }
    for (const id of byPromo) if (hidden.some((entry) => entry.type.id === id)) unlocked.add(id);
    return unlocked;
  }

  /** What one visitor sees: the public types, plus the hidden ones their code unlocks. */
  async function pageFor(cached: CachedEvent, code: string | undefined): Promise<PublicEvent> {
    const unlocked = code ? await unlockedBy(cached, code) : new Set<string>();
    const shown = cached.types.filter((entry) => !entry.hidden || unlocked.has(entry.type.id));
    const shownIds = new Set(shown.map((entry) => entry.type.id));
    return {
      ...cached.page,
      // A hidden type stays off every date too, unless the code unlocked it.
      dates: cached.page.dates.map((date) => ({
        ...date,
        ticketTypes: date.ticketTypes.filter((type) => shownIds.has(type.id)),
      })),
      ticketTypes: shown.map((entry) => (entry.hidden ? { ...entry.type, hidden: true } : entry.type)),
      accessCode: code ? { code, accepted: unlocked.size > 0 } : null,
    };
  }

  /** The public page (no code) as the database has it now. */
  async function readEvent(idOrSlug: string): Promise<PublicEvent> {
    return pageFor(await readCached(idOrSlug), undefined);
  }

  /** A published (or cancelled, so ticket holders can see it) event by id or slug; drafts are 404. */
  async function loadPublicEvent(idOrSlug: string): Promise<CachedEvent> {
    // Neither an id nor a slug shape (e.g. `..`, a NUL byte): it cannot name an event.
    if (!isUuid(idOrSlug) && !Slug.safeParse(idOrSlug).success) throw notFound('Event');
    const found = await repo.findVisibleEvent(db, isUuid(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug });
    if (!found || found.event.status === 'draft') throw notFound('Event');
    const { event } = found;
    const now = clock.now();
    const [types, allDates, covers, logos] = await Promise.all([
      listLiveTicketTypes(db, event.id, now),
      listLiveDatesWithStock(db, event.id, now),
      images?.coversOf([event.id]),
      images?.logosOf([event.organizationId]),
    ]);
    const cover = covers?.get(event.id);
    const organizationLogo = logos?.get(event.organizationId);
    // Dates that have ended sell nothing any more; the page shows those still to come.
    const dates = allDates.filter((date) => date.endsAt > now);
    const leftOnDates = new Map<string, number>();
    for (const date of dates)
      for (const stock of date.stock)
        leftOnDates.set(
          stock.ticketTypeId,
          (leftOnDates.get(stock.ticketTypeId) ?? 0) + Math.max(0, stock.capacity - stock.sold - stock.held),
        );
    const page: CachedEvent['page'] = {
      id: event.id,
      slug: event.slug,
      title: event.title,
      description: event.description,
      venue: event.venue,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      timezone: event.timezone,
      currency: event.currency,
      status: event.status === 'cancelled' ? 'cancelled' : 'published',
      organizationName: found.organizationName,
      ...publicDiscoveryOf(event, found.organizationSlug),
      waitingRoom: presentPublicWaitingRoom(event, types),
      dates: dates.map((date) => ({
        id: date.id,
        startsAt: date.startsAt.toISOString(),
        endsAt: date.endsAt.toISOString(),
        ticketTypes: date.stock.map((stock) => ({
          id: stock.ticketTypeId,
          available: Math.max(0, stock.capacity - stock.sold - stock.held),
        })),
      })),
      ...(cover ? { cover } : {}),
      ...(organizationLogo ? { organizationLogo } : {}),
      // Only when the organizer offers more than card, so every other page reads as before.
      ...(offersBankTransfer(event) ? { paymentMethods: ['card', 'bank_transfer'] as const } : {}),
    };
    return {
      page,
      organizationId: event.organizationId,
      types: types.map((type) => ({
        type: presentPublicTicketType(
          type,
          event,
          now,
          allDates.length > 0 ? (leftOnDates.get(type.id) ?? 0) : availableOf(type),
        ),
        hidden: type.visibility === 'hidden',
        accessCode: type.accessCode?.toUpperCase() ?? null,
      })),
    };
  }

  return {
    async listEvents(query: PublicEventsQuery): Promise<Page<PublicEventSummary>> {
      const now = clock.now();
      const rows = await repo.listPublishedEvents(db, {
        q: query.q || undefined,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        category: query.category,
        kind: query.kind,
        location: query.location || undefined,
        during: query.when ? timeWindowOf(query.when, now, query.tz ?? 'UTC') : undefined,
        currency: query.currency,
        minPriceCents: query.minPrice,
        maxPriceCents: query.maxPrice,
        now,
        limit: query.limit,
        after: decodeCursor(query.cursor, 'timestamp'),
      });
      const covers = await images?.coversOf(rows.map((row) => row.event.id));
      return toPage(
        rows,
        query.limit,
        (row) => presentPublicEventSummary(row, covers?.get(row.event.id)),
        (row) => ({ k: row.event.startsAt.toISOString(), id: row.event.id }),
      );
    },

    /** The categories, cities and currencies of upcoming events, for the storefront's filters. */
    async getFacets(): Promise<PublicEventFacets> {
      const facets = await repo.findEventFacets(db, clock.now());
      return {
        // The column's CHECK holds the list; a row outside it (none can exist) is left out, not a 500.
        categories: facets.categories.flatMap(({ category, count }) => {
          const parsed = EventCategory.safeParse(category);
          return parsed.success ? [{ category: parsed.data, count }] : [];
        }),
        cities: facets.cities,
        currencies: facets.currencies,
      };
    },

    /**
     * The public page of an event, from memory when it was read less than the cache's lifetime ago
     * (at most 1 s) and nothing was announced for it since. Unknown ids and drafts are never cached.
     */
    async getEvent(idOrSlug: string, code?: string): Promise<PublicEvent> {
      const id = isUuid(idOrSlug) ? idOrSlug.toLowerCase() : idsBySlug.get(idOrSlug);
      const cached = id === undefined ? undefined : pages.get(id);
      return pageFor(cached ?? (await readShared(idOrSlug)), code || undefined);
    },

    /** The page as the database has it now (live availability pushes read this after a change). */
    readEvent,

    /** Something about the event changed (a sale, an edit, a cancellation): read it afresh next time. */
    forgetEvent(eventId: string): void {
      pages.delete(eventId);
      reading.delete(eventId.toLowerCase());
    },

    /**
     * Something every page of the organization shows changed (its logo). Other processes are not
     * told: their copies live a second at most.
     */
    forgetOrganization(organizationId: string): void {
      pages.deleteWhere((cached) => cached.organizationId === organizationId);
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
