import {
  ORGANIZER_PAGE_PAST_LIMIT,
  ORGANIZER_PAGE_UPCOMING_LIMIT,
  type OrganizerPage,
  Slug,
} from '@zevents/contracts';
import type { Db } from '../../db/client';
import { notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import type { ImageLookup } from '../media';
import { presentPublicEventSummary } from './catalogue.presenter';
import * as repo from './organizer-page.repository';

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
        upcoming: upcoming.map((row) => presentPublicEventSummary(row, covers?.get(row.event.id))),
        past: past.map((row) => presentPublicEventSummary(row, covers?.get(row.event.id))),
      };
    },
  };
}

export type OrganizerPageService = ReturnType<typeof createOrganizerPageService>;
