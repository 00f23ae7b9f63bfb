import { OrganizerPage } from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { OrganizerPageService } from './organizer-page.service';

const tags = ['Public catalogue'];

/** How long browsers and shared caches may keep an organizer page without asking again. */
const MAX_AGE_SECONDS = 30;

export function registerOrganizerPageRoutes(
  api: ApiRouter,
  deps: { organizerPages: OrganizerPageService },
): void {
  const { organizerPages } = deps;

  api.add(
    {
      method: 'get',
      path: '/api/public/organizations/{slug}',
      summary: "An organization's public page: profile, upcoming and past events",
      description:
        'Published events only: `upcoming` have not ended (soonest first), `past` have (latest first). ' +
        `Cacheable for ${MAX_AGE_SECONDS} s: seats left on its cards may be that old.`,
      tags,
      access: 'public',
      params: z.object({ slug: z.string().min(1).max(100) }),
      status: 200,
      response: OrganizerPage,
    },
    async ({ params, res }) => {
      const page = await organizerPages.getPage(params.slug);
      // Set only on success: a 404 for a slug that is about to be taken must not be kept.
      res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
      return page;
    },
  );
}
