import { describe, expect, it, vi } from 'vitest';
import { buildCalendarFile } from './calendar';
import type { EmailEvent } from './email-types';

const ORDER = {
  id: '0195f7d3-8c9d-7e0f-a1b2-c3d4e5f60718',
  url: 'https://tickets.example.com/orders/0195f7d3?token=s3cret',
};

function sampleEvent(overrides: Partial<EmailEvent> = {}): EmailEvent {
  return {
    id: 'event-1',
    title: 'Midnight Jazz at Le Caveau',
    venue: 'Le Caveau de la Huchette, 5 Rue de la Huchette, Paris',
    startsAt: new Date('2026-12-18T18:00:00Z'),
    endsAt: new Date('2026-12-18T22:00:00Z'),
    timezone: 'Europe/Paris',
    organizationName: 'Paris Live Music Collective',
    url: 'https://tickets.example.com/events/midnight-jazz',
    ...overrides,
  };
}

/** RFC 5545 folds long lines at 75 octets with CRLF + one space or tab; readers undo it first. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

describe('buildCalendarFile', () => {
  it('builds one confirmed VEVENT inside a VCALENDAR, with CRLF line endings', () => {
    const ics = buildCalendarFile({ event: sampleEvent(), order: ORDER });
    const lines = unfold(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('END:VCALENDAR');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes start and end in UTC from the Date values', () => {
    const lines = unfold(buildCalendarFile({ event: sampleEvent(), order: ORDER }));
    expect(lines).toContain('DTSTART:20261218T180000Z');
    expect(lines).toContain('DTEND:20261218T220000Z');
  });

  it('does not depend on the event time zone: an evening in New York is the next day in UTC', () => {
    const event = sampleEvent({
      timezone: 'America/New_York',
      startsAt: new Date('2026-07-04T21:30:00-04:00'),
      endsAt: new Date('2026-07-04T23:45:00-04:00'),
    });
    const lines = unfold(buildCalendarFile({ event, order: ORDER }));
    expect(lines).toContain('DTSTART:20260705T013000Z');
    expect(lines).toContain('DTEND:20260705T034500Z');
  });

  it('uses one uid per order so a later file updates the same calendar entry', () => {
    const lines = unfold(buildCalendarFile({ event: sampleEvent(), order: ORDER }));
    expect(lines).toContain(`UID:order-${ORDER.id}@z-events`);
  });

  it('carries the title, location and the event page in the url and the description', () => {
    const event = sampleEvent({ title: 'Tom & Jerry\'s "Gig"', venue: 'Salle Pleyel; Paris, France' });
    const lines = unfold(buildCalendarFile({ event, order: ORDER }));
    expect(lines).toContain('SUMMARY:Tom & Jerry\'s "Gig"');
    // Commas and semicolons are escaped in iCalendar text values.
    expect(lines).toContain('LOCATION:Salle Pleyel\\; Paris\\, France');
    expect(lines).toContain(`URL:${event.url}`);
    const description = lines.find((line) => line.startsWith('DESCRIPTION:'));
    expect(description).toContain(event.url);
  });

  it('never carries the order link or its access token (a calendar file is shared with third parties)', () => {
    // Handed the whole order, as the composer does, the file still takes its id only.
    const ics = unfold(buildCalendarFile({ event: sampleEvent(), order: ORDER })).join('\n');
    expect(ics).not.toContain('token=');
    expect(ics).not.toContain('s3cret');
    expect(ics).not.toContain('/orders/');
  });

  it('leaves the location out when the venue is not known yet', () => {
    const ics = buildCalendarFile({ event: sampleEvent({ venue: null }), order: ORDER });
    expect(ics).not.toContain('LOCATION');
  });

  it('writes for each order of an event what a fresh build writes: its own UID, the time of writing', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-12-06T03:25:50.123Z'));
      const event = sampleEvent({
        title: `A long title, folded over two lines of the file ${'x'.repeat(40)}`,
      });
      const first = buildCalendarFile({ event, order: ORDER });
      vi.setSystemTime(new Date('2026-12-06T04:00:01.999Z'));
      const otherId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
      const second = buildCalendarFile({ event, order: { id: otherId } });
      // What ics itself writes for that order (an id that is not a UUID is never built from a copy).
      const fresh = buildCalendarFile({ event, order: { id: `order ${otherId}` } }).replace(
        `UID:order-order ${otherId}@z-events`,
        `UID:order-${otherId}@z-events`,
      );
      expect(second).toBe(fresh);
      expect(second).toContain('\r\nDTSTAMP:20261206T040001Z\r\n');
      expect(first).toContain('\r\nDTSTAMP:20261206T032550Z\r\n');
      expect(first).toContain(`\r\nUID:order-${ORDER.id}@z-events\r\n`);
      expect(second).not.toContain(ORDER.id);
      // Another language or venue is another file.
      expect(buildCalendarFile({ event: { ...event, language: 'de' }, order: ORDER })).not.toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });

  it('throws a clear error when ics rejects the input', () => {
    const event = sampleEvent({ startsAt: new Date('not a date') });
    expect(() => buildCalendarFile({ event, order: ORDER })).toThrow(
      new RegExp(`^Could not build the calendar file for order ${ORDER.id}: start must be`),
    );
  });
});
