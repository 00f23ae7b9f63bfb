import type { OrganizationAnalytics } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { bucketStarts, currenciesOf, revenueBuckets, revenueTotals } from './revenue-series';

const row = (start: string, currency: string, revenueCents: number) => ({
  start,
  currency,
  orders: 1,
  tickets: 1,
  revenueCents,
});

describe('bucketStarts', () => {
  it('steps from local midnight to local midnight, across a clock change', () => {
    // Paris goes to summer time on 30 March 2025: that day is 23 hours long.
    expect(
      bucketStarts('2025-03-29T10:00:00.000Z', '2025-03-31T10:00:00.000Z', 'day', 'Europe/Paris'),
    ).toEqual(['2025-03-28T23:00:00.000Z', '2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z']);
  });

  it('steps by the hour from the hour holding `from`', () => {
    expect(bucketStarts('2025-06-01T10:20:00.000Z', '2025-06-01T12:05:00.000Z', 'hour', 'UTC')).toEqual([
      '2025-06-01T10:00:00.000Z',
      '2025-06-01T11:00:00.000Z',
      '2025-06-01T12:00:00.000Z',
    ]);
    // A zone half an hour off UTC starts its hours at half past.
    expect(
      bucketStarts('2025-06-01T10:20:00.000Z', '2025-06-01T11:00:00.000Z', 'hour', 'Asia/Kolkata'),
    ).toEqual(['2025-06-01T09:30:00.000Z', '2025-06-01T10:30:00.000Z']);
  });
});

describe('revenueBuckets', () => {
  const report: OrganizationAnalytics = {
    organizationId: 'org-1',
    from: '2025-06-01T08:00:00.000Z',
    to: '2025-06-04T08:00:00.000Z',
    interval: 'day',
    timezone: 'UTC',
    events: [],
    series: [
      row('2025-06-01T00:00:00.000Z', 'EUR', 4200),
      row('2025-06-01T00:00:00.000Z', 'GBP', 1500),
      row('2025-06-03T00:00:00.000Z', 'EUR', 8400),
    ],
  };

  it('puts every currency of a bucket in one point, and zero-sale days between', () => {
    expect(revenueBuckets(report)).toEqual([
      { start: '2025-06-01T00:00:00.000Z', revenueCents: { EUR: 4200, GBP: 1500 } },
      { start: '2025-06-02T00:00:00.000Z', revenueCents: {} },
      { start: '2025-06-03T00:00:00.000Z', revenueCents: { EUR: 8400 } },
      { start: '2025-06-04T00:00:00.000Z', revenueCents: {} },
    ]);
  });

  it('keeps a bucket it did not expect rather than drop money', () => {
    const odd = { ...report, series: [row('2025-06-02T12:00:00.000Z', 'EUR', 100)] };
    expect(revenueBuckets(odd).map((bucket) => bucket.start)).toContain('2025-06-02T12:00:00.000Z');
  });

  it('orders the currencies by revenue and totals them', () => {
    expect(currenciesOf(report.series)).toEqual(['EUR', 'GBP']);
    expect(revenueTotals(report.series)).toEqual(
      new Map([
        ['EUR', 12600],
        ['GBP', 1500],
      ]),
    );
  });
});
