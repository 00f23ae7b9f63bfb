import { z } from 'zod';
import { Timestamp } from './common';
import { EventTime } from './events';

/** Most dates one event may have (a year of hourly slots fits; a typo of a million does not). */
export const MAX_EVENT_DATES = 2_000;
/** A single date (or slot) lasts at most this long. */
const MAX_DATE_DAYS = 31;

const DateCapacities = z
  .array(
    z
      .object({
        ticketTypeId: z
          .string()
          .trim()
          .toLowerCase()
          .pipe(z.uuid({ error: 'must be a ticket type id of this event' })),
        capacity: z.number().int().min(0).max(10_000_000),
      })
      .strict(),
  )
  .max(100)
  .refine((items) => new Set(items.map((item) => item.ticketTypeId)).size === items.length, {
    message: 'each ticket type may appear once',
  })
  .describe(
    "This date's own capacity per ticket type; a type not named keeps its own capacity (the ticket type's `capacity`) on this date",
  );

function checkSpan(body: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx) {
  if (!body.startsAt || !body.endsAt) return;
  const starts = Date.parse(body.startsAt);
  const ends = Date.parse(body.endsAt);
  if (ends <= starts) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  else if (ends - starts > MAX_DATE_DAYS * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `a date lasts at most ${MAX_DATE_DAYS} days` });
}

export const CreateEventDateBody = z
  .object({ startsAt: EventTime, endsAt: EventTime, capacities: DateCapacities.optional() })
  .strict()
  .superRefine(checkSpan)
  .meta({ id: 'CreateEventDateBody' });
export type CreateEventDateBody = z.infer<typeof CreateEventDateBody>;

export const UpdateEventDateBody = z
  .object({
    startsAt: EventTime.optional(),
    endsAt: EventTime.optional(),
    capacities: DateCapacities.optional(),
  })
  .strict()
  .superRefine(checkSpan)
  .meta({ id: 'UpdateEventDateBody' });
export type UpdateEventDateBody = z.infer<typeof UpdateEventDateBody>;

export const EventDateTicketType = z
  .object({
    ticketTypeId: z.string(),
    name: z.string(),
    capacity: z.number().int().describe('This date’s capacity of the type'),
    sold: z.number().int(),
    held: z.number().int(),
    available: z.number().int().describe('capacity - sold - held, never below 0'),
  })
  .meta({ id: 'EventDateTicketType' });

export const EventDate = z
  .object({
    id: z.string(),
    eventId: z.string(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    ticketTypes: z.array(EventDateTicketType),
    sold: z.number().int().describe('Paid tickets of every type on this date'),
    held: z.number().int(),
    capacity: z.number().int(),
    createdAt: Timestamp,
  })
  .meta({ id: 'EventDate' });
export type EventDate = z.infer<typeof EventDate>;

export const EventDateList = z.object({ items: z.array(EventDate) }).meta({ id: 'EventDateList' });
export type EventDateList = z.infer<typeof EventDateList>;

export const PublicEventDate = z
  .object({
    id: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    ticketTypes: z.array(
      z.object({
        id: z.string().describe('The ticket type (as in ticketTypes)'),
        available: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'PublicEventDate' });
export type PublicEventDate = z.infer<typeof PublicEventDate>;

/** `?dateId=` on the organizer's per-date views (stats, attendees, check-in). */
export const DateFilterQuery = z.object({
  dateId: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.uuid({ error: 'dateId must be an event date id (a UUID)' }))
    .optional(),
});
export type DateFilterQuery = z.infer<typeof DateFilterQuery>;
