import { randomUUID } from 'node:crypto';
import type { EmailLogEntry, TimelineEntry } from '@zevents/contracts';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';
import {
  buyerNamed,
  buyTickets,
  checkIn,
  expectProblem,
  refundOrder,
  reserveTickets,
} from './insight-helpers';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
});

async function paidOrder(quantity = 2) {
  const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 50 }]);
  const type = sale.types[0];
  if (!type) throw new Error('no ticket type');
  const order = await buyTickets(world.anonymous, sale.event.id, [[type.id, quantity]], buyerNamed('desk'));
  return { ...sale, type, order };
}

async function buyerCount(eventId: string, email: string): Promise<number> {
  const result = await t.database.db.execute<{ tickets: number }>(
    sql`SELECT tickets FROM buyer_ticket_counts WHERE event_id = ${eventId} AND email = ${email}`,
  );
  return result.rows[0]?.tickets ?? 0;
}

describe('GET /api/orders/{orderId}/timeline', () => {
  it('tells what happened, oldest first, with who acted: created, paid, emails, edits, check-ins, refunds', async () => {
    const { event, order } = await paidOrder();
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    expect((await checkIn(world.staff, event.id, ticket.code, { location: 'North gate' })).status).toBe(200);
    const edit = await world.owner.patch(`/api/tickets/${ticket.id}`, { attendeeName: 'Grace Hopper' });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    await refundOrder(world.owner, order.id, { amountCents: 500 });

    const res = await world.staff.get(`/api/orders/${order.id}/timeline`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items as TimelineEntry[];
    const kinds = items.map((item) => item.kind);
    expect(kinds.slice(0, 2)).toEqual(['created', 'paid']);
    expect(kinds).toEqual(expect.arrayContaining(['email', 'check_in', 'edited', 'refunded']));
    const times = items.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const email = items.find((item) => item.kind === 'email');
    expect(email?.data).toMatchObject({ emailKind: 'order_confirmation', recipient: order.buyer.email });
    const scan = items.find((item) => item.kind === 'check_in');
    expect(scan?.summary).toContain(ticket.code);
    expect(scan?.summary).toContain('North gate');
    expect(scan?.actor?.userId).toBe(world.staff.user?.id);
    const edited = items.find((item) => item.kind === 'edited');
    expect(edited?.actor?.name).toBe(world.owner.user?.name);
    expect(items.find((item) => item.kind === 'refunded')?.data).toMatchObject({ amountCents: 500 });

    expect((await world.outsider.get(`/api/orders/${order.id}/timeline`)).status).toBe(404);
    expect((await world.anonymous.get(`/api/orders/${order.id}/timeline`)).status).toBe(401);
    expect((await world.owner.get(`/api/orders/${randomUUID()}/timeline`)).status).toBe(404);
    // The buyer's token opens the order, not its desk.
    expect(
      (await world.anonymous.get(`/api/orders/${order.id}/timeline?token=${order.accessToken}`)).status,
    ).toBe(401);
  });
});

describe('POST /api/orders/{orderId}/resend', () => {
  it('sends the confirmation again, to the buyer or a corrected address; staff may not; unpaid orders have nothing to send', async () => {
    const { event, type, order } = await paidOrder(1);
    expectProblem(await world.staff.post(`/api/orders/${order.id}/resend`, {}), 403, 'FORBIDDEN');
    expect((await world.outsider.post(`/api/orders/${order.id}/resend`, {})).status).toBe(404);
    expectProblem(
      await world.owner.post(`/api/orders/${order.id}/resend`, { email: 'nope' }),
      400,
      'VALIDATION_FAILED',
    );
    const again = await world.owner.post(`/api/orders/${order.id}/resend`, {});
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.id).toBe(order.id);
    const corrected = await world.admin.post(`/api/orders/${order.id}/resend`, {
      email: 'Right@Example.test',
    });
    expect(corrected.status).toBe(200);

    const log = await world.staff.get(`/api/events/${event.id}/emails`);
    expect(log.status).toBe(200);
    const confirmations = (log.body.items as EmailLogEntry[]).filter(
      (email) => email.kind === 'order_confirmation',
    );
    expect(confirmations.map((email) => email.recipient).sort()).toEqual(
      [order.buyer.email, order.buyer.email, 'right@example.test'].sort(),
    );
    // The order keeps its own address.
    expect((await world.owner.get(`/api/orders/${order.id}`)).body.buyer.email).toBe(order.buyer.email);

    const held = await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    expectProblem(await world.owner.post(`/api/orders/${held.id}/resend`, {}), 409, 'ORDER_NOT_PAID');
  });
});

describe('PATCH /api/orders/{orderId} and PATCH /api/tickets/{ticketId}', () => {
  it('corrects the buyer; a new email carries the order’s tickets to that buyer’s count; audited', async () => {
    const { event, order } = await paidOrder(2);
    expect(await buyerCount(event.id, order.buyer.email)).toBe(2);
    expectProblem(
      await world.staff.patch(`/api/orders/${order.id}`, { buyer: { name: 'X' } }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await world.owner.patch(`/api/orders/${order.id}`, { buyer: { email: 'bad' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.owner.patch(`/api/orders/${order.id}`, { name: 'X' }),
      400,
      'VALIDATION_FAILED',
    );
    const res = await world.owner.patch(`/api/orders/${order.id}`, {
      buyer: { name: 'Ada King', email: 'Ada.King@Example.test' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.buyer).toEqual({ name: 'Ada King', email: 'ada.king@example.test' });
    expect(await buyerCount(event.id, order.buyer.email)).toBe(0);
    expect(await buyerCount(event.id, 'ada.king@example.test')).toBe(2);
    const audit = await world.owner.get(`/api/organizations/${world.org.id}/audit-log`);
    expect(
      audit.body.items.some(
        (entry: { action: string; targetId: string }) =>
          entry.action === 'order.edit' && entry.targetId === order.id,
      ),
    ).toBe(true);
    expect((await world.outsider.patch(`/api/orders/${order.id}`, { buyer: { name: 'X' } })).status).toBe(
      404,
    );
  });

  it("corrects a ticket's attendee; bad answers and foreign tickets change nothing", async () => {
    const { order } = await paidOrder(1);
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    expectProblem(
      await world.staff.patch(`/api/tickets/${ticket.id}`, { attendeeName: 'X' }),
      403,
      'FORBIDDEN',
    );
    expect((await world.outsider.patch(`/api/tickets/${ticket.id}`, { attendeeName: 'X' })).status).toBe(404);
    expect((await world.owner.patch(`/api/tickets/${randomUUID()}`, { attendeeName: 'X' })).status).toBe(404);
    expectProblem(
      await world.owner.patch(`/api/tickets/${ticket.id}`, { answers: { [randomUUID()]: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
    const res = await world.admin.patch(`/api/tickets/${ticket.id}`, {
      attendeeName: 'Katherine Johnson',
      attendeeEmail: 'kj@example.test',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: ticket.id,
      attendeeName: 'Katherine Johnson',
      attendeeEmail: 'kj@example.test',
    });
    const view = await world.anonymous.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(view.body.tickets[0].attendeeName).toBe('Katherine Johnson');
  });
});

describe('the email log', () => {
  it('lists an event’s emails and resends any one, rendered again; staff read, owners resend', async () => {
    const { event, order } = await paidOrder(1);
    const log = await world.staff.get(`/api/events/${event.id}/emails?limit=10`);
    expect(log.status).toBe(200);
    const first = (log.body.items as EmailLogEntry[])[0];
    expect(first).toMatchObject({
      kind: 'order_confirmation',
      recipient: order.buyer.email,
      orderId: order.id,
    });
    expect(first?.status).toBe('pending');
    expectProblem(await world.staff.post(`/api/emails/${first?.id}/resend`), 403, 'FORBIDDEN');
    expect((await world.outsider.post(`/api/emails/${first?.id}/resend`)).status).toBe(404);
    expect((await world.outsider.get(`/api/events/${event.id}/emails`)).status).toBe(404);
    expect((await world.owner.post(`/api/emails/${randomUUID()}/resend`)).status).toBe(404);
    const resent = await world.owner.post(`/api/emails/${first?.id}/resend`);
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body.id).not.toBe(first?.id);
    expect(resent.body).toMatchObject({
      kind: 'order_confirmation',
      recipient: order.buyer.email,
      status: 'pending',
    });
    const after = await world.owner.get(`/api/events/${event.id}/emails`);
    expect(after.body.items).toHaveLength(2);
    const paged = await world.owner.get(`/api/events/${event.id}/emails?limit=1`);
    expect(paged.body.items).toHaveLength(1);
    const next = await world.owner.get(
      `/api/events/${event.id}/emails?limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}`,
    );
    expect(next.body.items[0].id).not.toBe(paged.body.items[0].id);
  });
});
