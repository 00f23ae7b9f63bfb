import { formatMoney as formatMoneyIn } from '@zevents/contracts';
import { DateTime } from 'luxon';
import type { EmailEvent } from './email-types';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in element content and in quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * A link target for an href attribute. Links are built by the platform, so anything but http(s) is a bug
 * upstream; failing the render beats mailing a `javascript:` link to thousands of buyers.
 */
export function escapeHref(url: string): string {
  if (!/^https?:\/\//i.test(url)) throw new Error(`Refusing to put a non-http(s) link in an email: ${url}`);
  return escapeHtml(url);
}

/** One line of plain text: a title with a line break must not break a subject header or a layout. */
export function singleLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Integer minor units to "€12.50", "$12.50", "¥1,200", with the one money formatter the web app uses
 * too. Emails speak en-US for now; codes arrive in either case (Stripe's are lower-case).
 */
export function formatMoney(minorUnits: number, currency: string): string {
  return formatMoneyIn(minorUnits, currency.toUpperCase(), 'en-US');
}

type Schedule = Pick<EmailEvent, 'startsAt' | 'endsAt' | 'timezone'>;

function eventZone(timezone: string): string {
  // An unknown zone must not print "Invalid DateTime"; UTC is wrong but says so.
  return DateTime.local().setZone(timezone).isValid ? timezone : 'UTC';
}

const DAY = 'cccc d LLLL yyyy';

/**
 * The last texts made from an event's dates: every reminder and confirmation of an event shows the
 * same ones, and luxon's time-zone arithmetic cost ~0.4 ms of CPU per email. Bounded: cleared when full.
 */
const scheduleTexts = new Map<string, string>();
const MAX_SCHEDULE_TEXTS = 1_000;

function remembered(key: string, make: () => string): string {
  const known = scheduleTexts.get(key);
  if (known !== undefined) return known;
  if (scheduleTexts.size >= MAX_SCHEDULE_TEXTS) scheduleTexts.clear();
  const text = make();
  scheduleTexts.set(key, text);
  return text;
}

/** "Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)", in the event's own time zone. */
export function formatEventSchedule(event: Schedule): string {
  const key = `schedule|${event.startsAt.getTime()}|${event.endsAt.getTime()}|${event.timezone}`;
  return remembered(key, () => makeEventSchedule(event));
}

function makeEventSchedule(event: Schedule): string {
  const zone = eventZone(event.timezone);
  const start = DateTime.fromJSDate(event.startsAt, { zone }).setLocale('en-GB');
  const end = DateTime.fromJSDate(event.endsAt, { zone }).setLocale('en-GB');
  if (start.hasSame(end, 'day')) {
    return `${start.toFormat(DAY)}, ${start.toFormat('HH:mm')} – ${end.toFormat('HH:mm')} (${zone})`;
  }
  return `${start.toFormat(`${DAY}, HH:mm`)} – ${end.toFormat(`${DAY}, HH:mm`)} (${zone})`;
}

/** "Friday 18 December 2026 at 19:00 (Europe/Paris)". */
export function formatEventStart(event: Pick<EmailEvent, 'startsAt' | 'timezone'>): string {
  return remembered(`start|${event.startsAt.getTime()}|${event.timezone}`, () => makeEventStart(event));
}

function makeEventStart(event: Pick<EmailEvent, 'startsAt' | 'timezone'>): string {
  const zone = eventZone(event.timezone);
  const start = DateTime.fromJSDate(event.startsAt, { zone }).setLocale('en-GB');
  return `${start.toFormat(`${DAY} 'at' HH:mm`)} (${zone})`;
}

/**
 * "Sunday, 14 March 2027 at 19:30 UTC": when a link stops working, for a recipient whose time zone
 * is unknown (verification and invitation links), so shown in UTC and said so.
 */
export function formatUtcDeadline(date: Date): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(date);
  return `${text} UTC`;
}
