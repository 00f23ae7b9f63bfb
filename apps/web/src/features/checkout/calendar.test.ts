import { describe, expect, it } from 'vitest';
import { buildIcs, calendarEntryFor, googleCalendarUrl } from './calendar';

const EVENT = {
  id: 'evt-1',
  title: 'Jazz, late; night',
  description: 'Bring a friend',
  venue: 'Parc de la Villette, Paris',
  startsAt: '2027-01-26T18:00:00.000Z',
  endsAt: '2027-01-26T23:30:00.000Z',
  url: 'https://tickets.example.com/events/jazz-late-night',
};

const PUBLIC_EVENT = {
  id: '0195f7d3-8c9d-7e0f-a1b2-c3d4e5f60718',
  slug: 'jazz-late-night',
  title: 'Jazz, late; night',
  description: 'Bring a friend',
  venue: 'Parc de la Villette, Paris',
  startsAt: '2027-01-26T18:00:00.000Z',
  endsAt: '2027-01-26T23:30:00.000Z',
};

describe('calendar', () => {
  it('builds an iCalendar event in UTC with escaped text', () => {
    const ics = buildIcs(EVENT, new Date('2027-01-01T00:00:00Z'));
    expect(ics).toContain('DTSTART:20270126T180000Z\r\n');
    expect(ics).toContain('DTEND:20270126T233000Z\r\n');
    expect(ics).toContain('SUMMARY:Jazz\\, late\\; night\r\n');
    expect(ics).toContain('LOCATION:Parc de la Villette\\, Paris\r\n');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => line.length <= 75)).toBe(true);
  });

  it('links to Google Calendar with the same times', () => {
    const url = new URL(googleCalendarUrl(EVENT));
    expect(url.searchParams.get('dates')).toBe('20270126T180000Z/20270126T233000Z');
    expect(url.searchParams.get('text')).toBe(EVENT.title);
  });

  it("takes an order's date of an event with dates: its times, its own id and the page on that date", () => {
    const date = { id: 'date-2', startsAt: '2027-02-02T19:00:00.000Z', endsAt: '2027-02-02T21:00:00.000Z' };
    const entry = calendarEntryFor(PUBLIC_EVENT, 'https://tickets.example.com', date);
    expect(entry.url).toBe('https://tickets.example.com/events/jazz-late-night?date=date-2');
    const ics = buildIcs(entry, new Date('2027-01-01T00:00:00Z'));
    expect(ics).toContain('DTSTART:20270202T190000Z\r\n');
    expect(ics).toContain('DTEND:20270202T210000Z\r\n');
    expect(ics).toContain(`UID:${PUBLIC_EVENT.id}-date-2@z-events`);
  });

  it('links the public event page, never the order page or its token', () => {
    const entry = calendarEntryFor(PUBLIC_EVENT, 'https://tickets.example.com');
    expect(entry.url).toBe('https://tickets.example.com/events/jazz-late-night');
    const google = googleCalendarUrl(entry);
    const ics = buildIcs(entry).replace(/\r\n /g, '');
    for (const text of [google, decodeURIComponent(google), ics]) {
      expect(text).not.toContain('token=');
      expect(text).not.toContain('token%3D');
      expect(text).not.toContain('/orders/');
    }
    expect(new URL(google).searchParams.get('details')).toContain(entry.url);
    expect(ics).toContain(`URL:${entry.url}`);
  });
});
