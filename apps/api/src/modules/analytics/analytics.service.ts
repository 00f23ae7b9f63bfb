import type {
  CreateTrackingLinkBody,
  EventAnalytics,
  EventAnalyticsQuery,
  OrganizationAnalytics,
  OrganizationAnalyticsQuery,
  PageViewBeacon,
  TrackingLink,
  TrackingLinkList,
} from '@zevents/contracts';
import { isbot } from 'isbot';
import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { createTtlCache } from '../../shared/ttl-cache';
import { authorizeEvent, findEventById } from '../events';
import { forecastSellOut } from './forecast';
import * as repo from './analytics.repository';
import { createVisitorHasher } from './visitor-hash';
import { describeSource, sourceOf } from './visitor-source';

const DAY_MS = 86_400_000;
/** A series has at most this many buckets (a year of days, a month of hours). */
const MAX_BUCKETS = 800;

export interface AnalyticsDeps {
  db: Db;
  clock: Clock;
  publicUrl: string;
  logger?: Logger;
  /** Beacons wait at most this long in memory before one statement records them (default 1 s). */
  flushMs?: number;
  /** ...or until this many have arrived (default 500). */
  flushAt?: number;
  /**
   * A batch the database refused (a lock or connection timeout, a restart) is tried again with the
   * next flush, up to this many times in a row, then dropped (default 5: about five seconds).
   */
  flushAttempts?: number;
}

/** Beacons kept in memory while the database refuses them; more are not counted. */
const MAX_PENDING = 50_000;

/**
 * First-party, cookieless analytics: beacons from the web app's pages are hashed, buffered and
 * recorded in batches (never on the sale's path: one statement a second, whatever the traffic), and
 * the organizer's report is read from hourly rollups and the orders themselves.
 */
export function createAnalyticsService(deps: AnalyticsDeps) {
  const { db, clock } = deps;
  const hasher = createVisitorHasher({ db, clock });
  const ownHost = new URL(deps.publicUrl).hostname;
  const flushAt = deps.flushAt ?? 500;
  const flushAttempts = Math.max(1, deps.flushAttempts ?? 5);
  // Whether an event exists, remembered a minute: a beacon costs no query of its own.
  const knownEvents = createTtlCache<string, boolean>({ clock, ttlMs: 60_000, maxEntries: 10_000 });
  let pending: repo.Hit[] = [];
  let flushing: Promise<void> = Promise.resolve();
  // Flushes that failed in a row; meanwhile only the timer flushes, so a database that is away is
  // asked once a second, not once per beacon.
  let failures = 0;
  const timer = setInterval(() => void flush(), deps.flushMs ?? 1_000);
  timer.unref();

  /**
   * Records what has arrived in one statement (all or nothing). A refused batch goes back in front
   * of the queue for the next flush; after `flushAttempts` failures in a row it is dropped (logged),
   * never failing a request.
   */
  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      try {
        await repo.recordHits(db, batch);
        failures = 0;
      } catch (error) {
        failures += 1;
        const attempt = failures;
        const keep = attempt < flushAttempts && batch.length + pending.length <= MAX_PENDING;
        if (keep) pending = batch.concat(pending);
        else failures = 0;
        // Drizzle wraps PostgreSQL's error (the one that says what went wrong) as the cause.
        const cause =
          error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
        deps.logger?.warn(
          { err: error, cause, beacons: batch.length, attempt },
          keep ? 'analytics beacons kept for the next flush' : 'analytics beacons dropped',
        );
      }
    });
    return flushing;
  }

  async function eventExists(eventId: string): Promise<boolean> {
    const cached = knownEvents.get(eventId);
    if (cached !== undefined) return cached;
    const event = await findEventById(db, eventId);
    const exists = event !== undefined && event.status !== 'draft';
    knownEvents.set(eventId, exists);
    return exists;
  }

  function presentLink(link: repo.TrackingLinkRow, slug: string, figures?: repo.SourceFigures): TrackingLink {
    return {
      id: link.id,
      eventId: link.eventId,
      name: link.name,
      code: link.code,
      url: `${deps.publicUrl}/events/${slug}?ref=${encodeURIComponent(link.code)}`,
      createdAt: link.createdAt.toISOString(),
      performance: performanceOf(figures),
    };
  }

  return {
    flush,
    stop: () => clearInterval(timer),
    forgetOldSalts: hasher.forgetOldSalts,

    /** One beacon: 404 for an event nobody can see; bots are counted as nothing. */
    async recordBeacon(
      eventId: string,
      beacon: PageViewBeacon,
      client: { address: string; userAgent: string },
    ): Promise<void> {
      if (!(await eventExists(eventId))) throw notFound('Event');
      if (!client.userAgent || isbot(client.userAgent)) return;
      // A database away for long holds no more than MAX_PENDING in memory: later beacons go uncounted.
      if (pending.length >= MAX_PENDING) return;
      pending.push({
        eventId,
        at: clock.now(),
        step: beacon.step,
        visitor: await hasher.visitorOf(eventId, client.address, client.userAgent),
        source: sourceOf(beacon, ownHost),
        path: beacon.path?.split('?')[0]?.slice(0, 500) ?? null,
        orderId:
          beacon.step === 'details' && beacon.orderId && isUuid(beacon.orderId) ? beacon.orderId : null,
      });
      if (pending.length >= flushAt && failures === 0) void flush();
    },

    async createTrackingLink(
      auth: Principal,
      eventId: string,
      body: CreateTrackingLinkBody,
    ): Promise<TrackingLink> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      const code = body.code ?? codeFromName(body.name);
      const link = await repo.insertTrackingLink(db, {
        eventId: event.id,
        name: body.name,
        code,
        now: clock.now(),
      });
      if (!link)
        throw new AppError('VALIDATION_FAILED', 'This event already has a tracking link with that code', {
          errors: [{ path: 'code', message: 'already used by another link of this event' }],
        });
      return presentLink(link, event.slug);
    },

    async listTrackingLinks(auth: Principal, eventId: string): Promise<TrackingLinkList> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const links = await repo.listTrackingLinks(db, event.id);
      const since = links.reduce((min, link) => (link.createdAt < min ? link.createdAt : min), clock.now());
      const figures = new Map(
        (await repo.sourceFigures(db, event.id, since, new Date(clock.now().getTime() + 1))).map((row) => [
          row.source,
          row,
        ]),
      );
      return {
        items: links.map((link) =>
          presentLink(link, event.slug, figures.get(`ref:${link.code.toLowerCase()}`)),
        ),
      };
    },

    async deleteTrackingLink(auth: Principal, eventId: string, linkId: string): Promise<void> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      if (!isUuid(linkId) || !(await repo.deleteTrackingLink(db, event.id, linkId)))
        throw notFound('Tracking link');
    },

    /** Every event of the organization side by side, and its revenue over time (the caller is authorized). */
    async organizationReport(
      organizationId: string,
      query: OrganizationAnalyticsQuery,
    ): Promise<OrganizationAnalytics> {
      const { from, to } = periodOf(query, clock.now());
      const [events, series] = await Promise.all([
        repo.organizationEventFigures(db, organizationId, from, to),
        repo.organizationSeries(db, {
          organizationId,
          from,
          to,
          interval: query.interval,
          timezone: query.timezone,
        }),
      ]);
      return {
        organizationId,
        from: from.toISOString(),
        to: to.toISOString(),
        interval: query.interval,
        timezone: query.timezone,
        events,
        series,
      };
    },

    async report(auth: Principal, eventId: string, query: EventAnalyticsQuery): Promise<EventAnalytics> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const now = clock.now();
      const { from, to } = periodOf(query, now);
      const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
      const [steps, counts, abandonment, series, sources, links, promoCodes, pace, door, earlier] =
        await Promise.all([
          repo.stepVisitors(db, event.id, from, to),
          repo.orderCounts(db, event.id, from, to),
          repo.abandonedHolds(db, event.id, from, to),
          repo.seriesOf(db, {
            eventId: event.id,
            from,
            to,
            interval: query.interval,
            timezone: event.timezone,
          }),
          repo.sourceFigures(db, event.id, from, to),
          repo.listTrackingLinks(db, event.id),
          repo.promoCodeFigures(db, event.id, from, to),
          repo.salesPace(db, event.id, weekAgo, now),
          repo.doorFigures(db, event.id),
          repo.earlierEventsAtSamePoint(db, {
            organizationId: event.organizationId,
            eventId: event.id,
            startsAt: event.startsAt,
            leadMs: Math.max(0, event.startsAt.getTime() - now.getTime()),
          }),
        ]);
      const linkNames = new Map(links.map((link) => [link.code.toLowerCase(), link.name]));
      const funnelCounts: Array<[EventAnalytics['funnel'][number]['step'], number]> = [
        ['views', steps.view],
        ['selections', steps.select],
        ['holds', counts.holds],
        ['details', steps.details],
        ['paid', counts.paid],
      ];
      const peak = door.arrivals.reduce((max, bin) => Math.max(max, bin.count), 0);
      return {
        eventId: event.id,
        from: from.toISOString(),
        to: to.toISOString(),
        interval: query.interval,
        timezone: event.timezone,
        funnel: funnelCounts.map(([step, count], index) => {
          const previous = index > 0 ? funnelCounts[index - 1]?.[1] : undefined;
          return {
            step,
            count,
            conversion: previous === undefined ? null : previous > 0 ? count / previous : 0,
          };
        }),
        abandonment,
        series,
        sources: sources.map((row) => ({ ...describeSource(row.source, linkNames), ...performanceOf(row) })),
        promoCodes,
        velocity: {
          ...forecastSellOut({
            ticketsInWindow: pace.tickets,
            windowDays: 7,
            remaining: pace.remaining,
            now,
          }),
          ticketsSoFar: pace.soFar,
          earlierEvents: earlier,
        },
        door: {
          checkedIn: door.byTicketType.reduce((sum, type) => sum + type.checkedIn, 0),
          tickets: door.byTicketType.reduce((sum, type) => sum + type.tickets, 0),
          arrivals: door.arrivals,
          peakPerMinute: peak / 5,
          byTicketType: door.byTicketType,
        },
      };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

/** The period asked for (default: the 30 days before now); 400 when it is empty or has too many buckets. */
function periodOf(
  query: { from?: string; to?: string; interval: 'hour' | 'day' },
  now: Date,
): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to)
    throw new AppError('VALIDATION_FAILED', 'The period must end after it starts', {
      errors: [{ path: 'to', message: 'must be after from' }],
    });
  const bucketMs = query.interval === 'hour' ? 3_600_000 : DAY_MS;
  if ((to.getTime() - from.getTime()) / bucketMs > MAX_BUCKETS)
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_BUCKETS} ${query.interval}s at a time`, {
      errors: [{ path: 'from', message: `the period is longer than ${MAX_BUCKETS} ${query.interval}s` }],
    });
  return { from, to };
}

function performanceOf(figures: repo.SourceFigures | undefined) {
  const views = figures?.views ?? 0;
  const visitors = figures?.visitors ?? 0;
  const orders = figures?.orders ?? 0;
  return {
    views,
    visitors,
    orders,
    tickets: figures?.tickets ?? 0,
    revenueCents: figures?.revenueCents ?? 0,
    conversion: visitors > 0 ? orders / visitors : 0,
  };
}

/** "Spring newsletter" -> "spring-newsletter" (64 characters at most). */
export function codeFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'link';
}
