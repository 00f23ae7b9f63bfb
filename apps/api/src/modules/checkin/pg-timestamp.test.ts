import { describe, expect, it } from 'vitest';
import { parsePgTimestamp } from './pg-timestamp';

describe('parsePgTimestamp', () => {
  it.each([
    ['2027-03-14 19:30:00+00', '2027-03-14T19:30:00.000Z'],
    ['2027-03-14 19:30:00.123456+00', '2027-03-14T19:30:00.123Z'],
    ['2027-03-14 21:30:00.5+02', '2027-03-14T19:30:00.500Z'],
    ['2027-03-15 01:00:00+05:30', '2027-03-14T19:30:00.000Z'],
    ['2027-03-14 16:30:00-03', '2027-03-14T19:30:00.000Z'],
  ])('%s -> %s', (text, iso) => {
    expect(parsePgTimestamp(text).toISOString()).toBe(iso);
  });

  it('passes dates and null through and refuses garbage', () => {
    const date = new Date();
    expect(parsePgTimestamp(date)).toBe(date);
    expect(parsePgTimestamp(null)).toBeNull();
    expect(() => parsePgTimestamp('infinity')).toThrow(/unreadable timestamp/);
  });
});
