import type { EventAnalytics, TrackingLink } from '@zevents/contracts';

/** Shared test data of the analytics page's tests (not a test file itself). */

export const analyticsReport = (overrides: Partial<EventAnalytics> = {}): EventAnalytics => ({
  eventId: 'e-1',
  from: '2030-04-01T00:00:00.000Z',
  to: '2030-05-01T00:00:00.000Z',
  interval: 'day',
  timezone: 'Europe/Paris',
  funnel: [
    { step: 'views', count: 200, conversion: null },
    { step: 'selections', count: 80, conversion: 0.4 },
    { step: 'holds', count: 40, conversion: 0.5 },
    { step: 'details', count: 36, conversion: 0.9 },
    { step: 'paid', count: 30, conversion: 30 / 36 },
  ],
  abandonment: {
    orders: 6,
    tickets: 9,
    amountCents: 22_500,
    byTicketType: [{ ticketTypeId: 'tt-ga', name: 'General admission', tickets: 9, amountCents: 22_500 }],
  },
  series: [
    {
      start: '2030-04-29T22:00:00.000Z',
      views: 120,
      visitors: 90,
      holds: 20,
      orders: 14,
      tickets: 20,
      revenueCents: 50_000,
    },
    {
      start: '2030-04-30T22:00:00.000Z',
      views: 80,
      visitors: 60,
      holds: 20,
      orders: 16,
      tickets: 22,
      revenueCents: 55_000,
    },
  ],
  sources: [
    {
      kind: 'tracking_link',
      source: 'insta-bio',
      name: 'Instagram bio',
      views: 90,
      visitors: 70,
      orders: 14,
      tickets: 20,
      revenueCents: 50_000,
      conversion: 0.2,
    },
    {
      kind: 'direct',
      source: 'direct',
      name: 'Direct',
      views: 110,
      visitors: 80,
      orders: 16,
      tickets: 22,
      revenueCents: 55_000,
      conversion: 0.2,
    },
  ],
  promoCodes: [],
  velocity: {
    ticketsPerDay: 0,
    remaining: 58,
    projectedSellOutAt: null,
    projectedRange: null,
    ticketsSoFar: 0,
    earlierEvents: [],
  },
  door: { checkedIn: 0, tickets: 42, arrivals: [], peakPerMinute: 0, byTicketType: [] },
  ...overrides,
});

export const trackingLink = (overrides: Partial<TrackingLink> = {}): TrackingLink => ({
  id: 'tl-1',
  eventId: 'e-1',
  name: 'Instagram bio',
  code: 'insta-bio',
  url: 'https://tickets.example.com/events/night-jazz?ref=insta-bio',
  createdAt: '2030-04-01T10:00:00.000Z',
  performance: { views: 90, visitors: 70, orders: 14, tickets: 20, revenueCents: 50_000, conversion: 0.2 },
  ...overrides,
});
