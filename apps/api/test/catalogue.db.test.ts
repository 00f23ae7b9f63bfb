import { randomUUID } from 'node:crypto';
import type {
  CreateEventBody,
  CreateTicketTypeBody,
  PublicEvent,
  PublicEventSummary,
} from '@zevents/contracts';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ticketTypes } from '../src/db/schema';
import { createEventsService } from '../src/modules/events/events.service';
import { ManualClock, systemClock } from '../src/shared/clock';
import { createEvent, createWorld, sessionAuth, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Public reads go through an app on a manual clock set to NOW; the factories create events with the
 * system clock, so every date below is chosen relative to NOW (years ahead of the real date).
 */
const NOW = '2030-01-01T00:00:00.000Z';
const HOUR = 3_600_000;
const at = (hours: number): string => new Date(Date.parse(NOW) + hours * HOUR).toISOString();

/** A search term no other test (or test file) uses: letters and digits only, no LIKE wildcards. */
const uniqueTag = (): string => `zq${randomUUID().replaceAll('-', '').slice(0, 12)}`;

const GA: CreateTicketTypeBody = { name: 'General admission', priceCents: 2500, capacity: 100 };

// The organizer side (sessions, factories) runs on the system clock.
const setup = buildTestApp();
const db = setup.database.db;
let world: World;

beforeAll(async () => {
  world = await createWorld(setup.app, db);
});

/** An app whose clock reads NOW (or `clock`), for anonymous catalogue reads. */
function publicApp(clock = new ManualClock(NOW)) {
  return { app: buildTestApp({ clock }).app, clock };
}

interface EventOptions {
  title: string;
  startsIn?: number;
  lastsHours?: number;
  venue?: string | null;
  description?: string | null;
  ticketTypes?: CreateTicketTypeBody[];
  publish?: boolean;
}

/** An event starting `startsIn` hours after NOW, published by default, with one ticket type by default. */
async function makeEvent(options: EventOptions) {
  const startsIn = options.startsIn ?? 48;
  const input: Partial<CreateEventBody> = {
    title: options.title,
    startsAt: at(startsIn),
    endsAt: at(startsIn + (options.lastsHours ?? 3)),
  };
  if (options.venue !== undefined) input.venue = options.venue;
  if (options.description !== undefined) input.description = options.description;
  return createEvent(db, world, {
    input,
    ticketTypes: options.ticketTypes ?? [GA],
    publish: options.publish ?? true,
  });
}

async function cancel(eventId: string): Promise<void> {
  const owner = world.owner.user;
  if (!owner) throw new Error('no owner');
  await createEventsService({ db, clock: systemClock }).cancelEvent(sessionAuth(owner.id), eventId);
}

async function setStock(ticketTypeId: string, stock: { sold?: number; held?: number }): Promise<void> {
  await db.update(ticketTypes).set(stock).where(eq(ticketTypes.id, ticketTypeId));
}

async function search(
  app: Parameters<typeof request>[0],
  q: string,
  extra = '',
): Promise<PublicEventSummary[]> {
  const res = await request(app).get(`/api/public/events?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { items: PublicEventSummary[] }).items;
}

const titlesOf = (items: Array<{ title: string }>) => items.map((item) => item.title);

describe('GET /api/public/events', () => {
  it('lists only published events that have not ended, soonest first', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    await makeEvent({ title: `${tag} later`, startsIn: 72 });
    await makeEvent({ title: `${tag} sooner`, startsIn: 24 });
    await makeEvent({ title: `${tag} draft`, startsIn: 12, publish: false });
    await makeEvent({ title: `${tag} ended`, startsIn: -48, lastsHours: 24 });
    await makeEvent({ title: `${tag} ongoing`, startsIn: -1, lastsHours: 3 });
    const cancelled = await makeEvent({ title: `${tag} cancelled`, startsIn: 36 });
    await cancel(cancelled.event.id);

    const items = await search(app, tag);
    expect(titlesOf(items)).toEqual([`${tag} ongoing`, `${tag} sooner`, `${tag} later`]);
  });

  it('decides "ended" by the clock, not by the wall time', async () => {
    const tag = uniqueTag();
    await makeEvent({ title: `${tag} ended`, startsIn: -48, lastsHours: 24 });
    // Relative to the real date the event is years ahead: the system-clock app lists it.
    expect(titlesOf(await search(setup.app, tag))).toEqual([`${tag} ended`]);
    expect(await search(publicApp().app, tag)).toEqual([]);
    // An event ending exactly now has ended.
    await makeEvent({ title: `${tag} edge`, startsIn: -3, lastsHours: 3 });
    expect(await search(publicApp().app, tag)).toEqual([]);
    expect(titlesOf(await search(publicApp(new ManualClock(at(-0.5))).app, tag))).toEqual([`${tag} edge`]);
  });

  it('presents a summary with organization, prices and availability', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    const { event, ticketTypes: types } = await makeEvent({
      title: `${tag} summary`,
      venue: 'Main Stage',
      ticketTypes: [
        { name: 'Cheap', priceCents: 1000, capacity: 10 },
        { name: 'Dear', priceCents: 9000, capacity: 5 },
      ],
    });
    await setStock(types[0]?.id ?? '', { sold: 4, held: 1 });
    const [item] = await search(app, tag);
    expect(item).toEqual({
      id: event.id,
      slug: event.slug,
      title: `${tag} summary`,
      venue: 'Main Stage',
      startsAt: at(48),
      endsAt: at(51),
      timezone: 'Europe/Paris',
      currency: 'EUR',
      organizationName: world.org.name,
      category: null,
      kind: 'in_person',
      city: null,
      organizationSlug: world.org.slug,
      minPriceCents: 1000,
      maxPriceCents: 9000,
      available: 10,
      isSoldOut: false,
    });
  });

  it('flags an event whose every ticket type is gone as sold out', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    const { ticketTypes: types } = await makeEvent({
      title: `${tag} full`,
      ticketTypes: [
        { name: 'A', priceCents: 0, capacity: 2 },
        { name: 'B', priceCents: 100, capacity: 3 },
      ],
    });
    await setStock(types[0]?.id ?? '', { sold: 2 });
    await setStock(types[1]?.id ?? '', { sold: 1, held: 2 });
    const [item] = await search(app, tag);
    expect(item).toMatchObject({ available: 0, isSoldOut: true, minPriceCents: 0, maxPriceCents: 100 });
  });

  it('searches title and venue case-insensitively', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    await makeEvent({ title: `Jazz Night ${tag}`, venue: 'Blue Note' });
    await makeEvent({ title: 'Untagged title', venue: `Le Caveau ${tag}` });
    await makeEvent({ title: `Opera ${tag}`, venue: null });

    expect(titlesOf(await search(app, `jAZZ nIGHT ${tag.toUpperCase()}`))).toEqual([`Jazz Night ${tag}`]);
    expect(titlesOf(await search(app, `LE CAVEAU ${tag}`))).toEqual(['Untagged title']);
    expect(titlesOf(await search(app, tag.toUpperCase())).sort()).toEqual(
      [`Jazz Night ${tag}`, 'Untagged title', `Opera ${tag}`].sort(),
    );
    // Surrounding spaces are not part of the search.
    expect(titlesOf(await search(app, `   opera ${tag}   `))).toEqual([`Opera ${tag}`]);
    expect(await search(app, `${tag}-nothing-like-this`)).toEqual([]);
  });

  it('treats % and _ in q as literal characters', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    await makeEvent({ title: `${tag} 50% off` });
    await makeEvent({ title: `${tag} 50X off` });
    await makeEvent({ title: `${tag} a_b` });
    await makeEvent({ title: `${tag} axb` });
    await makeEvent({ title: `${tag} back\\slash` });

    expect(titlesOf(await search(app, `${tag} 50%`))).toEqual([`${tag} 50% off`]);
    expect(titlesOf(await search(app, `${tag} 50% off`))).toEqual([`${tag} 50% off`]);
    expect(titlesOf(await search(app, `${tag} a_b`))).toEqual([`${tag} a_b`]);
    expect(await search(app, `${tag} a_`)).toHaveLength(1);
    expect(await search(app, `${tag}%`)).toEqual([]);
    expect(await search(app, `${tag}_`)).toEqual([]);
    expect(await search(app, `%${tag}`)).toEqual([]);
    expect(titlesOf(await search(app, `${tag} back\\slash`))).toEqual([`${tag} back\\slash`]);
    expect(await search(app, `${tag} back\\`)).toHaveLength(1);
  });

  it('pages with limit and cursor in start order, ties broken by id, without gaps or repeats', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    const created = [];
    for (const startsIn of [40, 10, 20, 20, 30, 20]) {
      created.push((await makeEvent({ title: `${tag} at ${startsIn}h`, startsIn })).event);
    }
    const expected = [...created]
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((event) => event.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const cursorParam: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await request(app).get(`/api/public/events?q=${tag}&limit=2${cursorParam}`);
      expect(res.status).toBe(200);
      const body = res.body as { items: PublicEventSummary[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    expect(pages).toBe(3);
    expect(seen).toEqual(expected);

    // One big page holds everything and says there is no more.
    const all = await request(app).get(`/api/public/events?q=${tag}&limit=200`);
    expect(all.body).toMatchObject({ nextCursor: null });
    expect((all.body as { items: PublicEventSummary[] }).items.map((item) => item.id)).toEqual(expected);
    // The default page size is large enough for six.
    const byDefault = await request(app).get(`/api/public/events?q=${tag}`);
    expect((byDefault.body as { items: unknown[] }).items).toHaveLength(6);
  });

  it('gives a last page of exactly limit items no next cursor', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    await makeEvent({ title: `${tag} one`, startsIn: 5 });
    await makeEvent({ title: `${tag} two`, startsIn: 6 });
    const res = await request(app).get(`/api/public/events?q=${tag}&limit=2`);
    expect(res.body).toMatchObject({ nextCursor: null });
    expect((res.body as { items: unknown[] }).items).toHaveLength(2);
  });

  it('bounds the start time with from and to', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    await makeEvent({ title: `${tag} early`, startsIn: 10 });
    await makeEvent({ title: `${tag} middle`, startsIn: 20 });
    await makeEvent({ title: `${tag} late`, startsIn: 30 });
    const from = encodeURIComponent(at(15));
    const to = encodeURIComponent(at(25));
    expect(titlesOf(await search(app, tag, `&from=${from}&to=${to}`))).toEqual([`${tag} middle`]);
    expect(titlesOf(await search(app, tag, `&from=${from}`))).toEqual([`${tag} middle`, `${tag} late`]);
  });

  it.each([
    ['limit=0', 'limit=0'],
    ['limit=201', 'limit=201'],
    ['limit=abc', 'limit=abc'],
    ['a garbage cursor', 'cursor=garbage!!'],
    ['a cursor with a bad date', `cursor=${Buffer.from('{"k":"soon","id":"x"}').toString('base64url')}`],
    ['a q over 100 characters', `q=${'x'.repeat(101)}`],
    ['a from that is not a date', 'from=tomorrow'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_name, query) => {
    const res = await request(publicApp().app).get(`/api/public/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('GET /api/public/events/{eventIdOrSlug}', () => {
  it('returns a published event by id and by slug, with its ticket types', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    const { event, ticketTypes: types } = await makeEvent({
      title: `${tag} detail`,
      venue: 'Arena',
      description: 'Bring earplugs',
      ticketTypes: [{ name: 'GA', priceCents: 1500, capacity: 20, minPerOrder: 2, maxPerOrder: 6 }],
    });
    const byId = await request(app).get(`/api/public/events/${event.id}`);
    expect(byId.status).toBe(200);
    expect(byId.headers['content-type']).toMatch(/^application\/json/);
    expect(byId.body).toEqual({
      id: event.id,
      slug: event.slug,
      title: `${tag} detail`,
      description: 'Bring earplugs',
      venue: 'Arena',
      startsAt: at(48),
      endsAt: at(51),
      timezone: 'Europe/Paris',
      currency: 'EUR',
      status: 'published',
      organizationName: world.org.name,
      category: null,
      kind: 'in_person',
      city: null,
      organizationSlug: world.org.slug,
      ticketTypes: [
        {
          id: types[0]?.id ?? 'missing',
          name: 'GA',
          description: null,
          priceCents: 1500,
          available: 20,
          salesStartAt: null,
          salesEndAt: null,
          minPerOrder: 2,
          maxPerOrder: 6,
          saleStatus: 'on_sale',
          waitingList: true,
        },
      ],
      accessCode: null,
      waitingRoom: null,
      dates: [],
    } satisfies PublicEvent);

    const bySlug = await request(app).get(`/api/public/events/${event.slug}`);
    expect(bySlug.status).toBe(200);
    expect(bySlug.body).toEqual(byId.body);
    // Ids are case-insensitive UUIDs.
    const upper = await request(app).get(`/api/public/events/${event.id.toUpperCase()}`);
    expect(upper.status).toBe(200);
    expect((upper.body as PublicEvent).id).toBe(event.id);
  });

  it('answers 404 for a draft, by id and by slug', async () => {
    const { app } = publicApp();
    const { event } = await makeEvent({ title: `${uniqueTag()} draft`, publish: false });
    for (const key of [event.id, event.slug]) {
      const res = await request(app).get(`/api/public/events/${key}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });

  it.each([
    ['an unknown id', randomUUID()],
    ['an unknown slug', 'no-such-event-anywhere-zz'],
    ['an id that is not a uuid', 'not-a-uuid'],
    ['an uppercase slug', 'SOME-EVENT'],
  ])('answers 404 for %s', async (_name, key) => {
    const res = await request(publicApp().app).get(`/api/public/events/${key}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('gives each ticket type its live availability and sale status', async () => {
    const clock = new ManualClock(NOW);
    const { app } = publicApp(clock);
    const { event, ticketTypes: types } = await makeEvent({
      title: `${uniqueTag()} statuses`,
      startsIn: 48,
      ticketTypes: [
        { name: 'upcoming', priceCents: 100, capacity: 10, salesStartAt: at(24) },
        { name: 'ended', priceCents: 100, capacity: 10, salesStartAt: at(-48), salesEndAt: at(-1) },
        { name: 'sold out', priceCents: 100, capacity: 5 },
        { name: 'on sale', priceCents: 100, capacity: 10, salesStartAt: at(-1), salesEndAt: at(24) },
        { name: 'held out', priceCents: 100, capacity: 5 },
        { name: 'starts now', priceCents: 100, capacity: 10, salesStartAt: NOW },
        { name: 'ends now', priceCents: 100, capacity: 10, salesEndAt: NOW },
      ],
    });
    const id = (name: string) => types.find((type) => type.name === name)?.id ?? '';
    await setStock(id('sold out'), { sold: 5 });
    await setStock(id('on sale'), { sold: 3, held: 2 });
    await setStock(id('held out'), { sold: 2, held: 3 });

    const read = async () => {
      const res = await request(app).get(`/api/public/events/${event.id}`);
      expect(res.status).toBe(200);
      return Object.fromEntries(
        (res.body as PublicEvent).ticketTypes.map((type) => [
          type.name,
          { available: type.available, saleStatus: type.saleStatus },
        ]),
      );
    };

    expect(await read()).toEqual({
      upcoming: { available: 10, saleStatus: 'upcoming' },
      ended: { available: 10, saleStatus: 'ended' },
      'sold out': { available: 0, saleStatus: 'sold_out' },
      'on sale': { available: 5, saleStatus: 'on_sale' },
      'held out': { available: 0, saleStatus: 'sold_out' },
      'starts now': { available: 10, saleStatus: 'on_sale' },
      'ends now': { available: 10, saleStatus: 'ended' },
    });

    // Availability is live: a sale elsewhere shows at once.
    await setStock(id('on sale'), { sold: 8, held: 2 });
    // And time moves the windows: a day later the upcoming type opens and the 'on sale' one closes.
    clock.set(at(24));
    expect(await read()).toMatchObject({
      upcoming: { available: 10, saleStatus: 'on_sale' },
      'on sale': { available: 0, saleStatus: 'ended' },
      'starts now': { saleStatus: 'on_sale' },
    });

    // Once the event is over nothing is on sale any more.
    clock.set(at(60));
    const after = await read();
    for (const status of Object.values(after)) expect(status.saleStatus).toBe('ended');
  });

  it('shows a cancelled event by id and slug with status "cancelled", but does not list it', async () => {
    const { app } = publicApp();
    const tag = uniqueTag();
    const { event } = await makeEvent({ title: `${tag} cancelled` });
    expect(titlesOf(await search(app, tag))).toEqual([`${tag} cancelled`]);
    await cancel(event.id);

    for (const key of [event.id, event.slug]) {
      const res = await request(app).get(`/api/public/events/${key}`);
      expect(res.status).toBe(200);
      const body = res.body as PublicEvent;
      expect(body.status).toBe('cancelled');
      expect(body.id).toBe(event.id);
      expect(body.ticketTypes.map((type) => type.saleStatus)).toEqual(['ended']);
    }
    expect(await search(app, tag)).toEqual([]);
  });

  it('still shows a published event after it has ended, with sales ended', async () => {
    const { app } = publicApp();
    const { event } = await makeEvent({ title: `${uniqueTag()} past`, startsIn: -10, lastsHours: 2 });
    const res = await request(app).get(`/api/public/events/${event.slug}`);
    expect(res.status).toBe(200);
    expect((res.body as PublicEvent).ticketTypes[0]?.saleStatus).toBe('ended');
  });
});
