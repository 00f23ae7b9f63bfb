import { i18n } from '../../i18n/i18n';

/** What a calendar entry needs to know about an event. */
export interface CalendarEvent {
  id: string;
  title: string;
  description?: string | null;
  venue?: string | null;
  startsAt: string;
  endsAt: string;
  /** The public event page. Never the order page: its `?token=` would go to Google and into shared calendars. */
  url?: string;
}

/**
 * The calendar entry for a public event: its own details and a link to its public page. `date` is the
 * order's date of an event with dates: its times, and an id of its own so two dates are two entries.
 */
export function calendarEntryFor(
  event: {
    id: string;
    slug: string;
    title: string;
    description?: string | null;
    venue?: string | null;
    startsAt: string;
    endsAt: string;
  },
  origin: string,
  date?: { id: string; startsAt: string; endsAt: string },
): CalendarEvent {
  return {
    id: date ? `${event.id}-${date.id}` : event.id,
    title: event.title,
    description: event.description,
    venue: event.venue,
    startsAt: date?.startsAt ?? event.startsAt,
    endsAt: date?.endsAt ?? event.endsAt,
    url: `${origin}/events/${encodeURIComponent(event.slug)}${date ? `?date=${encodeURIComponent(date.id)}` : ''}`,
  };
}

/** `2027-01-26T08:00:00.000Z` -> `20270126T080000Z`. */
function icsTime(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 text escaping: backslash, semicolon, comma and newlines. */
function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 characters continue on the next line after a space (RFC 5545 folding). */
function fold(line: string): string {
  const parts: string[] = [];
  for (let rest = line; rest.length > 0; rest = rest.slice(73)) parts.push(rest.slice(0, 73));
  return parts.join('\r\n ');
}

/** An iCalendar file with one event, in UTC so every calendar app places it right. */
export function buildIcs(event: CalendarEvent, now: Date = new Date()): string {
  const description = [
    event.description ?? '',
    event.url ? i18n.t('web.checkout.calendar.eventPage', { url: event.url }) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Z-Events//Tickets//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.id}@z-events`,
    `DTSTAMP:${icsTime(now.toISOString())}`,
    `DTSTART:${icsTime(event.startsAt)}`,
    `DTEND:${icsTime(event.endsAt)}`,
    `SUMMARY:${icsText(event.title)}`,
    ...(event.venue ? [`LOCATION:${icsText(event.venue)}`] : []),
    ...(description ? [`DESCRIPTION:${icsText(description)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** A `data:` link that downloads the .ics file. */
export function icsHref(event: CalendarEvent): string {
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(buildIcs(event))}`;
}

/** Google Calendar's "add event" page, prefilled. */
export function googleCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${icsTime(event.startsAt)}/${icsTime(event.endsAt)}`,
    details: [
      event.description ?? '',
      event.url ? i18n.t('web.checkout.calendar.eventPage', { url: event.url }) : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    location: event.venue ?? '',
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}
