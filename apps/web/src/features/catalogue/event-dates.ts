import type { PublicEvent, PublicEventDate } from '@zevents/contracts';
import type { Availability } from '../../api/useEventAvailability';

/** Up to this many dates read well as a list of buttons; more are picked on a month calendar first. */
export const DATE_LIST_LIMIT = 14;

/** The search parameter that keeps the chosen date in the link (`/events/x?date=<id>`). */
export const DATE_PARAM = 'date';

/**
 * The date the buyer buys for: the only one when there is one, else the one the link names (if the
 * event still sells it). Null means the buyer has to choose, or the event has no dates at all.
 */
export function chosenDateOf(
  dates: readonly PublicEventDate[],
  requestedId: string | null | undefined,
): PublicEventDate | null {
  if (dates.length === 1) return dates[0] ?? null;
  return dates.find((date) => date.id === requestedId) ?? null;
}

/** What is left of each ticket type on that date, by ticket type id (the selector's availability). */
export function availabilityOfDate(date: PublicEventDate): Availability {
  return Object.fromEntries(date.ticketTypes.map((type) => [type.id, type.available]));
}

/**
 * Whether nothing the buyer can see is left on that date. A visible type the date does not list has
 * no stock on it. An event showing no types at all is not "sold out": it has nothing on sale yet.
 */
export function isDateSoldOut(date: PublicEventDate, visibleTypeIds: readonly string[]): boolean {
  if (visibleTypeIds.length === 0) return false;
  const left = availabilityOfDate(date);
  return visibleTypeIds.every((id) => (left[id] ?? 0) <= 0);
}

const dayKeyFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `2027-03-14`: the day an instant falls on in the event's zone (the calendar's day, which is the
 * venue's, not the viewer's: a 23:30 show in Paris is on the 14th even when it is the 15th in Tokyo).
 */
export function dayKeyOf(iso: string, timeZone: string): string {
  let formatter = dayKeyFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayKeyFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return `${parts.year ?? '1970'}-${parts.month ?? '01'}-${parts.day ?? '01'}`;
}

/** The dates by the day they start on (in the event's zone), each day's in the order given (soonest first). */
export function datesByDay(
  dates: readonly PublicEventDate[],
  timeZone: string,
): Map<string, PublicEventDate[]> {
  const days = new Map<string, PublicEventDate[]>();
  for (const date of dates) {
    const key = dayKeyOf(date.startsAt, timeZone);
    const list = days.get(key);
    if (list) list.push(date);
    else days.set(key, [date]);
  }
  return days;
}

/** The date an order or ticket is for, when the public event still lists it (a past date is gone). */
export function orderDateOf(
  event: Pick<PublicEvent, 'dates'>,
  dateId: string | null | undefined,
): PublicEventDate | undefined {
  return dateId ? event.dates.find((candidate) => candidate.id === dateId) : undefined;
}

/**
 * When an order takes place: its own date when the event still lists it, else the event's own start
 * and end (an event without dates, or a date that has ended and so left the public page).
 */
export function orderTimeOf(
  event: Pick<PublicEvent, 'startsAt' | 'endsAt' | 'dates'>,
  dateId: string | null | undefined,
): { startsAt: string; endsAt: string } {
  const date = orderDateOf(event, dateId);
  return date
    ? { startsAt: date.startsAt, endsAt: date.endsAt }
    : { startsAt: event.startsAt, endsAt: event.endsAt };
}
