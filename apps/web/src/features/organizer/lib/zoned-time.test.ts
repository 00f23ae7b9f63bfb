import { describe, expect, it } from 'vitest';
import { fromWallTime, toWallTime } from './zoned-time';

describe('zoned wall time', () => {
  it('reads an instant on the event’s clock', () => {
    expect(toWallTime('2027-03-14T18:30:00.000Z', 'Europe/Paris')).toBe('2027-03-14 19:30:00');
    expect(toWallTime('2027-07-14T18:30:00.000Z', 'Europe/Paris')).toBe('2027-07-14 20:30:00');
    expect(toWallTime('2026-12-06T03:00:00.000Z', 'America/Los_Angeles')).toBe('2026-12-05 19:00:00');
  });

  it('turns a wall time in a zone into the UTC instant, summer and winter', () => {
    expect(fromWallTime('2027-03-14 19:30:00', 'Europe/Paris')).toBe('2027-03-14T18:30:00.000Z');
    expect(fromWallTime('2027-07-14 20:30:00', 'Europe/Paris')).toBe('2027-07-14T18:30:00.000Z');
    expect(fromWallTime('2027-01-01 09:00', 'Asia/Kolkata')).toBe('2027-01-01T03:30:00.000Z');
    expect(fromWallTime('2027-01-01 09:00:00', 'UTC')).toBe('2027-01-01T09:00:00.000Z');
  });

  it('round-trips around a daylight-saving change', () => {
    for (const iso of ['2027-03-28T00:30:00.000Z', '2027-03-28T01:30:00.000Z', '2027-10-31T00:30:00.000Z']) {
      expect(fromWallTime(toWallTime(iso, 'Europe/Berlin'), 'Europe/Berlin')).toBe(iso);
    }
  });

  it('moves a wall time skipped by the spring jump to just after it', () => {
    // 02:30 does not exist in Berlin on 28 March 2027; clocks jump from 02:00 to 03:00.
    const iso = fromWallTime('2027-03-28 02:30:00', 'Europe/Berlin');
    expect(toWallTime(iso, 'Europe/Berlin')).toBe('2027-03-28 03:30:00');
  });
});
