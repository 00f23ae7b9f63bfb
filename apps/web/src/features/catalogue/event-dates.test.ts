import type { PublicEventDate } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import {
  availabilityOfDate,
  chosenDateOf,
  datesByDay,
  dayKeyOf,
  isDateSoldOut,
  orderDateOf,
  orderTimeOf,
} from './event-dates';

const FIRST: PublicEventDate = {
  id: 'd1',
  startsAt: '2027-03-12T18:30:00.000Z',
  endsAt: '2027-03-12T21:00:00.000Z',
  ticketTypes: [
    { id: 'std', available: 40 },
    { id: 'vip', available: 0 },
  ],
};
// 23:30 in Paris on the 13th is already the 14th in UTC+9 and stays the 13th in New York.
const LATE: PublicEventDate = {
  id: 'd2',
  startsAt: '2027-03-13T22:30:00.000Z',
  endsAt: '2027-03-14T00:30:00.000Z',
  ticketTypes: [
    { id: 'std', available: 0 },
    { id: 'vip', available: 0 },
  ],
};
const SAME_DAY: PublicEventDate = {
  id: 'd3',
  startsAt: '2027-03-13T13:00:00.000Z',
  endsAt: '2027-03-13T15:00:00.000Z',
  ticketTypes: [{ id: 'std', available: 5 }],
};

describe('event dates', () => {
  it('chooses the only date, else the one the link names, else none', () => {
    expect(chosenDateOf([FIRST], null)?.id).toBe('d1');
    expect(chosenDateOf([FIRST], 'gone')?.id).toBe('d1');
    expect(chosenDateOf([FIRST, LATE], 'd2')?.id).toBe('d2');
    expect(chosenDateOf([FIRST, LATE], null)).toBeNull();
    // A date that ended has left the page: the buyer chooses again.
    expect(chosenDateOf([FIRST, LATE], 'ended-date')).toBeNull();
    expect(chosenDateOf([], 'd1')).toBeNull();
  });

  it("reads a date's availability per ticket type", () => {
    expect(availabilityOfDate(FIRST)).toEqual({ std: 40, vip: 0 });
  });

  it('is sold out when no visible type is left, a type missing from the date counting as none', () => {
    expect(isDateSoldOut(FIRST, ['std', 'vip'])).toBe(false);
    expect(isDateSoldOut(FIRST, ['vip'])).toBe(true);
    expect(isDateSoldOut(LATE, ['std', 'vip'])).toBe(true);
    expect(isDateSoldOut(SAME_DAY, ['vip'])).toBe(true);
    // Nothing visible is "nothing on sale yet", not sold out.
    expect(isDateSoldOut(LATE, [])).toBe(false);
  });

  it("puts a date on the venue's day, not UTC's", () => {
    expect(dayKeyOf(LATE.startsAt, 'Europe/Paris')).toBe('2027-03-13');
    expect(dayKeyOf(LATE.startsAt, 'UTC')).toBe('2027-03-13');
    expect(dayKeyOf(LATE.startsAt, 'Asia/Tokyo')).toBe('2027-03-14');
    expect(dayKeyOf(LATE.startsAt, 'America/New_York')).toBe('2027-03-13');
  });

  it('groups the dates by day, each day soonest first', () => {
    const days = datesByDay([FIRST, SAME_DAY, LATE], 'Europe/Paris');
    expect([...days.keys()]).toEqual(['2027-03-12', '2027-03-13']);
    expect(days.get('2027-03-13')?.map((date) => date.id)).toEqual(['d3', 'd2']);
  });

  it("uses the order's date when the event still lists it, else the event's own times", () => {
    const event = {
      startsAt: '2027-03-01T18:00:00.000Z',
      endsAt: '2027-03-31T21:00:00.000Z',
      dates: [FIRST, LATE],
    };
    expect(orderDateOf(event, 'd2')?.id).toBe('d2');
    expect(orderTimeOf(event, 'd2')).toEqual({ startsAt: LATE.startsAt, endsAt: LATE.endsAt });
    expect(orderTimeOf(event, 'ended-date')).toEqual({ startsAt: event.startsAt, endsAt: event.endsAt });
    expect(orderTimeOf(event, null)).toEqual({ startsAt: event.startsAt, endsAt: event.endsAt });
  });
});
