import {
  type Page,
  type PublicEvent,
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
  type EventRow,
  listLiveTicketTypes,
  salesOpenAtOf,
  type TicketTypeRow,
  waitingRoomOpensAt,
} from '../events';
import * as repo from './catalogue.repository';

/** Where a ticket type stands for a buyer at `now`. */
export function saleStatusOf(type: TicketTypeRow, event: EventRow, now: Date): SaleStatus {
  if (type.salesStartAt && now < type.salesStartAt) return 'upcoming';
  if ((type.salesEndAt && now >= type.salesEndAt) || now >= event.endsAt || event.status !== 'published')
    return 'ended';
  if (availableOf(type) <= 0) return 'sold_out';
  return 'on_sale';
}

function presentPublicTicketType(type: TicketTypeRow, event: EventRow, now: Date): PublicTicketType {
  return {
    id: type.id,
    name: type.name,
    description: type.description,
    priceCents: type.priceCents,
    available: availableOf(type),
    salesStartAt: type.salesStartAt?.toISOString() ?? null,
    salesEndAt: type.salesEndAt?.toISOString() ?? null,
    minPerOrder: type.minPerOrder,
    maxPerOrder: type.maxPerOrder,
    saleStatus: saleStatusOf(type, event, now),
  };
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
}) {
  const { db, clock } = deps;
  const ttlMs = Math.min(deps.publicEventCacheMs ?? 0, MAX_PUBLIC_EVENT_CACHE_MS);
  // Per process; a visitor flood on one sale page reads the database about once a second per process.
  const pages = createTtlCache<string, PublicEvent>({ clock, ttlMs, maxEntries: 1_000 });
  const idsBySlug = createTtlCache<string, string>({ clock, ttlMs, maxEntries: 1_000 });

  /** The page as the database has it now; remembered for the next `ttlMs` from before the read. */
  async function readEvent(idOrSlug: string): Promise<PublicEvent> {
    const readAt = clock.now();
    const page = await loadPublicEvent(idOrSlug);
    pages.set(page.id, page, readAt);
    if (!isUuid(idOrSlug)) idsBySlug.set(idOrSlug, page.id, readAt);
    return page;
  }

  /** A published (or cancelled, so ticket holders can see it) event by id or slug; drafts are 404. */
  async function loadPublicEvent(idOrSlug: string): Promise<PublicEvent> {
    // Neither an id nor a slug shape (e.g. `..`, a NUL byte): it cannot name an event.
    if (!isUuid(idOrSlug) && !Slug.safeParse(idOrSlug).success) throw notFound('Event');
    const found = await repo.findVisibleEvent(db, isUuid(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug });
    if (!found || found.event.status === 'draft') throw notFound('Event');
    const { event } = found;
    const now = clock.now();
    const types = await listLiveTicketTypes(db, event.id, now);
    return {
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
      ticketTypes: types.map((type) => presentPublicTicketType(type, event, now)),
      waitingRoom: presentPublicWaitingRoom(event, types),
    };
  }

  return {
    async listEvents(query: PublicEventsQuery): Promise<Page<PublicEventSummary>> {
      const rows = await repo.listPublishedEvents(db, {
        q: query.q || undefined,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        now: clock.now(),
        limit: query.limit,
        after: decodeCursor(query.cursor, 'timestamp'),
      });
      return toPage(
        rows,
        query.limit,
        (row) => ({
          id: row.event.id,
          slug: row.event.slug,
          title: row.event.title,
          venue: row.event.venue,
          startsAt: row.event.startsAt.toISOString(),
          endsAt: row.event.endsAt.toISOString(),
          timezone: row.event.timezone,
          currency: row.event.currency,
          organizationName: row.organizationName,
          minPriceCents: row.minPriceCents,
          maxPriceCents: row.maxPriceCents,
          available: row.available,
          isSoldOut: row.available <= 0,
        }),
        (row) => ({ k: row.event.startsAt.toISOString(), id: row.event.id }),
      );
    },

    /**
     * The public page of an event, from memory when it was read less than the cache's lifetime ago
     * (at most 1 s) and nothing was announced for it since. Unknown ids and drafts are never cached.
     */
    async getEvent(idOrSlug: string): Promise<PublicEvent> {
      const id = isUuid(idOrSlug) ? idOrSlug.toLowerCase() : idsBySlug.get(idOrSlug);
      const cached = id === undefined ? undefined : pages.get(id);
      return cached ?? readEvent(idOrSlug);
    },

    /** The page as the database has it now (live availability pushes read this after a change). */
    readEvent,

    /** Something about the event changed (a sale, an edit, a cancellation): read it afresh next time. */
    forgetEvent(eventId: string): void {
      pages.delete(eventId);
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
