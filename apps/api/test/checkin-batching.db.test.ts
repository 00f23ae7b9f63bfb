import { beforeAll, describe, expect, it } from 'vitest';
import { type DoorActor, type DoorScan, markCheckedInBatch } from '../src/modules/checkin/checkin.repository';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';
import { buyTickets, checkIn, expectProblem, type PaidOrder } from './insight-helpers';

/**
 * Door scans that arrive together share one statement and one commit (the door's rate is the commit
 * rate). Each scan still gets its own answer, a ticket changes once however many scans of it share a
 * batch, and a code that no longer belongs to the ticket (a transfer) is refused in the batch too.
 */

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
});

const door: DoorActor = { userId: null, apiKeyId: null, device: 'Gate 1', location: 'North' };

async function paidTickets(count: number): Promise<{ eventId: string; order: PaidOrder }> {
  const { event, ticketTypes } = await createEvent(t.database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 0, capacity: 200, maxPerOrder: 100 }],
    publish: true,
    input: { maxTicketsPerBuyer: 100 },
  });
  const order = await buyTickets(world.anonymous, event.id, [[ticketTypes[0]?.id ?? '', count]]);
  return { eventId: event.id, order };
}

async function checkInLog(eventId: string) {
  const { rows } = await t.database.pool.query<{ ticket_id: string; device: string | null }>(
    `SELECT ticket_id, device FROM check_ins WHERE event_id = $1 AND action = 'check_in'`,
    [eventId],
  );
  return rows;
}

describe('check-ins in batches', () => {
  it('answers each scan of one statement on its own, changing each ticket once', async () => {
    const { eventId, order } = await paidTickets(4);
    const [a, b, c, d] = order.tickets;
    if (!a || !b || !c || !d) throw new Error('four tickets expected');
    const other = await paidTickets(1);
    const now = new Date();
    const scan = (locator: DoorScan['locator'], forEvent = eventId): DoorScan => ({
      eventId: forEvent,
      locator,
      actor: door,
      now,
    });
    const client = await t.database.pool.connect();
    try {
      const rows = await markCheckedInBatch(client, [
        scan({ ticketId: a.id }), // a QR from before codes were signed: the ticket never moved
        scan({ code: b.code }), // a typed code
        scan({ code: a.code }), // a again, typed, in the same batch: already taken by the first scan
        scan({ ticketId: c.id, code: 'ZZZZ-ZZZZ' }), // a QR whose code is no longer the ticket's
        scan({ code: 'NOPE-NOPE' }), // no such ticket
        scan({ code: d.code }, other.eventId), // a ticket of another event
        scan({ ticketId: d.id, code: d.code }), // a current QR
      ]);
      expect(rows.map((row) => row?.id)).toEqual([
        a.id,
        b.id,
        undefined,
        undefined,
        undefined,
        undefined,
        d.id,
      ]);
      expect(rows[1]).toMatchObject({
        status: 'checked_in',
        ticketTypeName: 'GA',
        attendeeName: expect.any(String),
      });
    } finally {
      client.release();
    }
    const log = await checkInLog(eventId);
    expect(log.map((row) => row.ticket_id).sort()).toEqual([a.id, b.id, d.id].sort());
    expect(log.every((row) => row.device === 'Gate 1')).toBe(true);
    expect(await checkInLog(other.eventId)).toEqual([]);
  });

  it('scanners racing over the same tickets: exactly one admission per ticket, the rest 409', async () => {
    const { eventId, order } = await paidTickets(30);
    // Every ticket scanned twice at once, once by QR and once by its typed code.
    const scans = order.tickets.flatMap((ticket) => [ticket.qr, ticket.code]);
    const answers = await Promise.all(scans.map((code) => checkIn(world.staff, eventId, code)));
    const admitted = answers.filter((res) => res.status === 200);
    expect(admitted).toHaveLength(30);
    for (const res of answers.filter((r) => r.status !== 200)) expectProblem(res, 409, 'ALREADY_CHECKED_IN');
    expect(new Set(admitted.map((res) => res.body.ticket.id as string)).size).toBe(30);
    expect(await checkInLog(eventId)).toHaveLength(30);
  });

  it('refuses the old code of a transferred ticket, and lets its new one in', async () => {
    const { eventId, order } = await paidTickets(2);
    const [moved] = order.tickets;
    if (!moved) throw new Error('no ticket');
    const transfer = await world.owner.post(`/api/tickets/${moved.id}/transfer`, {
      name: 'New Holder',
      email: 'new-holder-batch@example.test',
    });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
    const [oldQr, oldCode, fresh] = await Promise.all([
      checkIn(world.staff, eventId, moved.qr),
      checkIn(world.staff, eventId, moved.code),
      checkIn(world.staff, eventId, transfer.body.ticket.qr as string),
    ]);
    expectProblem(oldQr, 404, 'TICKET_NOT_FOUND');
    expectProblem(oldCode, 404, 'TICKET_NOT_FOUND');
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
  });
});
