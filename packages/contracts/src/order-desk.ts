import { z } from 'zod';
import { Email, page } from './common';
import { Ticket } from './orders';
import { Answers } from './questions';

/** What happened to an order, one line each, oldest first. */
export const TimelineKind = z.enum([
  'created',
  'paid',
  'payment_failed',
  'expired',
  'cancelled',
  'refunded',
  'email',
  'edited',
  'check_in',
  'check_in_undone',
  'transferred',
]);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const TimelineActor = z.object({
  userId: z.string().nullable(),
  apiKeyId: z.string().nullable(),
  name: z.string().nullable().describe('The member who acted, when a person did'),
});

export const TimelineEntry = z
  .object({
    at: z.string(),
    kind: TimelineKind,
    summary: z.string(),
    actor: TimelineActor.nullable().describe('null: the buyer or the platform itself'),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const OrderTimeline = z
  .object({ orderId: z.string(), items: z.array(TimelineEntry) })
  .meta({ id: 'OrderTimeline' });
export type OrderTimeline = z.infer<typeof OrderTimeline>;

export const ResendOrderBody = z
  .object({
    email: Email.optional().describe(
      'Send to this address instead (the order keeps its own; PATCH changes it)',
    ),
  })
  .strict()
  .meta({ id: 'ResendOrderBody' });
export type ResendOrderBody = z.infer<typeof ResendOrderBody>;

export const UpdateOrderBody = z
  .object({
    buyer: z.object({ name: z.string().trim().min(1).max(200).optional(), email: Email.optional() }).strict(),
  })
  .strict()
  .meta({ id: 'UpdateOrderBody' });
export type UpdateOrderBody = z.infer<typeof UpdateOrderBody>;

export const UpdateTicketBody = z
  .object({
    attendeeName: z.string().trim().min(1).max(200).optional(),
    attendeeEmail: Email.nullable().optional(),
    answers: Answers.optional().describe('Replaces the per-ticket answers'),
  })
  .strict()
  .meta({ id: 'UpdateTicketBody' });
export type UpdateTicketBody = z.infer<typeof UpdateTicketBody>;

export const EmailStatus = z.enum(['pending', 'sending', 'sent', 'captured', 'failed', 'dead', 'skipped']);

export const EmailLogEntry = z
  .object({
    id: z.string(),
    kind: z.string(),
    recipient: z.string(),
    subject: z.string().nullable(),
    status: EmailStatus,
    attempts: z.number().int(),
    error: z.string().nullable(),
    orderId: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'EmailLogEntry' });
export type EmailLogEntry = z.infer<typeof EmailLogEntry>;

export const EmailLog = page(EmailLogEntry).meta({ id: 'EmailLog' });

export const TransferTicketBody = z
  .object({ name: z.string().trim().min(1).max(200), email: Email })
  .strict()
  .meta({ id: 'TransferTicketBody' });
export type TransferTicketBody = z.infer<typeof TransferTicketBody>;

/** A ticket as its holder sees it: with its event and order, opened with the ticket's own token. */
export const HeldTicket = Ticket.extend({
  eventId: z.string(),
  orderId: z.string(),
  attendeeEmail: z.string().nullable(),
}).meta({ id: 'HeldTicket' });
export type HeldTicket = z.infer<typeof HeldTicket>;

export const TicketTransferResult = z
  .object({
    ticket: HeldTicket.describe('The ticket under its new holder, with its new code and QR'),
    holder: z.object({ name: z.string(), email: z.string() }),
    ticketToken: z
      .string()
      .optional()
      .describe("Organizers only: the new holder's ?token= (also sent to them by email)"),
  })
  .meta({ id: 'TicketTransferResult' });
export type TicketTransferResult = z.infer<typeof TicketTransferResult>;

export const TicketAccessQuery = z.object({
  token: z.string().max(200).optional().describe("The ticket's own token, or the order's (until a transfer)"),
});
