import { formatMoney as formatMoneyIn } from '@zevents/contracts';
import { INTL_LOCALES, type Language, translatorFor } from '@zevents/i18n';
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
 * Integer minor units to "€12.50", "$12.50", "¥1,200" ("81,00 €" in German), with the one money
 * formatter the web app uses too; codes arrive in either case (Stripe's are lower-case). English
 * money stays en-US: en-GB would print dollars as "US$12.50", and English emails were always "$12.50".
 */
export function formatMoney(minorUnits: number, currency: string, language: Language = 'en'): string {
  const locale = language === 'en' ? 'en-US' : INTL_LOCALES[language];
  return formatMoneyIn(minorUnits, currency.toUpperCase(), locale);
}

type Schedule = Pick<EmailEvent, 'startsAt' | 'endsAt' | 'timezone'>;

function eventZone(timezone: string): string {
  // An unknown zone must not print "Invalid DateTime"; UTC is wrong but says so.
  return DateTime.local().setZone(timezone).isValid ? timezone : 'UTC';
}

const DAY = 'cccc d LLLL yyyy';

/**
 * A whole day as its language writes it: English keeps its own pattern (no comma after the weekday,
 * as the PDF ticket prints it); the others as their locale writes a full date ("Freitag,
 * 18. Dezember 2026", "vendredi 18 décembre 2026", "viernes, 18 de diciembre de 2026").
 */
function dayOf(at: DateTime, language: Language): string {
  return language === 'en' ? at.toFormat(DAY) : at.toLocaleString(DateTime.DATE_HUGE);
}

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

/**
 * "Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)", in the event's own time zone
 * ("Freitag, 18. Dezember 2026, 19:00 – 23:00 (Europe/Paris)" in German).
 */
export function formatEventSchedule(event: Schedule, language: Language = 'en'): string {
  const key = `schedule|${event.startsAt.getTime()}|${event.endsAt.getTime()}|${event.timezone}|${language}`;
  return remembered(key, () => makeEventSchedule(event, language));
}

function makeEventSchedule(event: Schedule, language: Language): string {
  const zone = eventZone(event.timezone);
  const start = DateTime.fromJSDate(event.startsAt, { zone }).setLocale(INTL_LOCALES[language]);
  const end = DateTime.fromJSDate(event.endsAt, { zone }).setLocale(INTL_LOCALES[language]);
  const time = (at: DateTime) => at.toFormat('HH:mm');
  if (start.hasSame(end, 'day')) {
    return `${dayOf(start, language)}, ${time(start)} – ${time(end)} (${zone})`;
  }
  return `${dayOf(start, language)}, ${time(start)} – ${dayOf(end, language)}, ${time(end)} (${zone})`;
}

/** "Friday 18 December 2026 at 19:00 (Europe/Paris)" ("… um 19:00" in German). */
export function formatEventStart(
  event: Pick<EmailEvent, 'startsAt' | 'timezone'>,
  language: Language = 'en',
): string {
  return remembered(`start|${event.startsAt.getTime()}|${event.timezone}|${language}`, () =>
    makeEventStart(event, language),
  );
}

function makeEventStart(event: Pick<EmailEvent, 'startsAt' | 'timezone'>, language: Language): string {
  const zone = eventZone(event.timezone);
  const start = DateTime.fromJSDate(event.startsAt, { zone }).setLocale(INTL_LOCALES[language]);
  const day = dayOf(start, language);
  return `${translatorFor(language)('email.format.dayAtTime', { day, time: start.toFormat('HH:mm') })} (${zone})`;
}

/**
 * "Sunday, 14 March 2027 at 19:30 UTC": when a link stops working or a hold ends, for a recipient
 * whose time zone is unknown (verification and invitation links, waiting-list offers, transfer
 * deadlines), so shown in UTC and said so. Organizer-only messages leave the language at English.
 */
export function formatUtcDeadline(date: Date, language: Language = 'en'): string {
  const text = new Intl.DateTimeFormat(INTL_LOCALES[language], {
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
