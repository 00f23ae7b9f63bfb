import { randomUUID } from 'node:crypto';
import type {
  CreateEventBody,
  CreateTicketTypeBody,
  PublicEventFacets,
  PublicEventSummary,
} from '@zevents/contracts';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createWorld, type World } from '../../../test/factories';
import { buildTestApp } from '../../../test/harness';
import { ManualClock } from '../../shared/clock';

/**
 * The storefront's filters. Reads go through an app whose clock reads NOW, a Tuesday; events are
 * created years ahead of the real date, so the organizer side (system clock) accepts them.
 */
const NOW = '2030-01-01T00:00:00.000Z';
const HOUR = 3_600_000;
const at = (iso: string): string => new Date(iso).toISOString();

/** A word no other test uses: the `q` that scopes each test to its own events. */
const uniqueTag = (): string => `zf${randomUUID().replaceAll('-', '').slice(0, 12)}`;

const GA: CreateTicketTypeBody = { name: 'General admission', priceCents: 2500, capacity: 100 };

const setup = buildTestApp();
const db = setup.database.db;
const publicApp = buildTestApp({ clock: new ManualClock(NOW) }).app;
let world: World;

beforeAll(async () => {
  world = await createWorld(setup.app, db);
});

interface EventOptions {
  title: string;
  startsAt?: string;
  hours?: number;
  input?: Partial<CreateEventBody>;
  ticketTypes?: CreateTicketTypeBody[];
  publish?: boolean;
}

/** A published event (by default two days after NOW, three hours long, one €25 type). */
async function makeEvent(options: EventOptions) {
  const startsAt = options.startsAt ?? '2030-01-03T18:00:00Z';
  return createEvent(db, world, {
    input: {
      title: options.title,
      startsAt: at(startsAt),
      endsAt: new Date(Date.parse(startsAt) + (options.hours ?? 3) * HOUR).toISOString(),
      ...options.input,
    },
    ticketTypes: options.ticketTypes ?? [GA],
    publish: options.publish ?? true,
  });
}

async function list(query: string): Promise<{ items: PublicEventSummary[]; nextCursor: string | null }> {
  const res = await request(publicApp).get(`/api/public/events?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: PublicEventSummary[]; nextCursor: string | null };
}

const titles = async (query: string): Promise<string[]> =>
  (await list(query)).items.map((item) => item.title);

/** A 400 problem naming the query parameter that is wrong. */
async function expectRefused(query: string, path: string): Promise<void> {
  const res = await request(publicApp).get(`/api/public/events?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  const errors = (res.body as { errors?: Array<{ path: string }> }).errors ?? [];
  expect(errors.map((error) => error.path)).toContain(path);
}

describe('GET /api/public/events filters', () => {
  it('filters by category and answers the kind, city and organizer of each event', async () => {
    const tag = uniqueTag();
    await makeEvent({ title: `${tag} gig`, input: { category: 'music', city: 'Leipzig' } });
    await makeEvent({ title: `${tag} summit`, input: { category: 'conference' } });
    await makeEvent({ title: `${tag} plain` });

    const music = await list(`q=${tag}&category=music`);
    expect(music.items).toHaveLength(1);
    expect(music.items[0]).toMatchObject({
      title: `${tag} gig`,
      category: 'music',
      kind: 'in_person',
      city: 'Leipzig',
      organizationSlug: world.org.slug,
    });
    expect(await titles(`q=${tag}&category=conference`)).toEqual([`${tag} summit`]);
    expect(await titles(`q=${tag}&category=sports`)).toEqual([]);
    expect((await list(`q=${tag}`)).items.find((item) => item.title === `${tag} plain`)).toMatchObject({
      category: null,
      city: null,
    });
  });

  it('filters by kind', async () => {
    const tag = uniqueTag();
    await makeEvent({
      title: `${tag} stream`,
      input: { kind: 'online', onlineUrl: 'https://meet.example.com/stream' },
    });
    await makeEvent({
      title: `${tag} both`,
      startsAt: '2030-01-04T10:00:00Z',
      input: { kind: 'hybrid', onlineUrl: 'https://meet.example.com/both', venue: 'Hall 1' },
    });
    await makeEvent({ title: `${tag} hall`, startsAt: '2030-01-05T10:00:00Z' });
    expect(await titles(`q=${tag}&kind=online`)).toEqual([`${tag} stream`]);
    expect(await titles(`q=${tag}&kind=hybrid`)).toEqual([`${tag} both`]);
    expect(await titles(`q=${tag}&kind=in_person`)).toEqual([`${tag} hall`]);
  });

  it('matches a location on the city or the venue, in whichever case, as part of the text', async () => {
    const tag = uniqueTag();
    const city = `Nordhafen${tag}`;
    await makeEvent({ title: `${tag} city`, input: { city, venue: 'Pier 3' } });
    await makeEvent({
      title: `${tag} venue`,
      startsAt: '2030-01-04T10:00:00Z',
      input: { venue: `Old Mill, ${city.toUpperCase()}` },
    });
    await makeEvent({ title: `${tag} elsewhere`, startsAt: '2030-01-05T10:00:00Z', input: { city: 'Oslo' } });

    expect(await titles(`q=${tag}&location=${city.toLowerCase()}`)).toEqual([`${tag} city`, `${tag} venue`]);
    expect(await titles(`q=${tag}&location=${encodeURIComponent(tag.slice(2, 10))}`)).toEqual([
      `${tag} city`,
      `${tag} venue`,
    ]);
    expect(await titles(`q=${tag}&location=pier`)).toEqual([`${tag} city`]);
    // `%` and `_` are the visitor's letters, not wildcards.
    expect(await titles(`q=${tag}&location=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await titles(`q=${tag}&location=${encodeURIComponent('_')}`)).toEqual([]);
  });

  it('takes "this weekend" as Friday 17:00 to Monday 00:00 in the visitor’s zone, by overlap', async () => {
    const tag = uniqueTag();
    // NOW is Tuesday 2030-01-01; the UTC weekend runs from Fri 04 17:00Z to Mon 07 00:00Z.
    await makeEvent({ title: `${tag} saturday`, startsAt: '2030-01-05T12:00:00Z' });
    await makeEvent({ title: `${tag} into friday night`, startsAt: '2030-01-04T15:00:00Z', hours: 3 });
    await makeEvent({ title: `${tag} friday lunch`, startsAt: '2030-01-04T12:00:00Z', hours: 2 });
    await makeEvent({ title: `${tag} monday`, startsAt: '2030-01-07T00:00:00Z' });
    await makeEvent({ title: `${tag} tuesday`, startsAt: '2030-01-01T08:00:00Z' });

    expect(await titles(`q=${tag}&when=this-weekend`)).toEqual([
      `${tag} into friday night`,
      `${tag} saturday`,
    ]);
    // In Auckland (UTC+13 in January) the weekend starts at Fri 04:00Z and ends at Sun 11:00Z.
    expect(await titles(`q=${tag}&when=this-weekend&tz=Pacific/Auckland`)).toEqual([
      `${tag} friday lunch`,
      `${tag} into friday night`,
      `${tag} saturday`,
    ]);
    expect(await titles(`q=${tag}&when=today`)).toEqual([`${tag} tuesday`]);
    // Zones as browsers still name them (aliases) are understood too.
    expect(await titles(`q=${tag}&when=today&tz=Etc/UTC`)).toEqual([`${tag} tuesday`]);
    expect(await titles(`q=${tag}&when=today&tz=Asia/Calcutta`)).toEqual([`${tag} tuesday`]);
    expect(await titles(`q=${tag}&when=tomorrow`)).toEqual([]);
    // The week ends on Monday 00:00: the Monday event is next week's.
    expect(await titles(`q=${tag}&when=this-week`)).toEqual([
      `${tag} tuesday`,
      `${tag} friday lunch`,
      `${tag} into friday night`,
      `${tag} saturday`,
    ]);
  });

  it('filters prices within one currency, by the public types on sale', async () => {
    const tag = uniqueTag();
    await makeEvent({
      title: `${tag} euro`,
      ticketTypes: [
        { name: 'Cheap', priceCents: 1000, capacity: 10 },
        { name: 'Dear', priceCents: 5000, capacity: 10 },
        { name: 'Sponsors', priceCents: 3000, capacity: 10, visibility: 'hidden', accessCode: 'SPONSOR' },
      ],
    });
    await makeEvent({
      title: `${tag} dollar`,
      startsAt: '2030-01-04T10:00:00Z',
      input: { currency: 'USD' },
      ticketTypes: [{ name: 'GA', priceCents: 3000, capacity: 10 }],
    });
    await makeEvent({
      title: `${tag} sale over`,
      startsAt: '2030-01-05T10:00:00Z',
      ticketTypes: [
        { name: 'Gone', priceCents: 3000, capacity: 10, salesEndAt: '2029-12-31T00:00:00Z' },
        { name: 'Later', priceCents: 9000, capacity: 10 },
      ],
    });

    expect(await titles(`q=${tag}&currency=EUR&minPrice=2000&maxPrice=6000`)).toEqual([`${tag} euro`]);
    expect(await titles(`q=${tag}&currency=USD&minPrice=2000&maxPrice=6000`)).toEqual([`${tag} dollar`]);
    // The hidden €30 type and the €30 type whose sale ended do not count.
    expect(await titles(`q=${tag}&currency=EUR&minPrice=2500&maxPrice=3500`)).toEqual([]);
    expect(await titles(`q=${tag}&currency=EUR&minPrice=5000`)).toEqual([`${tag} euro`, `${tag} sale over`]);
    expect(await titles(`q=${tag}&currency=EUR&maxPrice=1000`)).toEqual([`${tag} euro`]);
    // A currency alone lists the events that sell in it.
    expect(await titles(`q=${tag}&currency=USD`)).toEqual([`${tag} dollar`]);
  });

  it('combines every filter with AND and pages through the matches with the cursor', async () => {
    const tag = uniqueTag();
    const city = `Kleinstadt${tag}`;
    const expected: string[] = [];
    for (let day = 0; day < 7; day++) {
      const isMatch = day % 3 !== 1;
      const title = `${tag} day ${day}`;
      await makeEvent({
        title,
        startsAt: `2030-02-${String(day + 10).padStart(2, '0')}T19:00:00Z`,
        input: { category: isMatch ? 'workshop' : 'food', city },
      });
      if (isMatch) expected.push(title);
    }
    await makeEvent({
      title: `${tag} other city`,
      startsAt: '2030-02-12T20:00:00Z',
      input: { category: 'workshop', city: 'Bern' },
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(
        `q=${tag}&category=workshop&location=${city}&currency=EUR&minPrice=0&limit=2` +
          (cursor ? `&cursor=${cursor}` : ''),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it.each([
    ['an unknown category', 'category=jazz', 'category'],
    ['an unknown kind', 'kind=virtual', 'kind'],
    ['a location past 100 characters', `location=${'x'.repeat(101)}`, 'location'],
    ['an unknown "when"', 'when=someday', 'when'],
    ['an unknown time zone', 'when=today&tz=Mars/Olympus_Mons', 'tz'],
    ['an empty time zone', 'when=today&tz=', 'tz'],
    ['a price without its currency', 'minPrice=1000', 'currency'],
    ['a max price without its currency', 'maxPrice=1000', 'currency'],
    ['a lower-case currency', 'currency=eur&minPrice=1', 'currency'],
    ['an unknown currency', 'currency=XYZ', 'currency'],
    ['a negative price', 'currency=EUR&minPrice=-1', 'minPrice'],
    ['a price that is not a number', 'currency=EUR&maxPrice=cheap', 'maxPrice'],
    ['a fractional price', 'currency=EUR&maxPrice=9.5', 'maxPrice'],
    ['a range upside down', 'currency=EUR&minPrice=500&maxPrice=100', 'maxPrice'],
  ])('refuses %s with a problem naming the field', async (_label, query, path) => {
    await expectRefused(query, path);
  });

  it('never shows the join link of an online event, in the list or on its page', async () => {
    const tag = uniqueTag();
    const link = `https://meet.example.com/${tag}`;
    const { event } = await makeEvent({ title: `${tag} stream`, input: { kind: 'online', onlineUrl: link } });
    const listed = await request(publicApp).get(`/api/public/events?q=${tag}`);
    expect(listed.status).toBe(200);
    expect(listed.text).toContain(`${tag} stream`);
    expect(listed.text).not.toContain(link);
    const page = await request(publicApp).get(`/api/public/events/${event.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ kind: 'online', organizationSlug: world.org.slug });
    expect(page.text).not.toContain(link);
    expect(page.body).not.toHaveProperty('onlineUrl');
  });
});

describe('GET /api/public/event-facets', () => {
  it('counts categories and cities of upcoming published events, and lists their currencies', async () => {
    const tag = uniqueTag();
    const city = `Facetburg${tag}`;
    await makeEvent({ title: `${tag} a`, input: { category: 'festival', city, currency: 'CHF' } });
    await makeEvent({ title: `${tag} b`, input: { category: 'festival', city: city.toLowerCase() } });
    await makeEvent({ title: `${tag} draft`, input: { category: 'festival', city }, publish: false });
    await makeEvent({
      title: `${tag} over`,
      startsAt: '2029-12-30T10:00:00Z',
      input: { category: 'festival', city },
    });

    const res = await request(publicApp).get('/api/public/event-facets');
    expect(res.status).toBe(200);
    const facets = res.body as PublicEventFacets;
    // Both spellings are one city; the draft and the ended event are not counted.
    const found = facets.cities.filter((entry) => entry.city.toLowerCase() === city.toLowerCase());
    expect(found).toHaveLength(1);
    expect(found[0]?.count).toBe(2);
    expect(facets.currencies).toEqual(expect.arrayContaining(['CHF', 'EUR']));
    expect([...facets.currencies].sort()).toEqual(facets.currencies);
    const festival = facets.categories.find((entry) => entry.category === 'festival');
    expect(festival?.count).toBeGreaterThanOrEqual(2);
  });
});
