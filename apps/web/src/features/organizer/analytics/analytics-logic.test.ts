import { describe, expect, it } from 'vitest';
import { analyticsQuery, isIntervalAllowed, withDays } from './analytics-period';
import { csvRatio, formatBucket, formatRatio } from './analytics-format';
import { fillArrivalBins } from './door-arrivals';

describe('the period', () => {
  it('asks from N days ago until now, by the chosen interval', () => {
    const now = Date.parse('2030-05-01T12:00:00.000Z');
    expect(analyticsQuery({ days: 7, interval: 'hour' }, now)).toBe(
      '?from=2030-04-24T12%3A00%3A00.000Z&interval=hour',
    );
  });

  it('groups by hour only while the API can answer it (800 buckets)', () => {
    expect(isIntervalAllowed(30, 'hour')).toBe(true);
    expect(isIntervalAllowed(90, 'hour')).toBe(false);
    expect(withDays({ days: 7, interval: 'hour' }, 90)).toEqual({ days: 90, interval: 'day' });
    expect(withDays({ days: 7, interval: 'hour' }, 30)).toEqual({ days: 30, interval: 'hour' });
  });
});

describe('formats', () => {
  it("shows a bucket in the event's zone", () => {
    // 22:00 UTC on 29 April is midnight, 30 April, in Paris.
    expect(formatBucket('2030-04-29T22:00:00.000Z', 'Europe/Paris', 'day', 'en-GB')).toBe('30 Apr');
    expect(formatBucket('2030-04-29T22:00:00.000Z', 'Europe/Paris', 'hour', 'en-GB')).toBe('30 Apr, 00:00');
  });

  it('shows conversions as percents and writes them as decimals', () => {
    expect(formatRatio(0.4, 'en')).toBe('40%');
    expect(formatRatio(0.0125, 'en')).toBe('1.3%');
    expect(formatRatio(null, 'en')).toBe('—');
    expect(csvRatio(1 / 3)).toBe('0.3333');
    expect(csvRatio(null)).toBe('');
  });
});

describe('fillArrivalBins', () => {
  it('puts zeros in the quiet 5-minute bins between arrivals', () => {
    expect(
      fillArrivalBins([
        { start: '2030-06-01T18:00:00.000Z', count: 4 },
        { start: '2030-06-01T18:15:00.000Z', count: 2 },
      ]),
    ).toEqual([
      { start: '2030-06-01T18:00:00.000Z', count: 4 },
      { start: '2030-06-01T18:05:00.000Z', count: 0 },
      { start: '2030-06-01T18:10:00.000Z', count: 0 },
      { start: '2030-06-01T18:15:00.000Z', count: 2 },
    ]);
    expect(fillArrivalBins([])).toEqual([]);
  });

  it('leaves bins days apart as they are', () => {
    const bins = [
      { start: '2030-06-01T18:00:00.000Z', count: 1 },
      { start: '2030-06-08T18:00:00.000Z', count: 1 },
    ];
    expect(fillArrivalBins(bins)).toEqual(bins);
  });
});
