/**
 * Date formatting shared by the pages: dates arrive as ISO strings and are shown in an explicit IANA
 * time zone. Money is in `./money` and `@zevents/contracts`.
 */
import { currentIntlLocale } from '../../i18n/i18n';

/** The viewer's own IANA time zone. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** How an event's date and time read on the public pages; the organizer pages take the zone name from here too. */
const EVENT_DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** `Sat, 26 Jan 2027, 09:00 CET` in the given zone. */
export function formatDateTime(iso: string, timeZone: string, locale: string = currentIntlLocale()): string {
  return new Intl.DateTimeFormat(locale, { ...EVENT_DATE_TIME, timeZone }).format(new Date(iso));
}

/** `Sat, 26 Jan 2027, 09:00 – Sun, 27 Jan, 17:00 CET`: a start and end in one zone, compactly. */
export function formatDateRange(
  startIso: string,
  endIso: string,
  timeZone: string,
  locale: string = currentIntlLocale(),
): string {
  const format = new Intl.DateTimeFormat(locale, { ...EVENT_DATE_TIME, timeZone });
  return format.formatRange(new Date(startIso), new Date(endIso));
}

/**
 * The zone's short name at that instant, exactly as formatDateTime and formatDateRange print it, so
 * a page that shows the zone on its own agrees with the public event page. The name depends on the
 * locale as much as on the zone (Europe/Paris is "CET" in en-GB, "GMT+1" in en-US), so pass the same
 * locale as the page it must agree with (none: the browser's). An unknown zone falls back to its IANA name.
 */
export function formatZoneName(iso: string, timeZone: string, locale: string = currentIntlLocale()): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { ...EVENT_DATE_TIME, timeZone }).formatToParts(
      new Date(iso),
    );
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** `Nov 29, 05:00 AM PST`: short enough for a badge on a phone. */
export function formatShortDateTime(
  iso: string,
  timeZone: string,
  locale: string = currentIntlLocale(),
): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** `26 Jan 2027` in the given zone. */
export function formatDate(iso: string, timeZone: string, locale: string = currentIntlLocale()): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(new Date(iso));
}

/** Parts for a calendar-style date tile: weekday, day of month and short month, in the event's zone. */
export function dateTileParts(iso: string, timeZone: string, locale: string = currentIntlLocale()) {
  const date = new Date(iso);
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  return {
    weekday: part({ weekday: 'short' }),
    day: part({ day: 'numeric' }),
    month: part({ month: 'short' }),
    time: part({ hour: '2-digit', minute: '2-digit' }),
  };
}

/**
 * Whether two zones show the same wall-clock time at that instant (Europe/Paris and Europe/Berlin do),
 * so the page can skip the "your time" line when it would repeat itself.
 */
export function isSameWallClock(iso: string, zoneA: string, zoneB: string): boolean {
  const format = (timeZone: string) =>
    new Intl.DateTimeFormat('en', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(new Date(iso));
  return format(zoneA) === format(zoneB);
}
