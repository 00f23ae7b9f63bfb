import {
  CreateTrackingLinkBody,
  EventAnalytics,
  EventAnalyticsQuery,
  OrganizationAnalytics,
  OrganizationAnalyticsQuery,
  PageViewBeacon,
  AnalyticsSummarySettings,
  SendAnalyticsSummaryBody,
  UpdateAnalyticsSummaryBody,
  TrackingLink,
  TrackingLinkList,
  UuidParam,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { AnalyticsService } from './analytics.service';
import type { SummaryService } from './summary.service';

const EventParams = z.object({ eventId: UuidParam });

export function registerAnalyticsRoutes(
  api: ApiRouter<Permission>,
  deps: { analytics: AnalyticsService; summaries: SummaryService },
): void {
  const { analytics, summaries } = deps;
  const tags = ['Analytics'];

  api.add(
    {
      method: 'post',
      path: '/api/public/events/{eventId}/views',
      summary: 'Count a page view or a checkout step (the web app’s beacon; no cookie, no tracker)',
      description:
        'Accepts the `text/plain` JSON body `navigator.sendBeacon` sends, and JSON. Needs no CSRF token. ' +
        'The visitor is a daily-salted hash of the address and user agent, neither of which is stored; ' +
        'known bots count as nothing. Recorded in batches within a second.',
      tags,
      access: 'public',
      params: EventParams,
      body: PageViewBeacon,
      acceptsTextPlain: true,
      status: 204,
      errors: [404],
    },
    async ({ params, body, req }) =>
      analytics.recordBeacon(params.eventId, body, {
        address: req.ip ?? '',
        userAgent: req.get('user-agent') ?? '',
      }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/tracking-links',
      summary: 'Create a tracking link: a name and the event page with `?ref=`, counted as a source',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EventParams,
      body: CreateTrackingLinkBody,
      status: 201,
      response: TrackingLink,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => analytics.createTrackingLink(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/tracking-links',
      summary:
        "The event's tracking links with their views, visitors, orders, tickets, revenue and conversion",
      tags,
      access: 'member',
      permission: 'events.view',
      params: EventParams,
      status: 200,
      response: TrackingLinkList,
    },
    async ({ auth, params }) => analytics.listTrackingLinks(auth, params.eventId),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/events/{eventId}/tracking-links/{linkId}',
      summary: 'Delete a tracking link (what it brought stays counted under its code)',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: z.object({ eventId: UuidParam, linkId: UuidParam }),
      status: 204,
      errors: [403],
    },
    async ({ auth, params }) => analytics.deleteTrackingLink(auth, params.eventId, params.linkId),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/analytics',
      summary: 'The funnel, sources, promo codes, velocity and forecast, and the door, over a period',
      description:
        'From page view to the door: unique visitors of the browser steps (view, ticket selection, ' +
        'details), holds and paid orders, abandoned holds with what they left behind, a series by hour ' +
        "or day in the event's time zone, each source's visitors and sales, and the sell-out projection.",
      tags,
      access: 'member',
      permission: 'events.view',
      params: EventParams,
      query: EventAnalyticsQuery,
      status: 200,
      response: EventAnalytics,
      errors: [403],
    },
    async ({ auth, params, query }) => analytics.report(auth, params.eventId, query),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/analytics',
      summary: 'Every event of the organization side by side, and its revenue over a period',
      description:
        'Per event: tickets sold and capacity (all time), sell-through, and in the period its unique ' +
        'visitors, paid orders, tickets, revenue net of refunds and conversion. The series has one row ' +
        'per bucket and currency, bucketed in `timezone` (default UTC).',
      tags,
      access: 'member',
      permission: 'events.view',
      params: z.object({ orgId: UuidParam }),
      query: OrganizationAnalyticsQuery,
      status: 200,
      response: OrganizationAnalytics,
      errors: [403],
    },
    async ({ params, query }) => analytics.organizationReport(params.orgId, query),
  );

  const OrgParams = z.object({ orgId: UuidParam });

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/analytics/summary-email',
      summary: 'Your summary email: how often, in which time zone, and when the next one goes out',
      description:
        'Per member: owners and admins get `weekly` until they choose, staff `off`. A summary covers ' +
        'yesterday or last week (Monday to Sunday) in the chosen time zone and goes out at 07:00 there.',
      tags,
      access: 'session',
      params: OrgParams,
      status: 200,
      response: AnalyticsSummarySettings,
      errors: [403, 404],
    },
    async ({ auth, params }) => summaries.settings(auth, params.orgId),
  );

  api.add(
    {
      method: 'put',
      path: '/api/organizations/{orgId}/analytics/summary-email',
      summary: 'Choose your summary email: weekly, daily or off, and its time zone',
      tags,
      access: 'session',
      params: OrgParams,
      body: UpdateAnalyticsSummaryBody,
      status: 200,
      response: AnalyticsSummarySettings,
      errors: [403, 404],
    },
    async ({ auth, params, body }) => summaries.updateSettings(auth, params.orgId, body),
  );

  api.add(
    {
      method: 'post',
      path: '/api/organizations/{orgId}/analytics/summary-email/send',
      summary: 'Send yourself the summary of yesterday or last week now',
      description: 'The same request again within a minute answers with the message already queued.',
      tags,
      access: 'session',
      params: OrgParams,
      body: SendAnalyticsSummaryBody,
      status: 202,
      response: z.object({ emailId: z.string() }),
      errors: [403, 404],
    },
    async ({ auth, params, body }) => summaries.sendNow(auth, params.orgId, body),
  );
}
