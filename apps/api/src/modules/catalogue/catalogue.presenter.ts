import type { ImageView, PublicEventSummary } from '@zevents/contracts';
import { discoveryOf, type EventRow } from '../events';

/** What a public card or page shows of where an event is and who holds it (never the join link). */
export function publicDiscoveryOf(event: EventRow, organizationSlug: string) {
  const { category, kind, city } = discoveryOf(event);
  return { category, kind, city, organizationSlug };
}

/** An event card as the storefront and the organizer pages show it, from a row of the catalogue's columns. */
export function presentPublicEventSummary(
  row: {
    event: EventRow;
    organizationName: string;
    organizationSlug: string;
    minPriceCents: number | null;
    maxPriceCents: number | null;
    available: number;
  },
  cover: ImageView | undefined,
): PublicEventSummary {
  return {
    id: row.event.id,
    slug: row.event.slug,
    title: row.event.title,
    venue: row.event.venue,
    startsAt: row.event.startsAt.toISOString(),
    endsAt: row.event.endsAt.toISOString(),
    timezone: row.event.timezone,
    currency: row.event.currency,
    organizationName: row.organizationName,
    ...publicDiscoveryOf(row.event, row.organizationSlug),
    minPriceCents: row.minPriceCents,
    maxPriceCents: row.maxPriceCents,
    available: row.available,
    isSoldOut: row.available <= 0,
    ...(cover ? { cover } : {}),
  };
}
