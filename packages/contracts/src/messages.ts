import { z } from 'zod';

/** Who a message goes to: every attendee, or those of some ticket types, checked in or not. */
export const MessageAudience = z
  .union([
    z.enum(['all', 'checked_in', 'not_checked_in']),
    z
      .object({
        ticketTypeIds: z
          .array(z.string().max(100))
          .max(100)
          .optional()
          .describe('Empty or absent: every type'),
        checkedIn: z
          .boolean()
          .optional()
          .describe('true: only checked in; false: only not yet; absent: both'),
      })
      .strict(),
  ])
  .describe('"all" (default), "checked_in", "not_checked_in", or {ticketTypeIds?, checkedIn?}');
export type MessageAudience = z.infer<typeof MessageAudience>;

export const CreateMessageBody = z
  .object({
    subject: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20_000).describe('Markdown; raw HTML is shown as text'),
    audience: MessageAudience.optional(),
  })
  .strict()
  .meta({ id: 'CreateMessageBody' });
export type CreateMessageBody = z.infer<typeof CreateMessageBody>;

export const EventMessage = z
  .object({
    id: z.string(),
    eventId: z.string(),
    subject: z.string(),
    body: z.string(),
    audience: z.object({ ticketTypeIds: z.array(z.string()), checkedIn: z.boolean().nullable() }),
    recipients: z.number().int().describe('Distinct addresses it was sent to'),
    delivery: z
      .object({
        pending: z.number().int(),
        sent: z.number().int(),
        failed: z.number().int(),
      })
      .describe('Delivery counts so far: pending (queued or sending), sent, failed'),
    status: z.enum(['sending', 'sent']),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'EventMessage' });
export type EventMessage = z.infer<typeof EventMessage>;

export const EventMessageList = z.object({ items: z.array(EventMessage) }).meta({ id: 'EventMessageList' });
export type EventMessageList = z.infer<typeof EventMessageList>;
