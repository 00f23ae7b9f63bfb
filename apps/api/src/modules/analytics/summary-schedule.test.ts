import { describe, expect, it } from 'vitest';
import { isOwed, lastCompletePeriod, latestDuePeriod, nextSendAt, periodOfStart } from './summary-schedule';

const longAgo = new Date('2020-01-01T00:00:00Z');

describe('summary periods', () => {
  it('are local days and Monday-to-Sunday weeks, sent at 07:00 local the day after', () => {
    // Thursday 3 December 2026, 10:00 in Berlin (09:00 UTC).
    const now = new Date('2026-12-03T09:00:00Z');
    const day = lastCompletePeriod('daily', 'Europe/Berlin', now);
    expect(day.start).toBe('2026-12-02');
    expect(day.from.toISOString()).toBe('2026-12-01T23:00:00.000Z');
    expect(day.to.toISOString()).toBe('2026-12-02T23:00:00.000Z');
    expect(day.sendAt.toISOString()).toBe('2026-12-03T06:00:00.000Z');
    const week = lastCompletePeriod('weekly', 'Europe/Berlin', now);
    expect(week.start).toBe('2026-11-23');
    expect(week.to.toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it('waits for 07:00: before it, the period due is the one before', () => {
    const early = new Date('2026-12-03T05:30:00Z'); // 06:30 in Berlin
    expect(latestDuePeriod('daily', 'Europe/Berlin', early).start).toBe('2026-12-01');
    expect(latestDuePeriod('daily', 'Europe/Berlin', new Date('2026-12-03T06:00:00Z')).start).toBe(
      '2026-12-02',
    );
    // Monday 30 November 06:59 in New York: last week's summary is not due yet.
    expect(latestDuePeriod('weekly', 'America/New_York', new Date('2026-11-30T11:59:00Z')).start).toBe(
      '2026-11-16',
    );
    expect(latestDuePeriod('weekly', 'America/New_York', new Date('2026-11-30T12:00:00Z')).start).toBe(
      '2026-11-23',
    );
  });

  it('keeps days whole across a daylight-saving change', () => {
    const day = periodOfStart('daily', '2026-03-29', 'Europe/Berlin');
    expect((day.to.getTime() - day.from.getTime()) / 3_600_000).toBe(23);
  });

  it('owes each period once, and none that ended before the member joined', () => {
    const period = periodOfStart('weekly', '2026-11-23', 'UTC');
    expect(isOwed(period, { lastSentPeriodStart: null, joinedAt: longAgo })).toBe(true);
    expect(isOwed(period, { lastSentPeriodStart: '2026-11-16', joinedAt: longAgo })).toBe(true);
    expect(isOwed(period, { lastSentPeriodStart: '2026-11-23', joinedAt: longAgo })).toBe(false);
    expect(isOwed(period, { lastSentPeriodStart: null, joinedAt: new Date('2026-12-01T00:00:00Z') })).toBe(
      false,
    );
  });

  it('says when the next one goes out', () => {
    const now = new Date('2026-12-03T09:10:00Z');
    // Owed now: at the next hourly scan.
    expect(
      nextSendAt('daily', 'UTC', now, { lastSentPeriodStart: null, joinedAt: longAgo }).toISOString(),
    ).toBe('2026-12-03T10:05:00.000Z');
    // Yesterday's sent: tomorrow's 07:00 scan.
    expect(
      nextSendAt('daily', 'UTC', now, { lastSentPeriodStart: '2026-12-02', joinedAt: longAgo }).toISOString(),
    ).toBe('2026-12-04T07:05:00.000Z');
    // Last week's sent: Monday 7 December, 07:05.
    expect(
      nextSendAt('weekly', 'UTC', now, {
        lastSentPeriodStart: '2026-11-23',
        joinedAt: longAgo,
      }).toISOString(),
    ).toBe('2026-12-07T07:05:00.000Z');
  });
});
