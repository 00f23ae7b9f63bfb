import { and, asc, eq, gt, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { events, organizations, promoCodes, ticketTypes } from '../../db/schema';
import type { Cursor } from '../../shared/pagination';

/** `%` and `_` typed by a visitor are literal characters, not wildcards. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface PublicListFilter {
  q?: string;
  from?: Date;
  to?: Date;
  now: Date;
  limit: number;
  after?: Cursor;
}

export async function listPublishedEvents(db: DbOrTx, filter: PublicListFilter) {
  const pattern = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const afterStart = filter.after ? new Date(filter.after.k) : undefined;
  return db
    .select({
      event: events,
      organizationName: organizations.name,
      minPriceCents: sql<
        number | null
      >`(SELECT min(${ticketTypes.priceCents}) FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${events.id} AND ${ticketTypes.visibility} = 'public')`,
      maxPriceCents: sql<
        number | null
      >`(SELECT max(${ticketTypes.priceCents}) FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${events.id} AND ${ticketTypes.visibility} = 'public')`,
      // Holds past their deadline do not count (driven by the partial index of live holds). Hidden
      // types are nobody's business on the storefront: neither their prices nor their seats.
      available: sql<number>`(SELECT coalesce(sum(greatest(${ticketTypes.capacity} - ${ticketTypes.sold} - ${ticketTypes.held}, 0)), 0)::int FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${events.id} AND ${ticketTypes.visibility} = 'public')
        + (SELECT coalesce(sum(oi.quantity), 0)::int FROM orders o JOIN order_items oi ON oi.order_id = o.id
           JOIN ticket_types stale_tt ON stale_tt.id = oi.ticket_type_id AND stale_tt.visibility = 'public'
           WHERE (o.status = 'reserved' OR o.status = 'awaiting_payment') AND o.expires_at <= ${filter.now} AND o.event_id = ${events.id})`,
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
    .select({ event: events, organizationName: organizations.name })
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
