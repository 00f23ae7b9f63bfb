import { describe, expect, it } from 'vitest';
import { formatDateRange, formatDateTime, formatZoneName } from './format';

const WINTER = '2027-01-26T08:00:00.000Z';
const SUMMER = '2027-07-26T08:00:00.000Z';

describe('formatZoneName', () => {
  it('names the zone as the locale does, with daylight saving time', () => {
    expect(formatZoneName(WINTER, 'Europe/Paris', 'en-GB')).toBe('CET');
    expect(formatZoneName(SUMMER, 'Europe/Paris', 'en-GB')).toBe('CEST');
    expect(formatZoneName(WINTER, 'Europe/Paris', 'en-US')).toBe('GMT+1');
    expect(formatZoneName(WINTER, 'America/New_York', 'en-US')).toBe('EST');
    expect(formatZoneName(SUMMER, 'America/New_York', 'en-US')).toBe('EDT');
    expect(formatZoneName(WINTER, 'UTC', 'en-GB')).toBe('UTC');
  });

  it.each([
    ['en-GB', 'Europe/Paris'],
    ['en-US', 'Europe/Paris'],
    ['de-DE', 'Europe/Berlin'],
    ['en-US', 'America/Los_Angeles'],
    ['en-GB', 'Asia/Kolkata'],
    ['fr-FR', 'Australia/Sydney'],
    [undefined, 'Europe/Paris'],
  ])('says what the public event page says (%s, %s)', (locale, zone) => {
    for (const at of [WINTER, SUMMER]) {
      const zoneName = formatZoneName(at, zone, locale);
      expect(formatDateTime(at, zone, locale).endsWith(zoneName)).toBe(true);
      const end = new Date(Date.parse(at) + 3_600_000).toISOString();
      expect(formatDateRange(at, end, zone, locale).endsWith(zoneName)).toBe(true);
    }
  });

  it('falls back to the IANA name for a zone Intl does not know', () => {
    expect(formatZoneName(WINTER, 'Mars/Olympus_Mons', 'en-GB')).toBe('Mars/Olympus_Mons');
  });
});
