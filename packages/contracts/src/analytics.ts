import { z } from 'zod';
import { TimeZone, Timestamp } from './common';

/** The steps of the funnel a visitor's browser reports (holds and payments are the server's own). */
export const BeaconStep = z.enum(['view', 'select', 'details']);
export type BeaconStep = z.infer<typeof BeaconStep>;

const ShortText = (max: number) => z.string().trim().max(max);

/**
 * What the web app's beacon sends (`navigator.sendBeacon`: a `text/plain` body holding JSON, no
 * cookie needed). Nothing here identifies a person: the server keeps a daily-salted hash of the
 * address and user agent, never either of them.
 */
export const PageViewBeacon = z
  .object({
    step: BeaconStep.default('view').describe(
      'view: the event page; select: tickets chosen; details: the checkout page after a hold',
    ),
    path: ShortText(500).optional().describe('The page path (no query string is kept)'),
    referrer: ShortText(2_000)
      .optional()
      .describe('document.referrer; only its domain is kept, and none for the site itself'),
    utm: z
      .object({
        source: ShortText(100).optional(),
        medium: ShortText(100).optional(),
        campaign: ShortText(100).optional(),
      })
      .optional(),
    ref: ShortText(64)
      .optional()
      .describe('The `?ref=` of a tracking link (POST /api/events/{eventId}/tracking-links)'),
    orderId: z
      .string()
      .max(100)
      .optional()
      .describe('With step details: the hold being completed, so its sale counts for the source'),
  })
  .meta({ id: 'PageViewBeacon' });
export type PageViewBeacon = z.infer<typeof PageViewBeacon>;

export const CreateTrackingLinkBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, '1-64 letters, digits, - or _')
      .optional()
      .describe('The `?ref=` value; generated from the name when absent'),
  })
  .strict()
  .meta({ id: 'CreateTrackingLinkBody' });
export type CreateTrackingLinkBody = z.infer<typeof CreateTrackingLinkBody>;

/** What a source brought in a period: visitors, and the paid orders they made. */
export const SourcePerformance = z
  .object({
    views: z.number().int(),
    visitors: z.number().int().describe('Unique visitors (a visitor counts once a day)'),
    orders: z.number().int().describe('Paid orders'),
    tickets: z.number().int(),
    revenueCents: z.number().int().describe('Net of refunds'),
    conversion: z.number().describe('orders / visitors (0 without visitors)'),
  })
  .meta({ id: 'SourcePerformance' });

export const TrackingLink = z
  .object({
    id: z.string(),
    eventId: z.string(),
    name: z.string(),
    code: z.string(),
    url: z.string().describe('The event page with `?ref=code`: share it where the link is meant to be'),
    createdAt: Timestamp,
    performance: SourcePerformance.describe('Since the link was made'),
  })
  .meta({ id: 'TrackingLink' });
export type TrackingLink = z.infer<typeof TrackingLink>;

export const TrackingLinkList = z.object({ items: z.array(TrackingLink) }).meta({ id: 'TrackingLinkList' });
export type TrackingLinkList = z.infer<typeof TrackingLinkList>;

export const AnalyticsInterval = z.enum(['hour', 'day']);
export type AnalyticsInterval = z.infer<typeof AnalyticsInterval>;

export const EventAnalyticsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Default: 30 days before `to`'),
  to: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
  interval: AnalyticsInterval.default('day').describe("Buckets of the series, in the event's time zone"),
});
export type EventAnalyticsQuery = z.infer<typeof EventAnalyticsQuery>;

const FunnelStep = z.object({
  step: z.enum(['views', 'selections', 'holds', 'details', 'paid']),
  count: z.number().int().describe('Unique visitors for the browser steps; orders for holds and paid'),
  conversion: z.number().nullable().describe('count / the previous step’s count (null for the first)'),
});

export const EventAnalytics = z
  .object({
    eventId: z.string(),
    from: Timestamp,
    to: Timestamp,
    interval: AnalyticsInterval,
    timezone: z.string(),
    funnel: z.array(FunnelStep),
    abandonment: z.object({
      orders: z.number().int().describe('Holds that expired or were cancelled'),
      tickets: z.number().int(),
      amountCents: z.number().int(),
      byTicketType: z.array(
        z.object({
          ticketTypeId: z.string(),
          name: z.string(),
          tickets: z.number().int(),
          amountCents: z.number().int(),
        }),
      ),
    }),
    series: z.array(
      z.object({
        start: Timestamp,
        views: z.number().int(),
        visitors: z.number().int(),
        holds: z.number().int(),
        orders: z.number().int(),
        tickets: z.number().int(),
        revenueCents: z.number().int(),
      }),
    ),
    sources: z.array(
      SourcePerformance.extend({
        kind: z.enum(['tracking_link', 'campaign', 'referrer', 'direct']),
        source: z
          .string()
          .describe('The link’s code, utm source / medium / campaign, a referrer domain, or "direct"'),
        name: z.string().describe('What to show: the link’s name, the campaign, the domain'),
      }),
    ),
    promoCodes: z.array(
      z.object({
        promoCodeId: z.string(),
        code: z.string(),
        holds: z.number().int(),
        orders: z.number().int().describe('Paid orders with the code'),
        discountCents: z.number().int(),
        revenueCents: z.number().int(),
        conversion: z.number().describe('orders / holds with the code'),
      }),
    ),
    velocity: z.object({
      ticketsPerDay: z.number().describe('Over the last 7 days of the period'),
      remaining: z.number().int().describe('Tickets still for sale'),
      projectedSellOutAt: Timestamp.nullable().describe(
        'At the recent rate; null when nothing sells or nothing is left',
      ),
      projectedRange: z
        .object({ earliest: Timestamp, latest: Timestamp })
        .nullable()
        .describe('The sell-out date at the rate ± 2 standard errors (sales counted as a Poisson process)'),
      ticketsSoFar: z.number().int().describe('Tickets paid so far (all time)'),
      earlierEvents: z
        .array(
          z.object({
            eventId: z.string(),
            title: z.string(),
            startsAt: Timestamp,
            ticketsAtSamePoint: z
              .number()
              .int()
              .describe('Tickets it had sold as long before its start as this event is before its own now'),
            ticketsFinal: z.number().int().describe('Tickets it sold in all'),
          }),
        )
        .describe("The organization's five latest earlier events, at the same time before their start"),
    }),
    door: z.object({
      checkedIn: z.number().int(),
      tickets: z.number().int().describe('Valid and checked-in tickets'),
      arrivals: z.array(z.object({ start: Timestamp, count: z.number().int() })).describe('5-minute bins'),
      peakPerMinute: z.number().describe('The busiest 5 minutes, per minute'),
      byTicketType: z.array(
        z.object({
          ticketTypeId: z.string(),
          name: z.string(),
          checkedIn: z.number().int(),
          tickets: z.number().int(),
        }),
      ),
    }),
  })
  .meta({ id: 'EventAnalytics' });
export type EventAnalytics = z.infer<typeof EventAnalytics>;

export const OrganizationAnalyticsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Default: 30 days before `to`'),
  to: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
  interval: AnalyticsInterval.default('day'),
  timezone: TimeZone.default('UTC').describe('The time zone of the series’ buckets (IANA)'),
});
export type OrganizationAnalyticsQuery = z.infer<typeof OrganizationAnalyticsQuery>;

export const OrganizationAnalytics = z
  .object({
    organizationId: z.string(),
    from: Timestamp,
    to: Timestamp,
    interval: AnalyticsInterval,
    timezone: z.string(),
    events: z.array(
      z.object({
        eventId: z.string(),
        title: z.string(),
        status: z.enum(['draft', 'published', 'cancelled']),
        startsAt: Timestamp,
        currency: z.string(),
        sold: z.number().int().describe('Paid tickets, all time'),
        capacity: z.number().int(),
        sellThrough: z.number().describe('sold / capacity (0 without capacity)'),
        visitors: z.number().int().describe('Unique visitors of its page in the period'),
        orders: z.number().int().describe('Orders paid in the period'),
        tickets: z.number().int(),
        revenueCents: z.number().int().describe('Net of refunds, in the event’s currency'),
        conversion: z.number().describe('Buyers’ own paid orders / visitors in the period'),
      }),
    ),
    series: z
      .array(
        z.object({
          start: Timestamp,
          currency: z.string(),
          orders: z.number().int(),
          tickets: z.number().int(),
          revenueCents: z.number().int(),
        }),
      )
      .describe('Revenue over time, one row per bucket and currency (events may sell in several)'),
  })
  .meta({ id: 'OrganizationAnalytics' });
export type OrganizationAnalytics = z.infer<typeof OrganizationAnalytics>;

export const AnalyticsSummaryFrequency = z
  .enum(['off', 'daily', 'weekly'])
  .describe(
    'How often the member gets the summary email: the day before, or the week (Monday to Sunday) before',
  );
export type AnalyticsSummaryFrequency = z.infer<typeof AnalyticsSummaryFrequency>;

export const AnalyticsSummarySettings = z
  .object({
    frequency: AnalyticsSummaryFrequency.describe(
      'Owners and admins get `weekly` until they choose otherwise, staff `off`',
    ),
    timezone: z
      .string()
      .describe('The days and weeks of the summary, and its 07:00 sending time, are in this zone'),
    nextSendAt: Timestamp.nullable().describe('When the next summary goes out (null when `off`)'),
    lastSentPeriodStart: z.iso
      .date()
      .nullable()
      .describe('The first day of the last period a summary went out for'),
  })
  .meta({ id: 'AnalyticsSummarySettings' });
export type AnalyticsSummarySettings = z.infer<typeof AnalyticsSummarySettings>;

export const UpdateAnalyticsSummaryBody = z
  .object({
    frequency: AnalyticsSummaryFrequency,
    timezone: TimeZone.optional().describe('Default: the one already chosen, else UTC'),
  })
  .strict()
  .meta({ id: 'UpdateAnalyticsSummaryBody' });
export type UpdateAnalyticsSummaryBody = z.infer<typeof UpdateAnalyticsSummaryBody>;

export const SendAnalyticsSummaryBody = z
  .object({
    frequency: z.enum(['daily', 'weekly']).default('weekly').describe('Which period: yesterday or last week'),
  })
  .strict()
  .meta({ id: 'SendAnalyticsSummaryBody' });
export type SendAnalyticsSummaryBody = z.infer<typeof SendAnalyticsSummaryBody>;
