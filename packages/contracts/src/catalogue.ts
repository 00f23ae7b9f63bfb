import { z } from 'zod';
import { Currency, PageQuery } from './common';
import { EventCategory, EventKind } from './events';
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
    category: EventCategory.nullable(),
    kind: EventKind.describe('online and hybrid events have a join link, shown to ticket holders only'),
    city: z.string().nullable(),
    organizationSlug: z.string().describe('The organizer page is /o/{organizationSlug}'),
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
    category: EventCategory.nullable(),
    kind: EventKind.describe('online and hybrid events have a join link, shown to ticket holders only'),
    city: z.string().nullable(),
    organizationSlug: z.string().describe('The organizer page is /o/{organizationSlug}'),
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

/** The storefront's date shortcuts, evaluated in the visitor's time zone (`tz`). */
export const EventWhen = z.enum(['today', 'tomorrow', 'this-weekend', 'this-week']).meta({ id: 'EventWhen' });
export type EventWhen = z.infer<typeof EventWhen>;

/**
 * A visitor's zone as their browser names it: every zone the runtime knows, aliases too (browsers
 * still say Asia/Calcutta or Etc/UTC), where an event's own zone must be a canonical one.
 */
const ViewerTimeZone = z
  .string()
  .max(100)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone such as Europe/Paris' },
  )
  .meta({ example: 'Europe/Paris' });

const MinorUnits = z.coerce.number().int().min(0).max(100_000_000);

export const PublicEventsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  category: EventCategory.optional(),
  kind: EventKind.optional(),
  location: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Part of the city or the venue, in whichever letter case'),
  when: EventWhen.optional().describe(
    'Events running at some time of the window (Friday 17:00 to Monday 00:00 for this-weekend), in `tz`',
  ),
  tz: ViewerTimeZone.optional().describe('The IANA time zone `when` is evaluated in (default UTC)'),
  currency: Currency.optional().describe('The currency minPrice and maxPrice are in'),
  minPrice: MinorUnits.optional().describe(
    'In minor units of `currency`: a public ticket type on sale costs at least this',
  ),
  maxPrice: MinorUnits.optional().describe(
    'In minor units of `currency`: a public ticket type on sale costs at most this',
  ),
}).superRefine((query, ctx) => {
  // Prices of different currencies do not compare: the range needs the one it is in.
  if ((query.minPrice !== undefined || query.maxPrice !== undefined) && query.currency === undefined)
    ctx.addIssue({ code: 'custom', path: ['currency'], message: 'prices filter within one currency' });
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.maxPrice < query.minPrice)
    ctx.addIssue({ code: 'custom', path: ['maxPrice'], message: 'must be at least minPrice' });
});
export type PublicEventsQuery = z.infer<typeof PublicEventsQuery>;

export const PublicEventQuery = z.object({
  // Any text is taken: a code that unlocks nothing shows the public page with `accepted: false`.
  code: z.string().trim().max(100).optional().describe('An access code that unlocks hidden ticket types'),
});
export type PublicEventQuery = z.infer<typeof PublicEventQuery>;

/** What the storefront's filters can offer: over published events that have not ended. */
export const PublicEventFacets = z
  .object({
    categories: z.array(z.object({ category: EventCategory, count: z.number().int() })),
    cities: z
      .array(z.object({ city: z.string(), count: z.number().int() }))
      .describe('Most events first, at most 50'),
    currencies: z.array(z.string()),
  })
  .meta({ id: 'PublicEventFacets' });
export type PublicEventFacets = z.infer<typeof PublicEventFacets>;
