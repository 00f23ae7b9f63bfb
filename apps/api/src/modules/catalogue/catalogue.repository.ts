import type { EventCategory, EventKind } from '@zevents/contracts';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
} from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { events, organizations, promoCodes, ticketTypes } from '../../db/schema';
import type { Cursor } from '../../shared/pagination';

/** `%` and `_` typed by a visitor are literal characters, not wildcards. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface PublicListFilter {
  q?: string;
  from?: Date;
  to?: Date;
  category?: EventCategory;
  kind?: EventKind;
  /** Part of the city or the venue, in whichever letter case. */
  location?: string;
  /** The event runs at some time of [start, end). */
  during?: { start: Date; end: Date };
  /** Events in this currency; with a range, one of their public types on sale costs within it. */
  currency?: string;
  minPriceCents?: number;
  maxPriceCents?: number;
  now: Date;
  limit: number;
  after?: Cursor;
}

/**
 * Some public ticket type of the event, on sale at `now`, costs within the range (ends included).
 * A date's stock rows carry no price of their own (`parent_id`), so only the types themselves count.
 */
function hasTicketPricedWithin(filter: PublicListFilter) {
  if (filter.minPriceCents === undefined && filter.maxPriceCents === undefined) return undefined;
  return sql`EXISTS (SELECT 1 FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${events.id}
    AND ${ticketTypes.parentId} IS NULL AND ${ticketTypes.visibility} = 'public'
    AND (${ticketTypes.salesStartAt} IS NULL OR ${ticketTypes.salesStartAt} <= ${filter.now})
    AND (${ticketTypes.salesEndAt} IS NULL OR ${ticketTypes.salesEndAt} > ${filter.now})
    AND ${ticketTypes.priceCents} >= ${filter.minPriceCents ?? 0}
    ${filter.maxPriceCents === undefined ? sql`` : sql`AND ${ticketTypes.priceCents} <= ${filter.maxPriceCents}`})`;
}

export async function listPublishedEvents(db: DbOrTx, filter: PublicListFilter) {
  const pattern = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const place = filter.location ? `%${escapeLike(filter.location)}%` : undefined;
  const afterStart = filter.after ? new Date(filter.after.k) : undefined;
  return db
    .select({
      event: events,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      ...publicSummaryColumns(filter.now),
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(
      and(
        eq(events.status, 'published'),
        gt(events.endsAt, filter.now),
        filter.from ? gt(events.startsAt, filter.from) : undefined,
        filter.to ? sql`${events.startsAt} < ${filter.to}` : undefined,
        pattern
          ? or(ilike(events.title, pattern), ilike(events.venue, pattern), ilike(events.description, pattern))
          : undefined,
        filter.category ? eq(events.category, filter.category) : undefined,
        filter.kind ? eq(events.kind, filter.kind) : undefined,
        place ? or(ilike(events.city, place), ilike(events.venue, place)) : undefined,
        filter.during
          ? and(lt(events.startsAt, filter.during.end), gt(events.endsAt, filter.during.start))
          : undefined,
        filter.currency ? eq(events.currency, filter.currency) : undefined,
        hasTicketPricedWithin(filter),
        afterStart && filter.after
          ? or(
              gt(events.startsAt, afterStart),
              and(eq(events.startsAt, afterStart), gt(events.id, filter.after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(filter.limit + 1);
}

export async function findVisibleEvent(db: DbOrTx, by: { id: string } | { slug: string }) {
  const rows = await db
    .select({ event: events, organizationName: organizations.name, organizationSlug: organizations.slug })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(
      and(
        'id' in by ? eq(events.id, by.id) : eq(events.slug, by.slug),
        inArray(events.status, ['published', 'cancelled']),
      ),
    )
    .limit(1);
  return rows[0];
}

/**
 * The hidden ticket types an active promo code of this text unlocks (the types it names; a code for
 * every type names none, so it unlocks nothing hidden).
 */
export async function findTypesUnlockedByPromo(
  db: DbOrTx,
  eventId: string,
  code: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .select({ ticketTypeIds: promoCodes.ticketTypeIds })
    .from(promoCodes)
    .where(
      and(
        eq(promoCodes.eventId, eventId),
        sql`upper(${promoCodes.code}) = upper(${code})`,
        eq(promoCodes.isActive, true),
        or(isNull(promoCodes.validFrom), lte(promoCodes.validFrom, now)),
        or(isNull(promoCodes.validUntil), gt(promoCodes.validUntil, now)),
      ),
    )
    .limit(1);
  return rows[0]?.ticketTypeIds ?? [];
}

/**
 * The figures an event card shows beside the event row (price range and seats left, over public
 * ticket types only), as columns for a select: pages other than the storefront list cards too.
 */
export function publicSummaryColumns(now: Date) {
  return {
    minPriceCents: sql<
      number | null
    >`(SELECT min(${ticketTypes.priceCents}) FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${events.id} AND ${ticketTypes.visibility} = 'public')`,
    maxPriceCents: sql<
      number | null
    >`(SELECT max(${ticketTypes.priceCents}) FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${events.id} AND ${ticketTypes.visibility} = 'public')`,
    // Holds past their deadline do not count, as on the storefront.
    available: sql<number>`(SELECT coalesce(sum(greatest(${ticketTypes.capacity} - ${ticketTypes.sold} - ${ticketTypes.held}, 0)), 0)::int FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${events.id} AND ${ticketTypes.visibility} = 'public')
      + (SELECT coalesce(sum(oi.quantity), 0)::int FROM orders o JOIN order_items oi ON oi.order_id = o.id
         JOIN ticket_types stale_tt ON stale_tt.id = oi.ticket_type_id AND stale_tt.visibility = 'public'
         WHERE (o.status = 'reserved' OR o.status = 'awaiting_payment') AND o.expires_at <= ${now} AND o.event_id = ${events.id})`,
  };
}

/** What the storefront's filters can offer, over published events that have not ended. */
export async function findEventFacets(db: DbOrTx, now: Date) {
  const upcoming = and(eq(events.status, 'published'), gt(events.endsAt, now));
  const cityKey = sql`lower(${events.city})`;
  const [categories, cities, currencies] = await Promise.all([
    db
      .select({ category: events.category, count: count() })
      .from(events)
      .where(and(upcoming, isNotNull(events.category)))
      .groupBy(events.category)
      .orderBy(desc(count()), asc(events.category)),
    // One entry per city whatever its letter case (the filter ignores case too), spelled as most do.
    db
      .select({ city: sql<string>`mode() WITHIN GROUP (ORDER BY ${events.city})`, count: count() })
      .from(events)
      .where(and(upcoming, isNotNull(events.city), sql`${events.city} <> ''`))
      .groupBy(cityKey)
      .orderBy(desc(count()), asc(cityKey))
      .limit(MAX_FACET_CITIES),
    db
      .selectDistinct({ currency: events.currency })
      .from(events)
      .where(upcoming)
      .orderBy(asc(events.currency)),
  ]);
  return { categories, cities, currencies: currencies.map((row) => row.currency) };
}

const MAX_FACET_CITIES = 50;
