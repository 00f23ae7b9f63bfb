import type { AddressInfo } from 'node:net';
import { createZEventsClient, type Schemas, type ZEventsClient } from '@zevents/client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp } from './harness';
import { buyTickets, type PaidOrder } from './insight-helpers';

/**
 * packages/client against the real API over HTTP, as an integration would use it: an organization
 * API key, the generated types, openapi-fetch's `{ data, error }` answers.
 */

const t = buildTestApp();
const server = t.app.listen(0, '127.0.0.1');
let baseUrl = '';

beforeAll(async () => {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A key made the way an organizer makes one: POST /api/organizations/{orgId}/api-keys. */
async function createApiKey(world: World, scopes: string[]): Promise<string> {
  const res = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, {
    name: 'client integration',
    scopes,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { key: string }).key;
}

async function paidOrderSetup() {
  const world = await createWorld(t.app, t.database.db);
  const { event, ticketTypes } = await createEvent(t.database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 2_500, capacity: 20 }],
    publish: true,
  });
  const typeId = ticketTypes[0]?.id ?? '';
  const order: PaidOrder = await buyTickets(world.anonymous, event.id, [[typeId, 2]], {
    name: 'Ada Lovelace',
    email: 'ada@example.test',
  });
  return { world, event, order };
}

describe('@zevents/client with an organization API key', () => {
  it("lists the organization's events, reads an order and checks a ticket in", async () => {
    const { world, event, order } = await paidOrderSetup();
    const sentAuthorization: Array<string | null> = [];
    const client: ZEventsClient = createZEventsClient({
      baseUrl,
      apiKey: await createApiKey(world, ['read', 'check-in']),
      fetch: (request) => {
        sentAuthorization.push(request.headers.get('authorization'));
        return fetch(request);
      },
    });

    const events = await client.GET('/api/organizations/{orgId}/events', {
      params: { path: { orgId: world.org.id }, query: { sort: 'startsAt' } },
    });
    expect(events.error).toBeUndefined();
    expectTypeOf(events.data?.items).toEqualTypeOf<Schemas['Event'][] | undefined>();
    expect(
      events.data?.items.map((item) => ({ id: item.id, title: item.title, status: item.status })),
    ).toEqual([{ id: event.id, title: event.title, status: 'published' }]);
    expect(sentAuthorization[0]).toMatch(/^Bearer zev_/);

    const read = await client.GET('/api/orders/{orderId}', { params: { path: { orderId: order.id } } });
    expect(read.error).toBeUndefined();
    const readOrder = read.data;
    expectTypeOf(readOrder).toEqualTypeOf<Schemas['Order'] | undefined>();
    expect(readOrder).toMatchObject({
      id: order.id,
      eventId: event.id,
      status: 'paid',
      buyer: { name: 'Ada Lovelace', email: 'ada@example.test' },
      totalCents: 5_000,
      currency: 'EUR',
    });
    expect(readOrder?.tickets).toHaveLength(2);

    const ticket = order.tickets[0];
    if (!ticket) throw new Error('the paid order has no ticket');
    const scan = await client.POST('/api/events/{eventId}/check-ins', {
      params: { path: { eventId: event.id } },
      body: { code: ticket.qr, device: 'client-test', location: 'Main door' },
    });
    expect(scan.error).toBeUndefined();
    expect(scan.response.status).toBe(200);
    expectTypeOf(scan.data).toEqualTypeOf<Schemas['CheckInResult'] | undefined>();
    expect(scan.data).toMatchObject({
      attendeeName: 'Ada Lovelace',
      ticketTypeName: 'GA',
      ticket: { id: ticket.id, status: 'checked_in' },
    });
    expect(scan.data?.ticket.checkedInAt).toBe(scan.data?.checkedInAt);

    // A refusal is a typed problem document, not an exception.
    const again = await client.POST('/api/events/{eventId}/check-ins', {
      params: { path: { eventId: event.id } },
      body: { code: ticket.code },
    });
    expect(again.data).toBeUndefined();
    expectTypeOf(again.error).toEqualTypeOf<Schemas['Problem'] | undefined>();
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ status: 409, code: 'ALREADY_CHECKED_IN' });
    expect(again.error?.checkedInAt).toBe(scan.data?.checkedInAt);
    expect(new Set(sentAuthorization).size).toBe(1);
  });

  it('answers 401 without a key and 404 for another organization, as problems', async () => {
    const { world, order } = await paidOrderSetup();
    const other = await paidOrderSetup();

    const withoutKey = createZEventsClient({ baseUrl });
    const anonymous = await withoutKey.GET('/api/organizations/{orgId}/events', {
      params: { path: { orgId: world.org.id } },
    });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error?.code).toBe('UNAUTHENTICATED');

    const foreign = createZEventsClient({ baseUrl, apiKey: await createApiKey(other.world, ['read']) });
    const read = await foreign.GET('/api/orders/{orderId}', { params: { path: { orderId: order.id } } });
    expect(read.response.status).toBe(404);
    expect(read.error?.status).toBe(404);
    expect(read.data).toBeUndefined();
  });

  it('refuses an empty API key at once (an unset environment variable) rather than sending no key', () => {
    expect(() => createZEventsClient({ baseUrl, apiKey: '' })).toThrow(/apiKey is an empty string/);
  });
});
