import {
  type Page,
  type PublicEvent,
  type PublicEventSummary,
  type PublicEventsQuery,
  type PublicTicketType,
  type SaleStatus,
  Slug,
} from '@zevents/contracts';
import type { Db } from '../../db/client';
import { notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { decodeCursor, toPage } from '../../shared/pagination';
import { availableOf, type EventRow, listLiveTicketTypes, type TicketTypeRow } from '../events';
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

export function createCatalogueService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

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

    /** A published (or cancelled, so ticket holders can see it) event by id or slug; drafts are 404. */
    async getEvent(idOrSlug: string): Promise<PublicEvent> {
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
      };
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
