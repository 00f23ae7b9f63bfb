import { randomUUID } from 'node:crypto';
import type { Event, Order } from '@zevents/contracts';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyOk, expectProblem, orderBody, reserveOk } from '../../../test/checkout-helpers';
import { createEvent, createWorld, eventInput, type World } from '../../../test/factories';
import { buildTestApp } from '../../../test/harness';

/** Categories, online events and their join link: organizer fields, the publish rule, who sees the link. */
const t = buildTestApp();
const db = t.database.db;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, db);
});

const link = (): string => `https://meet.example.com/${randomUUID()}`;

async function createDraft(body: Record<string, unknown>): Promise<Event> {
  const res = await world.owner.post(`/api/organizations/${world.org.id}/events`, {
    ...eventInput(),
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Event;
}

async function addTicketType(eventId: string): Promise<void> {
  const res = await world.owner.post(`/api/events/${eventId}/ticket-types`, {
    name: 'GA',
    priceCents: 1500,
    capacity: 50,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

describe('organizer fields of discovery', () => {
  it('creates an event with its category, kind, link, city and language, and defaults the rest', async () => {
    const url = link();
    const event = await createDraft({
      category: 'workshop',
      kind: 'hybrid',
      onlineUrl: url,
      city: '  Lyon  ',
      language: 'fr',
    });
    expect(event).toMatchObject({
      category: 'workshop',
      kind: 'hybrid',
      onlineUrl: url,
      city: 'Lyon',
      language: 'fr',
    });
    const plain = await createDraft({});
    expect(plain).toMatchObject({
      category: null,
      kind: 'in_person',
      onlineUrl: null,
      city: null,
      language: 'en',
    });
    const read = await world.owner.get(`/api/events/${event.id}`);
    expect(read.body).toMatchObject({ kind: 'hybrid', onlineUrl: url, language: 'fr' });
  });

  it('edits them, and an emptied city is no city', async () => {
    const event = await createDraft({ city: 'Basel' });
    const res = await world.owner.patch(`/api/events/${event.id}`, {
      category: 'arts',
      kind: 'online',
      venue: null,
      city: '',
      language: 'de',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ category: 'arts', kind: 'online', city: null, language: 'de' });
    const cleared = await world.owner.patch(`/api/events/${event.id}`, { category: null });
    expect(cleared.body).toMatchObject({ category: null, kind: 'online' });
  });

  it.each([
    ['an unknown category', { category: 'jazz' }, 'category'],
    ['an unknown kind', { kind: 'virtual' }, 'kind'],
    ['an unknown language', { language: 'it' }, 'language'],
    ['a link that is not a web address', { onlineUrl: 'javascript:alert(1)' }, 'onlineUrl'],
    ['a link of another protocol', { onlineUrl: 'ftp://files.example.com/x' }, 'onlineUrl'],
    ['a link past 500 characters', { onlineUrl: `https://example.com/${'a'.repeat(490)}` }, 'onlineUrl'],
    ['a city past 100 characters', { city: 'x'.repeat(101) }, 'city'],
    ['a city of the wrong type', { city: 42 }, 'city'],
  ])('refuses %s with a field error', async (_label, body, path) => {
    const res = await world.owner.post(`/api/organizations/${world.org.id}/events`, {
      ...eventInput(),
      ...body,
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect((res.body as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toContain(
      path,
    );
  });

  it('saves an online draft without its link, but publishes it only with one', async () => {
    const event = await createDraft({ kind: 'online', venue: null });
    await addTicketType(event.id);
    const refused = await world.owner.post(`/api/events/${event.id}/publish`);
    expectProblem(refused, 422, 'ONLINE_URL_REQUIRED');
    expect(refused.body).toMatchObject({ errors: [{ path: 'onlineUrl' }] });
    expect((await world.owner.get(`/api/events/${event.id}`)).body).toMatchObject({ status: 'draft' });

    const url = link();
    await world.owner.patch(`/api/events/${event.id}`, { onlineUrl: url });
    const published = await world.owner.post(`/api/events/${event.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    // An online event needs no venue.
    expect(published.body).toMatchObject({
      status: 'published',
      kind: 'online',
      venue: null,
      onlineUrl: url,
    });

    // Once on sale, the link stays: neither removed nor left out by turning the event online.
    expectProblem(
      await world.owner.patch(`/api/events/${event.id}`, { onlineUrl: null }),
      422,
      'ONLINE_URL_REQUIRED',
    );
    const inPerson = await world.owner.patch(`/api/events/${event.id}`, {
      kind: 'in_person',
      onlineUrl: null,
    });
    expect(inPerson.status, JSON.stringify(inPerson.body)).toBe(200);
    expectProblem(
      await world.owner.patch(`/api/events/${event.id}`, { kind: 'hybrid' }),
      422,
      'ONLINE_URL_REQUIRED',
    );
  });

  it('keeps another organization out: foreign and unknown events are 404', async () => {
    const event = await createDraft({ kind: 'online' });
    expectProblem(
      await world.outsider.patch(`/api/events/${event.id}`, { onlineUrl: link() }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await world.owner.patch(`/api/events/${randomUUID()}`, { city: 'Nowhere' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('the join link of an order', () => {
  it('is on a paid order of an online event only, never on a hold, and never on the public page', async () => {
    const url = link();
    const { event, ticketTypes } = await createEvent(db, world, {
      input: { kind: 'online', onlineUrl: url, venue: null },
      ticketTypes: [{ name: 'Stream', priceCents: 900, capacity: 20 }],
      publish: true,
    });
    const type = ticketTypes[0];
    if (!type) throw new Error('no ticket type');
    const buyerActor = world.anonymous;

    const held = await reserveOk(buyerActor, orderBody(event, [[type, 1]]));
    expect(held.status).toBe('reserved');
    expect(held).not.toHaveProperty('onlineUrl');
    const heldRead = await request(t.app).get(`/api/orders/${held.id}?token=${held.accessToken ?? ''}`);
    expect(heldRead.status).toBe(200);
    expect(heldRead.text).not.toContain(url);

    const cancelled = await buyerActor.post(`/api/orders/${held.id}/cancel?token=${held.accessToken ?? ''}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.text).not.toContain(url);

    const paid = await buyOk(buyerActor, orderBody(event, [[type, 1]]));
    expect(paid).toMatchObject({ status: 'paid', eventKind: 'online', onlineUrl: url });
    const paidRead = await request(t.app).get(`/api/orders/${paid.id}?token=${paid.accessToken ?? ''}`);
    expect(paidRead.body as Order).toMatchObject({ eventKind: 'online', onlineUrl: url });
    // Without the token the order is nobody's: 404, no link.
    const stranger = await request(t.app).get(`/api/orders/${paid.id}`);
    expect(stranger.status).toBe(404);
    expect(stranger.text).not.toContain(url);

    // Fully refunded, the buyer holds no ticket now.
    const refund = await world.owner.post(`/api/orders/${paid.id}/refund`, {});
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body).toMatchObject({ status: 'refunded' });
    expect(refund.text).not.toContain(url);

    const publicPage = await request(t.app).get(`/api/public/events/${event.id}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).not.toContain(url);
  });

  it('is not on a paid order of an in-person event', async () => {
    const { event, ticketTypes } = await createEvent(db, world, {
      ticketTypes: [{ name: 'Seat', priceCents: 900, capacity: 20 }],
      publish: true,
    });
    const type = ticketTypes[0];
    if (!type) throw new Error('no ticket type');
    const paid = await buyOk(world.anonymous, orderBody(event, [[type, 1]]));
    expect(paid).not.toHaveProperty('onlineUrl');
    expect(paid).not.toHaveProperty('eventKind');
  });
});
