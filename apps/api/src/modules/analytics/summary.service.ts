import type {
  AnalyticsSummarySettings,
  SendAnalyticsSummaryBody,
  UpdateAnalyticsSummaryBody,
} from '@zevents/contracts';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import type { SessionAuth } from '../../http/auth-context';
import { notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import type { Notifier } from '../notifications';
import { requireOrganizationPermission } from '../organizations';
import { organizationEventFigures, organizationSeries } from './analytics.repository';
import { CHART_SIZE, type ChartBar, renderBarChartPng } from './summary-chart';
import * as repo from './summary.repository';
import {
  isOwed,
  lastCompletePeriod,
  latestDuePeriod,
  nextSendAt,
  periodOfStart,
  type SummaryPeriod,
  type SummaryPeriodKind,
} from './summary-schedule';

/** The period's figures over every event of the organization. */
export interface SummaryTotals {
  orders: number;
  tickets: number;
  /** Page visitors, each counted once a day per event (as the event report counts them). */
  visitors: number;
  /** Buyers' own paid orders per visitor. */
  conversion: number;
  /** Net of refunds, one entry per currency the organization sells in. */
  revenue: Array<{ currency: string; cents: number }>;
}

export interface SummaryEventLine {
  title: string;
  url: string;
  tickets: number;
  orders: number;
  visitors: number;
  conversion: number;
  currency: string;
  revenueCents: number;
  sold: number;
  capacity: number;
}

/** Everything the summary email shows, built at send time from the rollups. */
export interface SummaryReport {
  organizationName: string;
  frequency: SummaryPeriodKind;
  from: Date;
  to: Date;
  timezone: string;
  totals: SummaryTotals;
  /** The period before, for the changes beside each figure. */
  previous: SummaryTotals;
  /** Events with something to report (sales or visitors in the period, or still to come), busiest first. */
  events: SummaryEventLine[];
  /** Tickets sold per day (weekly) or hour (daily), as bars; its PNG goes inline in the email. */
  chart: { title: string; bars: ChartBar[]; png: Buffer; size: { width: number; height: number } };
  analyticsUrl: string;
  settingsUrl: string;
}

const SCAN_PAGE = 500;
const MAX_EVENT_LINES = 10;

/**
 * The analytics summary email: each member's choice (weekly, daily or off, in their time zone), the
 * hourly scan that records the summaries due (exactly once per member and period: the outbox's
 * dedupe key and the member's last period, in one transaction), and the report each one shows.
 */
export function createSummaryService(deps: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  notifier: Notifier;
  logger?: Logger;
}) {
  const { db, clock } = deps;

  async function memberOf(auth: SessionAuth, organizationId: string): Promise<repo.SummaryMember> {
    await requireOrganizationPermission(db, auth, organizationId, 'events.view');
    const member = await repo.findSummaryMember(db, organizationId, auth.userId);
    if (!member) throw notFound('Organization');
    return member;
  }

  function settingsOf(member: repo.SummaryMember): AnalyticsSummarySettings {
    return {
      frequency: member.frequency,
      timezone: member.timezone,
      nextSendAt:
        member.frequency === 'off'
          ? null
          : nextSendAt(member.frequency, member.timezone, clock.now(), member).toISOString(),
      lastSentPeriodStart: member.lastSentPeriodStart,
    };
  }

  async function queueSummary(member: repo.SummaryMember, period: SummaryPeriod, dedupeKey: string) {
    return db.transaction(async (tx) => {
      const emailId = await deps.notifier.analyticsSummary(tx, {
        dedupeKey,
        recipient: member.email,
        organizationId: member.organizationId,
        userId: member.userId,
        frequency: period.kind,
        periodStart: period.start,
        timezone: period.timezone,
      });
      await repo.markSummarySent(tx, {
        organizationId: member.organizationId,
        userId: member.userId,
        periodStart: period.start,
        now: clock.now(),
      });
      return emailId;
    });
  }

  async function totalsOf(organizationId: string, from: Date, to: Date) {
    const events = await organizationEventFigures(db, organizationId, from, to);
    const revenue = new Map<string, number>();
    let visitors = 0;
    let buyerOrders = 0;
    for (const event of events) {
      visitors += event.visitors;
      buyerOrders += event.conversion * event.visitors;
      if (event.revenueCents !== 0)
        revenue.set(event.currency, (revenue.get(event.currency) ?? 0) + event.revenueCents);
    }
    const totals: SummaryTotals = {
      orders: events.reduce((sum, event) => sum + event.orders, 0),
      tickets: events.reduce((sum, event) => sum + event.tickets, 0),
      visitors,
      conversion: visitors > 0 ? Math.round(buyerOrders) / visitors : 0,
      revenue: [...revenue]
        .map(([currency, cents]) => ({ currency, cents }))
        .sort((a, b) => b.cents - a.cents),
    };
    return { events, totals };
  }

  /** One bar per local day (weekly) or hour (daily), zero where nothing sold. */
  async function chartOf(organizationId: string, period: SummaryPeriod): Promise<SummaryReport['chart']> {
    const interval = period.kind === 'daily' ? 'hour' : 'day';
    const series = await organizationSeries(db, {
      organizationId,
      from: period.from,
      to: period.to,
      interval,
      timezone: period.timezone,
    });
    const tickets = new Map<number, number>();
    for (const row of series) {
      const at = new Date(row.start).getTime();
      tickets.set(at, (tickets.get(at) ?? 0) + row.tickets);
    }
    const bars: ChartBar[] = [];
    for (
      let bucket = DateTime.fromJSDate(period.from, { zone: period.timezone });
      bucket.toJSDate() < period.to;
      bucket = interval === 'hour' ? bucket.plus({ hours: 1 }) : bucket.plus({ days: 1 })
    ) {
      const label =
        interval === 'day' ? bucket.toFormat('ccc d') : bucket.hour % 3 === 0 ? bucket.toFormat('HH:mm') : '';
      bars.push({ label, value: tickets.get(bucket.toMillis()) ?? 0 });
    }
    const title = period.kind === 'daily' ? 'Tickets sold by hour' : 'Tickets sold by day';
    return { title, bars, png: await renderBarChartPng({ title, bars }), size: CHART_SIZE };
  }

  return {
    async settings(auth: SessionAuth, organizationId: string): Promise<AnalyticsSummarySettings> {
      return settingsOf(await memberOf(auth, organizationId));
    },

    async updateSettings(
      auth: SessionAuth,
      organizationId: string,
      body: UpdateAnalyticsSummaryBody,
    ): Promise<AnalyticsSummarySettings> {
      const member = await memberOf(auth, organizationId);
      const timezone = body.timezone ?? member.timezone;
      await repo.saveSummaryChoice(db, {
        organizationId,
        userId: auth.userId,
        frequency: body.frequency,
        timezone,
        now: clock.now(),
      });
      return settingsOf({ ...member, frequency: body.frequency, timezone });
    },

    /**
     * The summary of yesterday or last week, to the caller, now. The same request within a minute
     * gets the same message back (a double click sends one email).
     */
    async sendNow(
      auth: SessionAuth,
      organizationId: string,
      body: SendAnalyticsSummaryBody,
    ): Promise<{ emailId: string }> {
      const member = await memberOf(auth, organizationId);
      const now = clock.now();
      const period = lastCompletePeriod(body.frequency, member.timezone, now);
      const minute = now.toISOString().slice(0, 16);
      const emailId = await db.transaction((tx) =>
        deps.notifier.analyticsSummary(tx, {
          dedupeKey: `analytics-summary-now:${organizationId}:${auth.userId}:${body.frequency}:${minute}`,
          recipient: member.email,
          organizationId,
          userId: auth.userId,
          frequency: period.kind,
          periodStart: period.start,
          timezone: period.timezone,
        }),
      );
      return { emailId };
    },

    /**
     * The hourly scan: records every summary that is due (of one organization when named: an
     * operator's rerun, or a test beside others). Returns how many it recorded.
     */
    async queueDueSummaries(organizationId?: string): Promise<number> {
      let queued = 0;
      let after: { organizationId: string; userId: string } | undefined;
      for (;;) {
        const members = await repo.listSubscribedMembers(db, after, SCAN_PAGE, organizationId);
        const now = clock.now();
        for (const member of members) {
          if (member.frequency === 'off') continue;
          const period = latestDuePeriod(member.frequency, member.timezone, now);
          if (!isOwed(period, member)) continue;
          await queueSummary(
            member,
            period,
            `analytics-summary:${member.organizationId}:${member.userId}:${period.kind}:${period.start}`,
          );
          queued++;
        }
        const last = members.at(-1);
        if (!last || members.length < SCAN_PAGE) return queued;
        after = { organizationId: last.organizationId, userId: last.userId };
      }
    },

    /**
     * The report of one recorded summary, at send time; undefined when the recipient has left the
     * organization since (their summary no longer goes out).
     */
    async report(params: Record<string, unknown>): Promise<SummaryReport | undefined> {
      const text = (key: string) => (typeof params[key] === 'string' ? params[key] : '');
      const frequency = text('frequency');
      if (frequency !== 'daily' && frequency !== 'weekly') return undefined;
      const member = await repo.findSummaryMember(db, text('organizationId'), text('userId'));
      if (!member) return undefined;
      const period = periodOfStart(frequency, text('periodStart'), text('timezone') || 'UTC');
      const local = DateTime.fromJSDate(period.from, { zone: period.timezone });
      const before = frequency === 'daily' ? local.minus({ days: 1 }) : local.minus({ weeks: 1 });
      const [current, previous, chart] = await Promise.all([
        totalsOf(member.organizationId, period.from, period.to),
        totalsOf(member.organizationId, before.toJSDate(), period.from),
        chartOf(member.organizationId, period),
      ]);
      const events = current.events
        .filter(
          (event) =>
            event.status !== 'draft' &&
            (event.tickets > 0 || event.visitors > 0 || new Date(event.startsAt) >= period.from),
        )
        .sort((a, b) => b.tickets - a.tickets || b.visitors - a.visitors)
        .slice(0, MAX_EVENT_LINES)
        .map((event) => ({
          title: event.title,
          url: `${deps.publicUrl}/organizer/events/${event.eventId}/analytics`,
          tickets: event.tickets,
          orders: event.orders,
          visitors: event.visitors,
          conversion: event.conversion,
          currency: event.currency,
          revenueCents: event.revenueCents,
          sold: event.sold,
          capacity: event.capacity,
        }));
      const organization = encodeURIComponent(member.organizationId);
      return {
        organizationName: member.organizationName,
        frequency,
        from: period.from,
        to: period.to,
        timezone: period.timezone,
        totals: current.totals,
        previous: previous.totals,
        events,
        chart,
        analyticsUrl: `${deps.publicUrl}/organizer/analytics?organization=${organization}`,
        settingsUrl: `${deps.publicUrl}/organizer/analytics?organization=${organization}#summary-email`,
      };
    },
  };
}

export type SummaryService = ReturnType<typeof createSummaryService>;
