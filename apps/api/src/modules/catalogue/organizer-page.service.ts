import {
  ORGANIZER_PAGE_PAST_LIMIT,
  ORGANIZER_PAGE_UPCOMING_LIMIT,
  type ImageView,
  type OrganizerPage,
  type PublicEventSummary,
  Slug,
} from '@zevents/contracts';
import type { Db } from '../../db/client';
import { notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { discoveryOf } from '../events';
import type { ImageLookup } from '../media';
import * as repo from './organizer-page.repository';

/** An event card, as the storefront shows it (never the online join link: that is for ticket holders). */
function presentSummary(row: repo.OrganizationEventRow, cover: ImageView | undefined): PublicEventSummary {
  const { category, kind, city } = discoveryOf(row.event);
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
    organizationSlug: row.organizationSlug,
    category,
    kind,
    city,
    minPriceCents: row.minPriceCents,
    maxPriceCents: row.maxPriceCents,
    available: row.available,
    isSoldOut: row.available <= 0,
    ...(cover ? { cover } : {}),
  };
}

export function createOrganizerPageService(deps: {
  db: Db;
  clock: Clock;
  /** Covers and logos (the media module); absent, the page shows none. */
  images?: ImageLookup;
}) {
  const { db, clock, images } = deps;

  return {
    /** The public page of an organization by its slug: unknown slugs (and malformed ones) are 404. */
    async getPage(slug: string): Promise<OrganizerPage> {
      // Not a slug's shape (upper case, `..`, a NUL byte): it cannot name an organization.
      if (!Slug.safeParse(slug).success) throw notFound('Organization');
      const organization = await repo.findOrganizationBySlug(db, slug);
      if (!organization) throw notFound('Organization');
      const now = clock.now();
      const [upcoming, past, logos] = await Promise.all([
        repo.listOrganizationEvents(db, {
          organizationId: organization.id,
          when: 'upcoming',
          now,
          limit: ORGANIZER_PAGE_UPCOMING_LIMIT,
        }),
        repo.listOrganizationEvents(db, {
          organizationId: organization.id,
          when: 'past',
          now,
          limit: ORGANIZER_PAGE_PAST_LIMIT,
        }),
        images?.logosOf([organization.id]),
      ]);
      const covers = await images?.coversOf([...upcoming, ...past].map((row) => row.event.id));
      const logo = logos?.get(organization.id);
      return {
        id: organization.id,
        name: organization.name,
        slug: organization.slug,
        description: organization.description,
        website: organization.website,
        links: organization.links,
        ...(logo ? { logo } : {}),
        upcoming: upcoming.map((row) => presentSummary(row, covers?.get(row.event.id))),
        past: past.map((row) => presentSummary(row, covers?.get(row.event.id))),
      };
    },
  };
}

export type OrganizerPageService = ReturnType<typeof createOrganizerPageService>;
