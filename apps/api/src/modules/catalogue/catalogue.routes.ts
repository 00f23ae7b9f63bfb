import {
  IdParam,
  PublicEvent,
  PublicEventFacets,
  PublicEventList,
  PublicEventQuery,
  PublicEventsQuery,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { CatalogueService } from './catalogue.service';

const tags = ['Public catalogue'];

export function registerCatalogueRoutes(api: ApiRouter, deps: { catalogue: CatalogueService }): void {
  const { catalogue } = deps;

  api.add(
    {
      method: 'get',
      path: '/api/public/events',
      summary: 'Published events that have not ended, soonest first',
      description:
        '`q` searches title, venue and description; `from`/`to` bound the start time. `category`, ' +
        '`kind`, `location` (city or venue), `when` (in the time zone `tz`) and a price range ' +
        '(`minPrice`/`maxPrice` in minor units of `currency`, required with them) narrow it further; ' +
        'every filter applies together with the others and with the cursor.',
      tags,
      access: 'public',
      query: PublicEventsQuery,
      status: 200,
      response: PublicEventList,
    },
    async ({ query }) => catalogue.listEvents(query),
  );

  api.add(
    {
      method: 'get',
      path: '/api/public/event-facets',
      summary: 'What the storefront filters can offer',
      description:
        'The categories and cities (with how many events each) and the currencies of published events ' +
        'that have not ended.',
      tags,
      access: 'public',
      status: 200,
      response: PublicEventFacets,
    },
    async () => catalogue.getFacets(),
  );

  api.add(
    {
      method: 'get',
      path: '/api/public/events/{eventIdOrSlug}',
      summary: 'A published event with its ticket types and live availability',
      tags,
      access: 'public',
      description:
        'Served from a per-process cache that is at most 1 s old (a change made through the same process ' +
        'shows at once): `available` never shows more than exists for longer than that. Answers carry an ' +
        'ETag; send it back as If-None-Match for a 304. Hidden ticket types appear only with a `code` ' +
        'that unlocks them (their access code, or an active promo code naming them).',
      params: z.object({ eventIdOrSlug: IdParam }),
      query: PublicEventQuery,
      status: 200,
      response: PublicEvent,
    },
    async ({ params, query, res }) => {
      // Browsers and shared caches may keep the page but must ask again (a 304 by ETag) before
      // showing it: a second cache layer would stretch the 1 s bound on stale availability.
      res.setHeader('Cache-Control', 'public, no-cache');
      return catalogue.getEvent(params.eventIdOrSlug, query.code);
    },
  );
}
