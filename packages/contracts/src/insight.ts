import { z } from 'zod';
import { DateFilterQuery } from './event-dates';
import { page, PageQuery } from './common';
import { OrderStatus, Ticket, TicketStatus } from './orders';
import { AnswerValue } from './questions';

/** What organizers watch: every figure is net of refunds, expiries and cancellations. */
export const TicketTypeStats = z
  .object({
    ticketTypeId: z.string(),
    name: z.string(),
    sold: z.number().int(),
    held: z.number().int().describe('Seats in live holds (expired holds excluded)'),
    capacity: z.number().int(),
    revenueCents: z
      .number()
      .int()
      .describe("This type's share of what the event kept: discounts and refunds are shared out by price"),
  })
  .meta({ id: 'TicketTypeStats' });
export type TicketTypeStats = z.infer<typeof TicketTypeStats>;

export const SalesDay = z
  .object({
    date: z.string().describe("YYYY-MM-DD in the event's time zone, the day the order was paid"),
    tickets: z.number().int().describe('Tickets of orders paid that day that are still valid'),
    revenueCents: z.number().int().describe('What those orders brought in, less their refunds'),
  })
  .meta({ id: 'SalesDay' });
export type SalesDay = z.infer<typeof SalesDay>;

/** How an order was paid: a buyer's own checkout, or issued by the organizer (comp or cash). */
export const SalesChannel = z.enum(['online', 'comp', 'cash']);
export type SalesChannel = z.infer<typeof SalesChannel>;

export const ChannelStats = z
  .object({
    channel: SalesChannel,
    orders: z.number().int().describe('Paid orders (refunded ones included)'),
    tickets: z.number().int().describe('Their tickets still valid'),
    revenueCents: z.number().int().describe('What they brought in, less refunds (comp: always 0)'),
  })
  .meta({ id: 'ChannelStats' });
export type ChannelStats = z.infer<typeof ChannelStats>;

export const EventStats = z
  .object({
    ticketsSold: z.number().int(),
    ticketsHeld: z.number().int(),
    capacity: z.number().int(),
    revenueCents: z.number().int().describe('Paid order totals less what was refunded on them'),
    refundsCents: z.number().int().describe('Everything refunded on paid orders'),
    checkedIn: z.number().int(),
    byTicketType: z.array(TicketTypeStats),
    salesByDay: z.array(SalesDay).describe('Oldest day first; only days with a paid order'),
    byChannel: z
      .array(ChannelStats)
      .describe('Online checkout, complimentary and cash orders, always in that order (zeros included)'),
  })
  .meta({ id: 'EventStats' });
export type EventStats = z.infer<typeof EventStats>;

const SearchText = z
  .string()
  .trim()
  .max(200)
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const EventOrdersFilter = z.object({
  status: OrderStatus.optional().describe('A hold past its deadline counts as `expired`'),
  q: SearchText.describe('Part of the buyer name or email'),
});
export type EventOrdersFilter = z.infer<typeof EventOrdersFilter>;

export const EventOrdersQuery = PageQuery.extend(EventOrdersFilter.shape);
export type EventOrdersQuery = z.infer<typeof EventOrdersQuery>;

export const EventOrderListItem = z
  .object({
    id: z.string(),
    status: OrderStatus,
    buyer: z.object({ name: z.string(), email: z.string() }),
    tickets: z.number().int().describe('Tickets ordered'),
    subtotalCents: z.number().int(),
    discountCents: z.number().int(),
    totalCents: z.number().int(),
    refundedCents: z.number().int(),
    currency: z.string(),
    createdAt: z.string(),
    paidAt: z.string().nullable(),
    paymentMethod: z
      .enum(['comp', 'cash'])
      .nullable()
      .optional()
      .describe('comp or cash for an order the organizer issued; null for a buyer’s checkout'),
  })
  .meta({ id: 'EventOrderListItem' });
export type EventOrderListItem = z.infer<typeof EventOrderListItem>;

export const EventOrderList = page(EventOrderListItem).meta({ id: 'EventOrderList' });

export const AttendeesFilter = z.object({
  status: TicketStatus.optional(),
  q: SearchText.describe('Part of the attendee or buyer name, the buyer email, or a ticket code'),
  dateId: DateFilterQuery.shape.dateId.describe('Only the tickets of this date (an event with dates)'),
});
export type AttendeesFilter = z.infer<typeof AttendeesFilter>;

export const AttendeesQuery = PageQuery.extend(AttendeesFilter.shape);
export type AttendeesQuery = z.infer<typeof AttendeesQuery>;

export const Attendee = z
  .object({
    ticketId: z.string(),
    code: z.string(),
    attendeeName: z.string(),
    attendeeEmail: z.string().nullable(),
    answers: z.record(z.string(), AnswerValue).describe('Answers to per-ticket questions, by question id'),
    orderAnswers: z.record(z.string(), AnswerValue).describe("The order's answers, by question id"),
    buyerName: z.string(),
    buyerEmail: z.string(),
    ticketTypeId: z.string(),
    ticketTypeName: z.string(),
    status: TicketStatus,
    checkedInAt: z.string().nullable(),
    orderId: z.string(),
    paymentMethod: z
      .enum(['comp', 'cash'])
      .nullable()
      .optional()
      .describe('comp or cash when the organizer issued the order; null for a buyer’s checkout'),
    dateId: z
      .string()
      .nullable()
      .optional()
      .describe('The event date the ticket admits to, on an event with dates'),
  })
  .meta({ id: 'Attendee' });
export type Attendee = z.infer<typeof Attendee>;

export const AttendeeList = page(Attendee).meta({ id: 'AttendeeList' });

const DoorText = z.string().trim().max(200).optional();

export const CheckInBody = z
  .object({
    code: z.string().trim().min(1).max(200).describe('The scanned QR string or the short code typed by hand'),
    device: DoorText.describe('Which scanner, recorded with the check-in'),
    location: DoorText.describe('Which door, recorded with the check-in'),
    dateId: DateFilterQuery.shape.dateId.describe(
      'The door admits this date only (an event with dates): a ticket of another date is 422 WRONG_DATE',
    ),
  })
  .strict()
  .meta({ id: 'CheckInBody' });
export type CheckInBody = z.infer<typeof CheckInBody>;

export const UndoCheckInQuery = z.object({ device: DoorText, location: DoorText });
export type UndoCheckInQuery = z.infer<typeof UndoCheckInQuery>;

export const CheckInResult = z
  .object({
    ticket: Ticket,
    attendeeName: z.string(),
    ticketTypeName: z.string(),
    checkedInAt: z.string(),
  })
  .meta({ id: 'CheckInResult' });
export type CheckInResult = z.infer<typeof CheckInResult>;
