import { IdParam, PublicEvent, PublicEventList, PublicEventsQuery } from '@zevents/contracts';
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
      description: '`q` searches title, venue and description; `from`/`to` bound the start time.',
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
      path: '/api/public/events/{eventIdOrSlug}',
      summary: 'A published event with its ticket types and live availability',
      tags,
      access: 'public',
      params: z.object({ eventIdOrSlug: IdParam }),
      status: 200,
      response: PublicEvent,
    },
    async ({ params }) => catalogue.getEvent(params.eventIdOrSlug),
  );
}
