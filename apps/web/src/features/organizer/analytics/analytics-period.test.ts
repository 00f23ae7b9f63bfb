import { describe, expect, it } from 'vitest';
import {
  analyticsQuery,
  DEFAULT_PERIOD,
  periodFromSearch,
  periodSearch,
  searchWithPeriod,
} from './analytics-period';

const read = (search: string) => periodFromSearch(new URLSearchParams(search));

describe('the period in the address', () => {
  it('reads the length and the grouping', () => {
    expect(read('?period=7d&interval=hour')).toEqual({ days: 7, interval: 'hour' });
    expect(read('?period=90d')).toEqual({ days: 90, interval: 'day' });
    expect(read('?interval=hour')).toEqual({ days: 30, interval: 'hour' });
  });

  it('keeps the defaults when the address says nothing', () => {
    expect(read('')).toEqual(DEFAULT_PERIOD);
    expect(read('?organization=org-1')).toEqual(DEFAULT_PERIOD);
  });

  it('falls back to the defaults on values it does not know', () => {
    expect(read('?period=12d&interval=week')).toEqual(DEFAULT_PERIOD);
    expect(read('?period=7&interval=HOUR')).toEqual(DEFAULT_PERIOD);
    expect(read('?period=&interval=')).toEqual(DEFAULT_PERIOD);
    // The first of repeated parameters counts, as everywhere in URLSearchParams.
    expect(read('?period=7d&period=90d')).toEqual({ days: 7, interval: 'day' });
  });

  it('groups 90 days by day even when an edited link asks for hours (the API answers 800 buckets)', () => {
    expect(read('?period=90d&interval=hour')).toEqual({ days: 90, interval: 'day' });
  });

  it('writes only what differs from the defaults, and keeps the other parameters', () => {
    const base = new URLSearchParams('organization=org-1&period=7d&interval=hour');
    expect(searchWithPeriod(base, { days: 90, interval: 'day' }).toString()).toBe(
      'organization=org-1&period=90d',
    );
    expect(searchWithPeriod(base, DEFAULT_PERIOD).toString()).toBe('organization=org-1');
    expect(searchWithPeriod(new URLSearchParams(), { days: 30, interval: 'hour' }).toString()).toBe(
      'interval=hour',
    );
    // The parameters given are not changed.
    expect(base.toString()).toBe('organization=org-1&period=7d&interval=hour');
  });

  it('reads back every period it writes', () => {
    for (const period of [
      { days: 7, interval: 'day' },
      { days: 7, interval: 'hour' },
      { days: 30, interval: 'day' },
      { days: 30, interval: 'hour' },
      { days: 90, interval: 'day' },
    ] as const) {
      expect(periodFromSearch(searchWithPeriod(new URLSearchParams(), period))).toEqual(period);
    }
  });

  it('makes a query string for links to another report', () => {
    expect(periodSearch({ days: 7, interval: 'hour' })).toBe('?period=7d&interval=hour');
    expect(periodSearch(DEFAULT_PERIOD)).toBe('');
  });
});

describe("the report's query", () => {
  it('adds what a report needs beside the period', () => {
    const now = Date.parse('2030-05-01T12:00:00.000Z');
    expect(analyticsQuery({ days: 7, interval: 'day' }, now, { timezone: 'Europe/Paris' })).toBe(
      '?from=2030-04-24T12%3A00%3A00.000Z&interval=day&timezone=Europe%2FParis',
    );
  });
});
