import { describe, expect, it } from 'vitest';
import { timeWindowOf } from './time-windows';

const iso = (window: { start: Date; end: Date }) => ({
  start: window.start.toISOString(),
  end: window.end.toISOString(),
});

describe('timeWindowOf', () => {
  it('takes today and tomorrow as calendar days of the zone', () => {
    // 23:30 on Tuesday 2027-03-09 in New York is already Wednesday in UTC.
    const now = new Date('2027-03-10T04:30:00Z');
    expect(iso(timeWindowOf('today', now, 'America/New_York'))).toEqual({
      start: '2027-03-09T05:00:00.000Z',
      end: '2027-03-10T05:00:00.000Z',
    });
    expect(iso(timeWindowOf('today', now, 'UTC'))).toEqual({
      start: '2027-03-10T00:00:00.000Z',
      end: '2027-03-11T00:00:00.000Z',
    });
    expect(iso(timeWindowOf('tomorrow', now, 'America/New_York'))).toEqual({
      start: '2027-03-10T05:00:00.000Z',
      end: '2027-03-11T05:00:00.000Z',
    });
  });

  it('runs the weekend from Friday 17:00 to Monday 00:00 local, seen from a weekday', () => {
    // Wednesday 2027-06-09, Berlin is UTC+2 in summer.
    const now = new Date('2027-06-09T10:00:00Z');
    expect(iso(timeWindowOf('this-weekend', now, 'Europe/Berlin'))).toEqual({
      start: '2027-06-11T15:00:00.000Z',
      end: '2027-06-13T22:00:00.000Z',
    });
  });

  it('starts the weekend now when it has already begun, and keeps its end', () => {
    const saturday = new Date('2027-06-12T09:15:00Z');
    expect(iso(timeWindowOf('this-weekend', saturday, 'Europe/Berlin'))).toEqual({
      start: '2027-06-12T09:15:00.000Z',
      end: '2027-06-13T22:00:00.000Z',
    });
    // Friday 17:30 local: inside, from now.
    const fridayEvening = new Date('2027-06-11T15:30:00Z');
    expect(timeWindowOf('this-weekend', fridayEvening, 'Europe/Berlin').start.toISOString()).toBe(
      '2027-06-11T15:30:00.000Z',
    );
    // Friday 16:59 local: not yet, from 17:00.
    const fridayAfternoon = new Date('2027-06-11T14:59:00Z');
    expect(timeWindowOf('this-weekend', fridayAfternoon, 'Europe/Berlin').start.toISOString()).toBe(
      '2027-06-11T15:00:00.000Z',
    );
  });

  it('on Sunday night the weekend is what is left of Sunday, never the next one', () => {
    const sundayNight = new Date('2027-06-13T21:00:00Z'); // 23:00 in Berlin
    expect(iso(timeWindowOf('this-weekend', sundayNight, 'Europe/Berlin'))).toEqual({
      start: '2027-06-13T21:00:00.000Z',
      end: '2027-06-13T22:00:00.000Z',
    });
  });

  it('keeps local hours over a DST weekend (Europe moves its clocks on the last Sunday of March)', () => {
    // Thursday 2027-03-25; clocks go forward on Sunday 2027-03-28 at 02:00 in Berlin.
    const now = new Date('2027-03-25T12:00:00Z');
    const weekend = timeWindowOf('this-weekend', now, 'Europe/Berlin');
    // Friday 17:00 is still winter time (UTC+1); Monday 00:00 is summer time (UTC+2).
    expect(iso(weekend)).toEqual({ start: '2027-03-26T16:00:00.000Z', end: '2027-03-28T22:00:00.000Z' });
    // 54 hours instead of 55: the hour that does not exist is not counted.
    expect((weekend.end.getTime() - weekend.start.getTime()) / 3_600_000).toBe(54);
    const sunday = timeWindowOf('today', new Date('2027-03-28T10:00:00Z'), 'Europe/Berlin');
    expect((sunday.end.getTime() - sunday.start.getTime()) / 3_600_000).toBe(23);
  });

  it('works in a zone far from UTC, where the local weekend starts on UTC Friday morning', () => {
    // Thursday 2027-06-10 20:00 UTC is already Friday 08:00 in Auckland (UTC+12 in winter).
    const now = new Date('2027-06-10T20:00:00Z');
    expect(iso(timeWindowOf('this-weekend', now, 'Pacific/Auckland'))).toEqual({
      start: '2027-06-11T05:00:00.000Z',
      end: '2027-06-13T12:00:00.000Z',
    });
    // Kiritimati (UTC+14): Friday in UTC is already Saturday there, so the weekend has begun.
    const friday = new Date('2027-06-11T12:00:00Z');
    expect(iso(timeWindowOf('this-weekend', friday, 'Pacific/Kiritimati'))).toEqual({
      start: '2027-06-11T12:00:00.000Z',
      end: '2027-06-13T10:00:00.000Z',
    });
  });

  it('runs this week from the start of today to next Monday', () => {
    const wednesday = new Date('2027-06-09T10:00:00Z');
    expect(iso(timeWindowOf('this-week', wednesday, 'UTC'))).toEqual({
      start: '2027-06-09T00:00:00.000Z',
      end: '2027-06-14T00:00:00.000Z',
    });
    const monday = new Date('2027-06-14T08:00:00Z');
    expect(timeWindowOf('this-week', monday, 'UTC').end.toISOString()).toBe('2027-06-21T00:00:00.000Z');
  });
});
