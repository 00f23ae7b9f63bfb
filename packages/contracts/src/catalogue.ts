import { z } from 'zod';
import { PageQuery } from './common';
import { ImageView } from './media';
import { PublicEventDate } from './event-dates';
import { PublicWaitingRoom } from './waiting-room';

/** Where a ticket type stands for a buyer right now. */
export const SaleStatus = z.enum(['upcoming', 'on_sale', 'ended', 'sold_out']);
export type SaleStatus = z.infer<typeof SaleStatus>;

export const PublicTicketType = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    priceCents: z.number().int(),
    available: z.number().int(),
    salesStartAt: z.string().nullable(),
    salesEndAt: z.string().nullable(),
    minPerOrder: z.number().int(),
    maxPerOrder: z.number().int(),
    saleStatus: SaleStatus,
    waitingList: z
      .boolean()
      .describe(
        'Whether buyers may join its waiting list (POST /api/public/events/{eventId}/waiting-list) once it is sold out',
      ),
    hidden: z
      .boolean()
      .optional()
      .describe('True on a hidden type shown because the request’s access code unlocked it'),
  })
  .meta({ id: 'PublicTicketType' });
export type PublicTicketType = z.infer<typeof PublicTicketType>;

export const PublicEventSummary = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    venue: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    timezone: z.string(),
    currency: z.string(),
    organizationName: z.string(),
    minPriceCents: z.number().int().nullable(),
    maxPriceCents: z.number().int().nullable(),
    available: z.number().int(),
    isSoldOut: z.boolean(),
    cover: ImageView.optional().describe('The cover image, when the organizer uploaded one'),
  })
  .meta({ id: 'PublicEventSummary' });
export type PublicEventSummary = z.infer<typeof PublicEventSummary>;

export const PublicEventList = z
  .object({ items: z.array(PublicEventSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'PublicEventList' });

export const PublicEvent = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    venue: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    timezone: z.string(),
    currency: z.string(),
    status: z.enum(['published', 'cancelled']),
    organizationName: z.string(),
    ticketTypes: z.array(PublicTicketType),
    accessCode: z
      .object({
        code: z.string(),
        accepted: z.boolean().describe('Whether it unlocked at least one hidden ticket type'),
      })
      .nullable()
      .describe('The `?code=` of the request and whether it unlocked anything; null without a code'),
    waitingRoom: PublicWaitingRoom.nullable().describe(
      'The waiting room in front of the sale, when on: join it with POST /api/public/events/{eventId}/queue',
    ),
    dates: z
      .array(PublicEventDate)
      .describe(
        'The dates it runs on, soonest first, each with what is left of every ticket type; empty for an event with only its own start and end. With more than one, an order names its dateId',
      ),
    cover: ImageView.optional().describe('The cover image, when the organizer uploaded one'),
    paymentMethods: z
      .array(z.enum(['card', 'bank_transfer']))
      .optional()
      .describe('How buyers may pay: card always, bank_transfer when the organizer offers it'),
    organizationLogo: ImageView.optional().describe("The organization's logo, when it has one"),
  })
  .meta({ id: 'PublicEvent' });
export type PublicEvent = z.infer<typeof PublicEvent>;

export const PublicEventsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type PublicEventsQuery = z.infer<typeof PublicEventsQuery>;

export const PublicEventQuery = z.object({
  // Any text is taken: a code that unlocks nothing shows the public page with `accepted: false`.
  code: z.string().trim().max(100).optional().describe('An access code that unlocks hidden ticket types'),
});
export type PublicEventQuery = z.infer<typeof PublicEventQuery>;
