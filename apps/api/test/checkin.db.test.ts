import type { AddressInfo } from 'node:net';
import { Problem } from '@zevents/contracts';
import { inject } from 'vitest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../src/http/errors';
import { createDatabase } from '../src/db/client';
import { createCheckinService } from '../src/modules/checkin/checkin.service';
import { createTicketSigner } from '../src/modules/tickets/ticket-qr';
import { systemClock } from '../src/shared/clock';
import { actorFor, createEvent, createWorld, sessionAuth, type World } from './factories';
import { buildTestApp, TEST_SECRET, type TestApp } from './harness';
import { buyTickets, checkIn, expectProblem, refundOrder } from './insight-helpers';

async function doorSetup(t: TestApp, world?: World) {
  const w = world ?? (await createWorld(t.app, t.database.db));
  const { event, ticketTypes } = await createEvent(t.database.db, w, {
    ticketTypes: [{ name: 'GA', priceCents: 2_000, capacity: 50 }],
    publish: true,
  });
  const typeId = ticketTypes[0]?.id ?? '';
  const order = await buyTickets(w.anonymous, event.id, [[typeId, 3]], {
    name: 'Grace Hopper',
    email: 'grace@example.test',
  });
  return { world: w, event, typeId, order };
}

async function checkInLog(t: TestApp, ticketId: string) {
  const { rows } = await t.database.pool.query<{
    action: string;
    user_id: string | null;
    api_key_id: string | null;
    device: string | null;
    location: string | null;
  }>(
    'SELECT action, user_id, api_key_id, device, location FROM check_ins WHERE ticket_id = $1 ORDER BY created_at, id',
    [ticketId],
  );
  return rows;
}

/** Flips one base64url character of the signature (still well-formed, no longer signed). */
function tamper(qr: string): string {
  const last = qr.at(-2) === 'A' ? 'B' : 'A';
  return `${qr.slice(0, -2)}${last}${qr.slice(-1)}`;
}

describe('POST /api/events/{eventId}/check-ins', () => {
  it('lets staff check in by QR and view, but not refund; an owner can undo (staff undo: checkin-undo.db.test.ts)', async () => {
    const t = buildTestApp();
    const { world, event, order } = await doorSetup(t);
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');

    const res = await checkIn(world.staff, event.id, ticket.qr, {
      device: 'scanner-1',
      location: 'North door',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      attendeeName: 'Grace Hopper',
      ticketTypeName: 'GA',
      ticket: { id: ticket.id, code: ticket.code, status: 'checked_in', qr: ticket.qr },
    });
    expect(Date.parse(res.body.checkedInAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.body.ticket.checkedInAt).toBe(res.body.checkedInAt);

    expect((await world.staff.get(`/api/events/${event.id}/attendees`)).status).toBe(200);
    expect((await world.staff.get(`/api/events/${event.id}/orders`)).status).toBe(200);
    expect((await world.staff.get(`/api/events/${event.id}/stats`)).status).toBe(200);
    expectProblem(await world.staff.post(`/api/orders/${order.id}/refund`, {}), 403, 'FORBIDDEN');

    const again = await checkIn(world.staff, event.id, ticket.qr);
    expectProblem(again, 409, 'ALREADY_CHECKED_IN');
    expect(again.body.checkedInAt).toBe(res.body.checkedInAt);
    expect(again.body.attendeeName).toBe('Grace Hopper');
    // Every member of the answer is described by the OpenAPI Problem schema.
    expect(() => Problem.strict().parse(again.body)).not.toThrow();

    const undo = await world.owner.delete(
      `/api/events/${event.id}/check-ins/${ticket.id}?device=laptop&location=Box%20office`,
    );
    expect(undo.status, JSON.stringify(undo.body)).toBe(204);
    expectProblem(
      await world.admin.delete(`/api/events/${event.id}/check-ins/${ticket.id}`),
      409,
      'NOT_CHECKED_IN',
    );
    const view = await world.owner.get(`/api/orders/${order.id}`);
    expect(view.body.tickets.find((x: { id: string }) => x.id === ticket.id)).toMatchObject({
      status: 'valid',
      checkedInAt: null,
    });

    const readmitted = await checkIn(world.admin, event.id, ticket.qr);
    expect(readmitted.status, JSON.stringify(readmitted.body)).toBe(200);

    const staffId = world.staff.user?.id;
    expect(await checkInLog(t, ticket.id)).toEqual([
      { action: 'check_in', user_id: staffId, api_key_id: null, device: 'scanner-1', location: 'North door' },
      {
        action: 'undo',
        user_id: world.owner.user?.id,
        api_key_id: null,
        device: 'laptop',
        location: 'Box office',
      },
      { action: 'check_in', user_id: world.admin.user?.id, api_key_id: null, device: null, location: null },
    ]);
  });

  it('checks in by a short code typed by hand (lower case, no dash) and records an API key as the actor', async () => {
    const t = buildTestApp();
    const { world, event, order } = await doorSetup(t);
    const ticket = order.tickets[1];
    if (!ticket) throw new Error('no ticket');
    const created = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'door' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const typed = ticket.code.replace('-', '').toLowerCase();
    const res = await world.anonymous
      .post(`/api/events/${event.id}/check-ins`, { code: ` ${typed} `, device: 'tablet' })
      .set('Authorization', `Bearer ${created.body.key}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ticket.id).toBe(ticket.id);
    expect(await checkInLog(t, ticket.id)).toEqual([
      { action: 'check_in', user_id: null, api_key_id: created.body.id, device: 'tablet', location: null },
    ]);
    expectProblem(await checkIn(world.staff, event.id, 'ZZZZ-ZZZZ'), 404, 'TICKET_NOT_FOUND');
    expectProblem(await checkIn(world.staff, event.id, 'hello'), 404, 'TICKET_NOT_FOUND');
  });

  it('refuses forged and altered QR codes, tickets of another event, and refunded tickets', async () => {
    const t = buildTestApp();
    const { world, event, typeId, order } = await doorSetup(t);
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');

    expectProblem(await checkIn(world.staff, event.id, tamper(ticket.qr)), 404, 'TICKET_NOT_FOUND');
    const otherSigner = createTicketSigner('another-secret-another-secret-another-secret');
    const forged = otherSigner.sign({ ticketId: ticket.id, eventId: event.id });
    expectProblem(await checkIn(world.staff, event.id, forged), 404, 'TICKET_NOT_FOUND');
    expectProblem(await checkIn(world.staff, event.id, 'ZE1.garbage'), 404, 'TICKET_NOT_FOUND');

    const other = await createEvent(t.database.db, world, {
      ticketTypes: [{ name: 'Other', priceCents: 500, capacity: 5 }],
      publish: true,
    });
    const otherOrder = await buyTickets(world.anonymous, other.event.id, [
      [other.ticketTypes[0]?.id ?? '', 1],
    ]);
    expectProblem(await checkIn(world.staff, event.id, otherOrder.tickets[0]?.qr ?? ''), 422, 'WRONG_EVENT');
    // Its short code does not exist in this event.
    expectProblem(
      await checkIn(world.staff, event.id, otherOrder.tickets[0]?.code ?? ''),
      404,
      'TICKET_NOT_FOUND',
    );

    await refundOrder(world.owner, order.id);
    const voided = await checkIn(world.staff, event.id, ticket.qr);
    expectProblem(voided, 410, 'TICKET_VOID');
    expectProblem(await checkIn(world.staff, event.id, order.tickets[2]?.code ?? ''), 410, 'TICKET_VOID');
    expectProblem(
      await world.owner.delete(`/api/events/${event.id}/check-ins/${ticket.id}`),
      410,
      'TICKET_VOID',
    );
    expect(await checkInLog(t, ticket.id)).toEqual([]);
    expect(typeId).toBeTruthy();
  });

  it('answers outsiders 404 and anonymous callers 401, with nothing changed', async () => {
    const t = buildTestApp();
    const { world, event, order } = await doorSetup(t);
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    expectProblem(await checkIn(world.outsider, event.id, ticket.qr), 404, 'NOT_FOUND');
    expectProblem(await checkIn(world.outsider, event.id, ticket.code), 404, 'NOT_FOUND');
    expectProblem(
      await world.outsider.delete(`/api/events/${event.id}/check-ins/${ticket.id}`),
      404,
      'NOT_FOUND',
    );
    for (const path of ['attendees', 'attendees.csv', 'orders', 'orders.csv'])
      expectProblem(await world.outsider.get(`/api/events/${event.id}/${path}`), 404, 'NOT_FOUND');
    expectProblem(await checkIn(world.anonymous, event.id, ticket.qr), 401, 'UNAUTHENTICATED');
    expectProblem(await world.anonymous.get(`/api/events/${event.id}/attendees`), 401, 'UNAUTHENTICATED');
    // A QR of the outsider's own event does not open this one either.
    expectProblem(await checkIn(world.outsider, event.id, tamper(ticket.qr)), 404, 'TICKET_NOT_FOUND');
    const unknownTicket = '00000000-0000-4000-8000-000000000000';
    expectProblem(
      await world.owner.delete(`/api/events/${event.id}/check-ins/${unknownTicket}`),
      404,
      'TICKET_NOT_FOUND',
    );
    expectProblem(
      await world.owner.delete(`/api/events/${event.id}/check-ins/nope`),
      404,
      'TICKET_NOT_FOUND',
    );
    expectProblem(await world.staff.post(`/api/events/${event.id}/check-ins`, {}), 400, 'VALIDATION_FAILED');
    expectProblem(
      await world.staff.post(`/api/events/${event.id}/check-ins`, { code: 'x', extra: 1 }),
      400,
      'VALIDATION_FAILED',
    );
    const { rows } = await t.database.pool.query<{ status: string }>(
      'SELECT status FROM tickets WHERE id = $1',
      [ticket.id],
    );
    expect(rows[0]?.status).toBe('valid');
  });
});

describe('a forged QR costs no database read', () => {
  it('is rejected by the service with a database that is not even reachable', async () => {
    const unreachable = createDatabase('postgres://nobody@127.0.0.1:1/nowhere', 1);
    afterAll(() => unreachable.close());
    const signer = createTicketSigner(TEST_SECRET);
    const service = createCheckinService({ db: unreachable.db, clock: systemClock, signer });
    const auth = sessionAuth('00000000-0000-4000-8000-000000000001');
    const eventId = '00000000-0000-4000-8000-000000000002';
    const genuine = signer.sign({ ticketId: '00000000-0000-4000-8000-000000000003', eventId });

    for (const code of [
      tamper(genuine),
      createTicketSigner('x'.repeat(40)).sign({ ticketId: eventId, eventId }),
      'ZE1.',
    ]) {
      const error = await service.checkIn(auth, eventId, { code }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('TICKET_NOT_FOUND');
    }
    // The genuine code does go to the database, which is how we know the forged ones never did.
    const reached = await service.checkIn(auth, eventId, { code: genuine }).catch((e: unknown) => e);
    expect(reached).not.toBeInstanceOf(AppError);
  });

  it('runs no query beyond authenticating the caller', async () => {
    const database = createDatabase(inject('databaseUrl'), 2);
    afterAll(() => database.close());
    const t = buildTestApp({ database });
    const { world, event, order } = await doorSetup(t);
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    const spy = vi.spyOn(database.pool, 'query');
    const queriesFor = async (send: () => PromiseLike<unknown>) => {
      spy.mockClear();
      await send();
      return spy.mock.calls.length;
    };
    // A request refused by validation runs only the authentication queries.
    const baseline = await queriesFor(() => world.staff.post(`/api/events/${event.id}/check-ins`, {}));
    const forged = await queriesFor(() => checkIn(world.staff, event.id, tamper(ticket.qr)));
    const genuine = await queriesFor(() => checkIn(world.staff, event.id, ticket.qr));
    spy.mockRestore();
    expect(baseline).toBeGreaterThan(0);
    expect(forged).toBe(baseline);
    expect(genuine).toBeGreaterThan(baseline);
  });
});

describe('two scanners, one ticket', () => {
  it('gives exactly one 200 among 20 simultaneous scans; the others get the first time', async () => {
    const database = createDatabase(inject('databaseUrl'), 24);
    afterAll(() => database.close());
    const t = buildTestApp({ database });
    const { world, event, order } = await doorSetup(t);
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    const scanner = await actorFor(t.app, database.db, world.staff.user ?? { id: '', email: '', name: '' });
    const server = t.app.listen(0, '127.0.0.1');
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`http://127.0.0.1:${port}/api/events/${event.id}/check-ins`, {
          method: 'POST',
          headers: { ...scanner.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ code: i % 2 === 0 ? ticket.qr : ticket.code, device: `scanner-${i}` }),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> })),
      ),
    );
    const admitted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(admitted, JSON.stringify(answers.filter((a) => a.status !== 409))).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const answer of refused) {
      expect(answer.body.code).toBe('ALREADY_CHECKED_IN');
      expect(answer.body.checkedInAt).toBe(admitted[0]?.body.checkedInAt);
    }
    expect(await checkInLog(t, ticket.id)).toHaveLength(1);
  });
});
