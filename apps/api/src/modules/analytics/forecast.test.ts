import { describe, expect, it } from 'vitest';
import { forecastSellOut } from './forecast';

describe('forecastSellOut', () => {
  const now = new Date('2027-03-01T12:00:00Z');

  it('projects the sell-out of synthetic sales at a known rate within 10%', () => {
    // 40 tickets a day for a week, 1,000 left: sold out in 25 days.
    const forecast = forecastSellOut({ ticketsInWindow: 280, windowDays: 7, remaining: 1_000, now });
    const days = (Date.parse(forecast.projectedSellOutAt ?? '') - now.getTime()) / 86_400_000;
    expect(Math.abs(days - 25) / 25).toBeLessThan(0.1);
    expect(forecast.ticketsPerDay).toBe(40);
    const range = forecast.projectedRange;
    expect(range).not.toBeNull();
    expect(Date.parse(range?.earliest ?? '')).toBeLessThan(Date.parse(forecast.projectedSellOutAt ?? ''));
    expect(Date.parse(range?.latest ?? '')).toBeGreaterThan(Date.parse(forecast.projectedSellOutAt ?? ''));
  });

  it('projects nothing without sales or without stock, and no range from too few sales', () => {
    expect(
      forecastSellOut({ ticketsInWindow: 0, windowDays: 7, remaining: 50, now }).projectedSellOutAt,
    ).toBeNull();
    expect(
      forecastSellOut({ ticketsInWindow: 10, windowDays: 7, remaining: 0, now }).projectedSellOutAt,
    ).toBeNull();
    const few = forecastSellOut({ ticketsInWindow: 3, windowDays: 7, remaining: 50, now });
    expect(few.projectedSellOutAt).not.toBeNull();
    expect(few.projectedRange).toBeNull();
  });
});
