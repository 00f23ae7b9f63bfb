import { DateFilterQuery, EventStats, UuidParam } from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { StatsService } from './stats.service';

export function registerStatsRoutes(api: ApiRouter<Permission>, deps: { stats: StatsService }): void {
  const { stats } = deps;

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/stats',
      summary: "An event's dashboard: sold, held, revenue, refunds, check-ins, per type and per day",
      description:
        'Figures are net of refunds, expiries and cancellations. `salesByDay` counts each paid order on ' +
        "the day it was paid in the event's time zone, with its still-valid tickets and its revenue less refunds. " +
        'On an event with dates, `?dateId=` narrows every figure to that date (422 DATE_NOT_IN_EVENT for another event’s).',
      tags: ['Dashboard'],
      access: 'member',
      permission: 'events.view',
      params: z.object({ eventId: UuidParam }),
      query: DateFilterQuery,
      status: 200,
      response: EventStats,
      errors: [403, 422],
    },
    async ({ auth, params, query }) => stats.getEventStats(auth, params.eventId, query.dateId),
  );
}
