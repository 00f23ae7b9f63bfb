import type { AnalyticsSummarySettings, OrganizationAnalytics } from '@zevents/contracts';

type EventFigures = OrganizationAnalytics['events'][number];

export function eventFigures(overrides: Partial<EventFigures> = {}): EventFigures {
  return {
    eventId: 'e-1',
    title: 'Nightfall Jazz',
    status: 'published',
    startsAt: '2030-06-01T18:00:00.000Z',
    currency: 'EUR',
    sold: 30,
    capacity: 120,
    sellThrough: 0.25,
    visitors: 200,
    orders: 12,
    tickets: 18,
    revenueCents: 45_000,
    conversion: 0.06,
    ...overrides,
  };
}

/** Two events in two currencies over a week, by day in UTC. */
export function organizationReport(overrides: Partial<OrganizationAnalytics> = {}): OrganizationAnalytics {
  return {
    organizationId: 'org-1',
    from: '2030-05-01T12:00:00.000Z',
    to: '2030-05-08T12:00:00.000Z',
    interval: 'day',
    timezone: 'UTC',
    events: [
      eventFigures(),
      eventFigures({
        eventId: 'e-2',
        title: 'Folk by the River',
        status: 'draft',
        currency: 'GBP',
        sold: 0,
        capacity: 0,
        sellThrough: 0,
        visitors: 0,
        orders: 0,
        tickets: 0,
        revenueCents: 0,
        conversion: 0,
      }),
    ],
    series: [
      { start: '2030-05-02T00:00:00.000Z', currency: 'EUR', orders: 5, tickets: 8, revenueCents: 20_000 },
      { start: '2030-05-04T00:00:00.000Z', currency: 'EUR', orders: 7, tickets: 10, revenueCents: 25_000 },
      { start: '2030-05-04T00:00:00.000Z', currency: 'GBP', orders: 1, tickets: 1, revenueCents: 1_500 },
    ],
    ...overrides,
  };
}

export function summarySettings(overrides: Partial<AnalyticsSummarySettings> = {}): AnalyticsSummarySettings {
  return {
    frequency: 'weekly',
    timezone: 'UTC',
    nextSendAt: '2030-05-13T07:00:00.000Z',
    lastSentPeriodStart: null,
    ...overrides,
  };
}
