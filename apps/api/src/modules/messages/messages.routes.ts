import { CreateMessageBody, EventMessage, EventMessageList, UuidParam } from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { MessagesService } from './messages.service';

const EventParams = z.object({ eventId: UuidParam });

export function registerMessagesRoutes(
  api: ApiRouter<Permission>,
  deps: { messages: MessagesService },
): void {
  const { messages } = deps;
  const tags = ['Messages'];

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/messages',
      summary: "Email the event's attendees: a subject and a Markdown body, to all or some of them",
      description:
        'One email per attendee address (the ticket’s attendee email, else its buyer’s), sent by the job ' +
        'queue; GET shows the delivery counts as they move. The same Idempotency-Key, or the same subject ' +
        'and body again within a minute, sends once and answers the message already sent (200).',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EventParams,
      idempotency: 'optional',
      body: CreateMessageBody,
      status: 201,
      response: EventMessage,
      errors: [403, 422],
    },
    async ({ auth, params, body, idempotencyKey }) => {
      const sent = await messages.send(auth, params.eventId, body, idempotencyKey);
      // A repeat answers the message already sent, with 200 instead of 201.
      return { status: sent.isNew ? 201 : 200, body: sent.message };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/messages',
      summary: "The event's messages, newest first, with their delivery counts",
      tags,
      access: 'member',
      permission: 'events.view',
      params: EventParams,
      status: 200,
      response: EventMessageList,
    },
    async ({ auth, params }) => messages.list(auth, params.eventId),
  );
}
