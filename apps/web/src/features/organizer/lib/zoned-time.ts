/**
 * Events happen in their own time zone, whatever the organizer's laptop says. Pickers edit a wall time
 * ("2027-03-14 19:30:00"); these helpers turn it into the UTC instant the API stores, and back.
 */

import { currentIntlLocale } from '../../../i18n/i18n';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallParts(utcMs: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const p = wallParts(utcMs, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - Math.floor(utcMs / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2027-03-14T18:30:00.000Z" in "Europe/Paris" gives "2027-03-14 19:30:00". */
export function toWallTime(iso: string, timeZone: string): string {
  const p = wallParts(Date.parse(iso), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

/**
 * "2027-03-14 19:30:00" in "Europe/Paris" gives "2027-03-14T18:30:00.000Z". Like Temporal's
 * "compatible" choice: a wall time that happens twice (autumn) is the first one; a wall time skipped
 * by the spring jump lands just after the jump, as clocks do.
 */
export function fromWallTime(wall: string, timeZone: string): string {
  const m = WALL.exec(wall);
  if (!m) throw new RangeError(`not a wall time: ${wall}`);
  const [, y, mo, d, h, mi, s] = m;
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const before = zoneOffsetMs(guess - 86_400_000, timeZone);
  const after = zoneOffsetMs(guess + 86_400_000, timeZone);
  const wanted = `${pad(Number(y), 4)}-${mo}-${d} ${h}:${mi}:${s ?? '00'}`;
  const matches = [guess - before, guess - after].filter(
    (utc) => toWallTime(new Date(utc).toISOString(), timeZone) === wanted,
  );
  const utc = matches.length > 0 ? Math.min(...matches) : guess - before;
  return new Date(utc).toISOString();
}

export function isWallTime(value: unknown): value is string {
  return typeof value === 'string' && WALL.test(value);
}

/** "14 Mar 2027, 19:30" ("14.03.2027, 19:30" in German): the event's zone, the current language's locale. */
export function formatInZone(
  iso: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  try {
    return new Intl.DateTimeFormat(currentIntlLocale(), { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(currentIntlLocale(), options).format(new Date(iso));
  }
}

/** "14 Mar 2027, 19:30 – 15 Mar 2027, 19:30": a range for lists, in the current language's locale. */
export function formatRangeInZone(startIso: string, endIso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(currentIntlLocale(), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).formatRange(new Date(startIso), new Date(endIso));
  } catch {
    return `${formatInZone(startIso, timeZone)} – ${formatInZone(endIso, timeZone)}`;
  }
}

/** The viewer's own zone, the default for a new event. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "5 minutes ago", "in 3 days". */
export function formatRelative(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(currentIntlLocale(), { numeric: 'auto' });
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  for (const [unit, ms] of units) if (abs >= ms) return rtf.format(Math.round(diff / ms), unit);
  return rtf.format(Math.round(diff / 1000), 'second');
}
