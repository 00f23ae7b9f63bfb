import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { events, orders, organizations } from '../../db/schema';
import { isUuid } from '../../shared/ids';

// Owns no tables: reads which origins the organization behind an event or an order allows to frame
// its checkout, the one thing the embed pages' headers need (like the catalogue, read only).

/** The embed origins of the event's organization, by the event's id or slug; undefined when unknown. */
export async function findEventEmbedOrigins(db: DbOrTx, idOrSlug: string): Promise<string[] | undefined> {
  const rows = await db
    .select({ origins: organizations.embedOrigins })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(isUuid(idOrSlug) ? eq(events.id, idOrSlug.toLowerCase()) : eq(events.slug, idOrSlug))
    .limit(1);
  return rows[0]?.origins;
}

/** The embed origins of the organization whose event the order is for; undefined when unknown. */
export async function findOrderEmbedOrigins(db: DbOrTx, orderId: string): Promise<string[] | undefined> {
  if (!isUuid(orderId)) return undefined;
  const rows = await db
    .select({ origins: organizations.embedOrigins })
    .from(orders)
    .innerJoin(events, eq(events.id, orders.eventId))
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(eq(orders.id, orderId.toLowerCase()))
    .limit(1);
  return rows[0]?.origins;
}
