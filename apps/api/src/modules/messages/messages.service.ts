import { createHash } from 'node:crypto';
import type { CreateMessageBody, EventMessage, EventMessageList, MessageAudience } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { recordEventAudit } from '../audit';
import { authorizeEvent, listTicketTypes } from '../events';
import { countMessageDeliveries, type Notifier } from '../notifications';
import * as repo from './messages.repository';

/** The same subject and body sent again within this long is the same message (a double click, a retry). */
export const REPEAT_WINDOW_MS = 60_000;

function audienceOf(audience: MessageAudience | undefined): {
  ticketTypeIds: string[];
  checkedIn: boolean | null;
} {
  if (audience === undefined || audience === 'all') return { ticketTypeIds: [], checkedIn: null };
  if (audience === 'checked_in') return { ticketTypeIds: [], checkedIn: true };
  if (audience === 'not_checked_in') return { ticketTypeIds: [], checkedIn: false };
  return {
    ticketTypeIds: (audience.ticketTypeIds ?? []).map((id) => id.toLowerCase()),
    checkedIn: audience.checkedIn ?? null,
  };
}

type Deliveries = Awaited<ReturnType<typeof countMessageDeliveries>>;

function present(row: repo.EventMessageRow, deliveries: Deliveries): EventMessage {
  const delivery = deliveries.get(row.id) ?? { pending: 0, sent: 0, failed: 0 };
  return {
    id: row.id,
    eventId: row.eventId,
    subject: row.subject,
    body: row.body,
    audience: row.audience,
    recipients: row.recipients,
    delivery,
    status: delivery.pending > 0 ? 'sending' : 'sent',
    createdBy: row.createdByUserId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Messages from organizers to an event's attendees, sent by the job queue, each exactly once. */
export function createMessagesService(deps: { db: Db; clock: Clock; notifier: Notifier }) {
  const { db, clock, notifier } = deps;

  return {
    /**
     * Records the message and one email per attendee address, in one transaction with their send
     * jobs. The same Idempotency-Key, or the same subject and body within a minute, answers the
     * message already sent instead of sending it twice.
     */
    async send(
      auth: Principal,
      eventId: string,
      body: CreateMessageBody,
      idempotencyKey: string | undefined,
    ): Promise<{ message: EventMessage; isNew: boolean }> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      const audience = audienceOf(body.audience);
      if (audience.ticketTypeIds.length > 0) {
        const types = new Set((await listTicketTypes(db, event.id)).map((type) => type.id));
        const index = audience.ticketTypeIds.findIndex((id) => !types.has(id));
        if (index >= 0)
          throw new AppError('TICKET_TYPE_NOT_IN_EVENT', 'A ticket type does not belong to this event', {
            errors: [{ path: `audience.ticketTypeIds.${index}`, message: 'not a ticket type of this event' }],
          });
      }
      const now = clock.now();
      const contentHash = createHash('sha256').update(`${body.subject}\n${body.body}`).digest('base64url');
      const row = await db.transaction(async (tx) => {
        await repo.lockEventMessages(tx, event.id);
        const repeated = await repo.findRepeatedMessage(tx, event.id, {
          idempotencyKey: idempotencyKey ?? null,
          contentHash,
          since: new Date(now.getTime() - REPEAT_WINDOW_MS),
        });
        if (repeated) return { row: repeated, isNew: false };
        const message = await repo.insertMessage(tx, {
          eventId: event.id,
          subject: body.subject,
          body: body.body,
          audience,
          idempotencyKey: idempotencyKey ?? null,
          contentHash,
          createdByUserId: auth.kind === 'session' ? auth.userId : null,
          createdByApiKeyId: auth.kind === 'apiKey' ? auth.apiKeyId : null,
          createdAt: now,
        });
        const recipients = await notifier.eventMessage(tx, {
          id: message.id,
          eventId: event.id,
          ...audience,
        });
        await repo.setRecipients(tx, message.id, recipients);
        await recordEventAudit(tx, auth, event, 'event.message', { messageId: message.id, recipients });
        return { row: { ...message, recipients }, isNew: true };
      });
      return { message: present(row.row, await countMessageDeliveries(db, event.id)), isNew: row.isNew };
    },

    async list(auth: Principal, eventId: string): Promise<EventMessageList> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const [rows, deliveries] = await Promise.all([
        repo.listMessages(db, event.id),
        countMessageDeliveries(db, event.id),
      ]);
      return { items: rows.map((row) => present(row, deliveries)) };
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;

/** For the email composer: the message as it is now. */
export async function loadEventMessage(db: Db, messageId: string) {
  const row = await repo.findMessage(db, messageId);
  return row ? { subject: row.subject, body: row.body } : undefined;
}
