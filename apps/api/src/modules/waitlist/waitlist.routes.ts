import {
  JoinWaitlistBody,
  MoveWaitlistEntryBody,
  UuidParam,
  WaitlistEntry,
  WaitlistJoined,
  WaitlistList,
  WaitlistTokenQuery,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ConsumeLimit } from '../../http/rate-limit';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { WaitlistService } from './waitlist.service';

const EventParams = z.object({ eventId: UuidParam });
const EntryParams = z.object({ entryId: UuidParam });

export function registerWaitlistRoutes(
  api: ApiRouter<Permission>,
  deps: { waitlist: WaitlistService; limits?: { joinPerIp: ConsumeLimit } },
): void {
  const { waitlist } = deps;
  const tags = ['Waiting list'];

  api.add(
    {
      method: 'post',
      path: '/api/public/events/{eventId}/waiting-list',
      summary: 'Join the waiting list of a sold-out ticket type',
      description:
        'One entry per email and ticket type. When tickets come back, entries get them in turn: a hold ' +
        'for exactly their quantity, paid through the normal checkout before it expires. A confirmation ' +
        'email carries the link that leaves the list. Each join sends an email, so one client address ' +
        'may join at most 20 times a minute (429 RATE_LIMITED with Retry-After).',
      tags,
      access: 'public',
      params: EventParams,
      body: JoinWaitlistBody,
      status: 201,
      response: WaitlistJoined,
      errors: [409, 422, 429],
      before: [async (req) => deps.limits?.joinPerIp(`ip:${req.ip}`)],
    },
    async ({ params, body }) => waitlist.join(params.eventId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/public/waiting-list/{entryId}',
      summary: 'Leave a waiting list (the link in its emails); an open offer is withdrawn',
      tags,
      access: 'public',
      params: EntryParams,
      query: WaitlistTokenQuery,
      status: 204,
    },
    async ({ params, query }) => waitlist.leave(params.entryId, query.token),
  );

  api.add(
    {
      method: 'post',
      path: '/api/public/waiting-list/{entryId}/decline',
      summary: 'Decline an offer: its tickets pass to the next entry',
      tags,
      access: 'public',
      params: EntryParams,
      query: WaitlistTokenQuery,
      status: 204,
      errors: [409],
    },
    async ({ params, query }) => waitlist.decline(params.entryId, query.token),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/waiting-list',
      summary: "The event's waiting lists: entries by ticket type and place, with their offers and counts",
      tags,
      access: 'member',
      permission: 'events.view',
      params: EventParams,
      status: 200,
      response: WaitlistList,
    },
    async ({ auth, params }) => waitlist.list(auth, params.eventId),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/waiting-list/{entryId}',
      summary: "Move a waiting entry to a new place in its ticket type's line",
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EntryParams,
      body: MoveWaitlistEntryBody,
      status: 200,
      response: WaitlistJoined,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => waitlist.move(auth, params.entryId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/waiting-list/{entryId}',
      summary: 'Remove an entry; an open offer is withdrawn and its tickets go back on sale',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EntryParams,
      status: 204,
      errors: [403],
    },
    async ({ auth, params }) => waitlist.remove(auth, params.entryId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/waiting-list/{entryId}/offer',
      summary: 'Offer an entry its tickets now, ahead of its turn (409 SOLD_OUT when they do not fit)',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EntryParams,
      status: 201,
      response: WaitlistEntry,
      errors: [403, 409, 422],
    },
    async ({ auth, params }) => waitlist.offerNow(auth, params.entryId),
  );
}
