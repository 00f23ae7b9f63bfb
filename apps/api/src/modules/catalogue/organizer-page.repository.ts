import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { events, organizations } from '../../db/schema';
import { publicSummaryColumns } from './catalogue.repository';

export async function findOrganizationBySlug(db: DbOrTx, slug: string) {
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      description: organizations.description,
      website: organizations.website,
      links: organizations.links,
    })
    .from(organizations)
    .where(eq(organizations.slug, slug))
    .limit(1);
  return rows[0];
}

/**
 * One organization's published events as cards: `upcoming` (not ended, soonest first) or `past`
 * (ended, latest first). Drafts and cancelled events are nobody's business here.
 */
export async function listOrganizationEvents(
  db: DbOrTx,
  filter: { organizationId: string; when: 'upcoming' | 'past'; now: Date; limit: number },
) {
  const isUpcoming = filter.when === 'upcoming';
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
        eq(events.organizationId, filter.organizationId),
        eq(events.status, 'published'),
        isUpcoming ? gt(events.endsAt, filter.now) : lte(events.endsAt, filter.now),
      ),
    )
    .orderBy(
      ...(isUpcoming ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]),
    )
    .limit(filter.limit);
}

export type OrganizationEventRow = Awaited<ReturnType<typeof listOrganizationEvents>>[number];
