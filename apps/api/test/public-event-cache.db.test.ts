import type { PublicEvent } from '@zevents/contracts';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ChangeBus } from '../src/realtime/change-bus';
import { ManualClock } from '../src/shared/clock';
import { createEvent, createWorld } from './factories';
import { buildTestApp } from './harness';
import { recordStatements } from './support/statement-log';
import { buyTickets } from './insight-helpers';

/**
 * GET /api/public/events/{id} is served from a per-process cache (PUBLIC_EVENT_CACHE_MS, at most
 * 1 s): a change made through the same process shows at once, one made elsewhere within 1 s.
 */
const CACHE_MS = 1_000;

/** The change bus of one machine: every app hears every announcement, as over LISTEN/NOTIFY. */
function sharedBus(): ChangeBus {
  const listeners = new Set<(eventId: string) => void>();
  return {
    announce: (eventId) => listeners.forEach((listener) => listener(eventId)),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: async () => undefined,
  };
}

async function saleWithCachedPage(options: { changes?: ChangeBus } = {}) {
  const clock = new ManualClock();
  const seller = buildTestApp({ clock, publicEventCacheMs: CACHE_MS, ...options });
  // Another API process on the same database, with a cache of its own.
  const reader = buildTestApp({ clock, publicEventCacheMs: CACHE_MS, ...options });
  const world = await createWorld(seller.app, seller.database.db);
  const { event, ticketTypes } = await createEvent(seller.database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 0, capacity: 10 }],
    publish: true,
  });
  const typeId = ticketTypes[0]?.id ?? '';
  const read = async (app = reader.app, idOrSlug = event.id) => {
    const res = await request(app).get(`/api/public/events/${idOrSlug}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res;
  };
  const available = async (app = reader.app) =>
    ((await read(app)).body as PublicEvent).ticketTypes.find((type) => type.id === typeId)?.available;
  return { clock, seller, reader, world, event, typeId, read, available };
}

describe('the public event page cache', () => {
  it('shows a sale made through the same process at once', async () => {
    const s = await saleWithCachedPage();
    expect(await s.available(s.seller.app)).toBe(10);
    await buyTickets(s.world.anonymous, s.event.id, [[s.typeId, 3]]);
    expect(await s.available(s.seller.app)).toBe(7);
  });

  it('catches up with a sale made by another process within 1 s, at once with the change bus', async () => {
    const s = await saleWithCachedPage();
    expect(await s.available()).toBe(10);
    await buyTickets(s.world.anonymous, s.event.id, [[s.typeId, 3]]);
    s.clock.advance(CACHE_MS - 1);
    // Still the page read under a second ago: the bound, never more.
    expect(await s.available()).toBe(10);
    s.clock.advance(1);
    expect(await s.available()).toBe(7);

    const bus = await saleWithCachedPage({ changes: sharedBus() });
    expect(await bus.available()).toBe(10);
    await buyTickets(bus.world.anonymous, bus.event.id, [[bus.typeId, 4]]);
    expect(await bus.available()).toBe(6);
  });

  it('shows a cancellation at once and an unannounced edit within 1 s; by slug too', async () => {
    const s = await saleWithCachedPage({ changes: sharedBus() });
    const bySlug = async () => (await s.read(s.reader.app, s.event.slug)).body as PublicEvent;
    expect((await bySlug()).title).toBe(s.event.title);
    const edited = await s.world.owner.patch(`/api/events/${s.event.id}`, { title: 'Renamed' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    s.clock.advance(CACHE_MS);
    expect((await bySlug()).title).toBe('Renamed');

    const cancelled = await s.world.owner.post(`/api/events/${s.event.id}/cancel`, {});
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(((await s.read()).body as PublicEvent).status).toBe('cancelled');
  });

  it('lets a flood that misses the cache together share one read, and a change after it read afresh', async () => {
    const s = await saleWithCachedPage();
    const log = recordStatements(s.reader.database.pool);
    try {
      const pages = await Promise.all(Array.from({ length: 20 }, () => s.available()));
      expect(pages).toEqual(Array.from({ length: 20 }, () => 10));
      expect(log.statements.filter((text) => /from "events"/i.test(text))).toHaveLength(1);
    } finally {
      log.stop();
    }
    // A sale through this process drops the page and any read under way: the next visitor sees it.
    await buyTickets(s.world.anonymous, s.event.id, [[s.typeId, 2]]);
    s.clock.advance(CACHE_MS);
    expect(await s.available()).toBe(8);
  });

  it('never caches a draft: publishing shows at once; answers carry an ETag and no-cache', async () => {
    const clock = new ManualClock();
    const t = buildTestApp({ clock, publicEventCacheMs: CACHE_MS });
    const world = await createWorld(t.app, t.database.db);
    const { event } = await createEvent(t.database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 0, capacity: 5 }],
    });
    expect((await request(t.app).get(`/api/public/events/${event.id}`)).status).toBe(404);
    expect((await world.owner.post(`/api/events/${event.id}/publish`, {})).status).toBe(200);
    const page = await request(t.app).get(`/api/public/events/${event.id}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('public, no-cache');
    const etag = page.headers.etag;
    expect(etag).toBeTruthy();
    const again = await request(t.app)
      .get(`/api/public/events/${event.id}`)
      .set('If-None-Match', String(etag));
    expect(again.status).toBe(304);
  });
});
