import {
  CreateEventDateBody,
  EventDate,
  EventDateList,
  UpdateEventDateBody,
  UuidParam,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { EventDatesService } from './event-dates.service';

const EventParams = z.object({ eventId: UuidParam });
const DateParams = z.object({ dateId: UuidParam });

export function registerEventDatesRoutes(
  api: ApiRouter<Permission>,
  deps: { dates: EventDatesService },
): void {
  const { dates } = deps;
  const tags = ['Event dates'];

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/dates',
      summary: 'Add a date or time slot (a play on 20 nights, a museum’s hourly slots)',
      description:
        'Each date sells its own stock of every ticket type: the type’s capacity, or the one given in ' +
        '`capacities`. The first date takes over the stock the ticket types already have (when the event ' +
        'already sold tickets, its own start and end become its first date and this one the second). ' +
        'With more than one date, POST /api/orders needs a `dateId` (422 DATE_REQUIRED). The event’s ' +
        'startsAt and endsAt follow its dates (first start, last end). 409 DATES_WITH_CAPACITY_POOLS: ' +
        'an event with capacity pools sells on one date.',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EventParams,
      body: CreateEventDateBody,
      status: 201,
      response: EventDate,
      errors: [403, 409, 422],
    },
    async ({ auth, params, body }) => dates.create(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/dates',
      summary: "The event's dates, soonest first, with each ticket type's capacity, sold, held and available",
      tags,
      access: 'member',
      permission: 'events.view',
      params: EventParams,
      status: 200,
      response: EventDateList,
    },
    async ({ auth, params }) => dates.list(auth, params.eventId),
  );

  api.add(
    {
      method: 'get',
      path: '/api/event-dates/{dateId}',
      summary: 'One date with its stock',
      tags,
      access: 'member',
      permission: 'events.view',
      params: DateParams,
      status: 200,
      response: EventDate,
    },
    async ({ auth, params }) => dates.get(auth, params.dateId),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/event-dates/{dateId}',
      summary: 'Move a date or change its capacities (never below what it has sold and held)',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: DateParams,
      body: UpdateEventDateBody,
      status: 200,
      response: EventDate,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => dates.update(auth, params.dateId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/event-dates/{dateId}',
      summary: 'Delete a date without orders (409 DATE_HAS_ORDERS otherwise)',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: DateParams,
      status: 204,
      errors: [403, 409],
    },
    async ({ auth, params }) => dates.remove(auth, params.dateId),
  );
}
