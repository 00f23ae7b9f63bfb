import type { TimelineEntry } from '@zevents/contracts';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerificationTokens } from '../src/modules/accounts';
import { createEmailComposer } from '../src/modules/notifications';
import { findEmail } from '../src/modules/notifications';
import { createOrderTokens } from '../src/modules/orders';
import { createInvitationTokens } from '../src/modules/organizations';
import { createTicketSigner, createTicketTokens } from '../src/modules/tickets';
import { systemClock } from '../src/shared/clock';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, type TestApp } from './harness';
import { buyerNamed, buyTickets, checkIn, expectProblem, refundOrder } from './insight-helpers';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
});

async function paidTicket(options: { transferDeadlineHours?: number | null } = {}) {
  const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 50 }]);
  if (options.transferDeadlineHours !== undefined) {
    const res = await world.owner.patch(`/api/events/${sale.event.id}`, {
      transferDeadlineHours: options.transferDeadlineHours,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const type = sale.types[0];
  if (!type) throw new Error('no ticket type');
  const order = await buyTickets(world.anonymous, sale.event.id, [[type.id, 2]], buyerNamed('giver'));
  const ticket = order.tickets[0];
  if (!ticket) throw new Error('no ticket');
  return { event: sale.event, order, ticket };
}

async function emailsOf(orderId: string) {
  const result = await t.database.db.execute<{ id: string; kind: string; recipient: string }>(
    sql`SELECT id, kind, recipient FROM emails WHERE order_id = ${orderId} ORDER BY created_at, kind`,
  );
  return result.rows;
}

const composer = () =>
  createEmailComposer({
    db: t.database.db,
    publicUrl: 'http://zevents.test',
    tokens: createOrderTokens(TEST_SECRET),
    signer: createTicketSigner(TEST_SECRET),
    clock: systemClock,
    invitationTokens: createInvitationTokens(TEST_SECRET),
    verificationTokens: createVerificationTokens(TEST_SECRET),
    ticketTokens: createTicketTokens(TEST_SECRET),
  });

describe('POST /api/tickets/{ticketId}/transfer', () => {
  it('by an organizer: new code and QR, the old ones refused at the door, the new holder’s own token, both told', async () => {
    const { event, order, ticket } = await paidTicket();
    const res = await world.owner.post(`/api/tickets/${ticket.id}/transfer`, {
      name: 'Grace Hopper',
      email: 'Grace@Example.test',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const moved = res.body;
    expect(moved.ticket).toMatchObject({
      id: ticket.id,
      attendeeName: 'Grace Hopper',
      attendeeEmail: 'grace@example.test',
    });
    expect(moved.ticket.code).not.toBe(ticket.code);
    expect(moved.ticket.qr).not.toBe(ticket.qr);
    expect(moved.ticket.transferredAt).not.toBeNull();
    expect(typeof moved.ticketToken).toBe('string');

    // The old QR and the old typed code no longer open the door; the new QR does.
    expectProblem(await checkIn(world.staff, event.id, ticket.qr), 404, 'TICKET_NOT_FOUND');
    expectProblem(await checkIn(world.staff, event.id, ticket.code), 404, 'TICKET_NOT_FOUND');

    // The buyer's order shows who has it now, without its code or QR; the order token no longer opens it.
    const buyerView = await world.anonymous.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    const shown = buyerView.body.tickets.find((item: { id: string }) => item.id === ticket.id);
    expect(shown).toMatchObject({ attendeeName: 'Grace Hopper', code: '', qr: '', attendeeEmail: null });
    expect((await world.anonymous.get(`/api/tickets/${ticket.id}?token=${order.accessToken}`)).status).toBe(
      404,
    );
    expect(
      (
        await world.anonymous.get(
          `/api/orders/${order.id}/tickets/${ticket.id}.pdf?token=${order.accessToken}`,
        )
      ).status,
    ).toBe(404);

    // The new holder opens it with the ticket's token, PDF included.
    const held = await world.anonymous.get(`/api/tickets/${ticket.id}?token=${moved.ticketToken}`);
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({
      id: ticket.id,
      code: moved.ticket.code,
      eventId: event.id,
      orderId: order.id,
    });
    const pdf = await world.anonymous.get(`/api/tickets/${ticket.id}.pdf?token=${moved.ticketToken}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    // The order's PDF path takes the ticket's token too (for that ticket only).
    const viaOrder = await world.anonymous.get(
      `/api/orders/${order.id}/tickets/${ticket.id}.pdf?token=${moved.ticketToken}`,
    );
    expect(viaOrder.status).toBe(200);
    const other = order.tickets[1];
    expect(
      (
        await world.anonymous.get(
          `/api/orders/${order.id}/tickets/${other?.id}.pdf?token=${moved.ticketToken}`,
        )
      ).status,
    ).toBe(404);

    // Emails: the ticket to the new holder (with its PDF), a notice to the buyer.
    const emails = await emailsOf(order.id);
    expect(emails.map((email) => [email.kind, email.recipient])).toEqual(
      expect.arrayContaining([
        ['ticket_received', 'grace@example.test'],
        ['ticket_transfer_notice', order.buyer.email],
      ]),
    );
    const compose = composer();
    const received = emails.find((email) => email.kind === 'ticket_received');
    const receivedRow = received && (await findEmail(t.database.db, received.id));
    if (!receivedRow) throw new Error('no ticket_received email');
    const message = await compose(receivedRow);
    expect(message.subject).toContain(event.title);
    expect(message.html).toContain(`token=${moved.ticketToken}`);
    expect(message.attachments.map((file) => file.filename)).toEqual([`ticket-${moved.ticket.code}.pdf`]);
    const notice = emails.find((email) => email.kind === 'ticket_transfer_notice');
    const noticeRow = notice && (await findEmail(t.database.db, notice.id));
    if (!noticeRow) throw new Error('no notice email');
    expect((await compose(noticeRow)).subject).toContain('Grace Hopper');

    // The new QR checks in; the timeline tells the transfer and who did it.
    expect((await checkIn(world.staff, event.id, moved.ticket.qr)).status).toBe(200);
    const timeline = await world.owner.get(`/api/orders/${order.id}/timeline`);
    const transfer = (timeline.body.items as TimelineEntry[]).find((item) => item.kind === 'transferred');
    expect(transfer?.summary).toContain('Grace Hopper');
    expect(transfer?.actor?.userId).toBe(world.owner.user?.id);
  });

  it('by the buyer until the deadline, then by the holder with their token; the previous token is revoked', async () => {
    const { event, order, ticket } = await paidTicket();
    const first = await world.anonymous.post(
      `/api/tickets/${ticket.id}/transfer?token=${order.accessToken}`,
      {
        name: 'Alan Turing',
        email: 'alan@example.test',
      },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // A buyer is never shown the new holder's token.
    expect(first.body.ticketToken).toBeUndefined();
    // It is not the buyer's to pass on again.
    expect(
      (
        await world.anonymous.post(`/api/tickets/${ticket.id}/transfer?token=${order.accessToken}`, {
          name: 'X',
          email: 'x@example.test',
        })
      ).status,
    ).toBe(404);
    const alanToken = createTicketTokens(TEST_SECRET).tokenFor({
      id: ticket.id,
      code: first.body.ticket.code,
    });
    const onward = await world.anonymous.post(`/api/tickets/${ticket.id}/transfer?token=${alanToken}`, {
      name: 'Joan Clarke',
      email: 'joan@example.test',
    });
    expect(onward.status, JSON.stringify(onward.body)).toBe(200);
    expect((await world.anonymous.get(`/api/tickets/${ticket.id}?token=${alanToken}`)).status).toBe(404);
    expect((await checkIn(world.staff, event.id, first.body.ticket.qr)).status).toBe(404);
    // The order's other ticket is untouched and still the buyer's.
    const other = order.tickets[1];
    expect((await world.anonymous.get(`/api/tickets/${other?.id}?token=${order.accessToken}`)).status).toBe(
      200,
    );
  });

  it('is refused: after the deadline or when only organizers may, to staff, for used or refunded tickets, for bad input', async () => {
    const closed = await paidTicket({ transferDeadlineHours: null });
    expectProblem(
      await world.anonymous.post(
        `/api/tickets/${closed.ticket.id}/transfer?token=${closed.order.accessToken}`,
        {
          name: 'A',
          email: 'a@example.test',
        },
      ),
      409,
      'TRANSFER_CLOSED',
    );
    // Organizers may at any time.
    expect(
      (
        await world.admin.post(`/api/tickets/${closed.ticket.id}/transfer`, {
          name: 'A',
          email: 'a@example.test',
        })
      ).status,
    ).toBe(200);

    // The default event starts in 30 days: a deadline of 31 days before it has passed.
    const late = await paidTicket({ transferDeadlineHours: 24 * 31 });
    expectProblem(
      await world.anonymous.post(`/api/tickets/${late.ticket.id}/transfer?token=${late.order.accessToken}`, {
        name: 'A',
        email: 'a@example.test',
      }),
      409,
      'TRANSFER_CLOSED',
    );

    const { event, order, ticket } = await paidTicket();
    const body = { name: 'A', email: 'a@example.test' };
    expectProblem(await world.staff.post(`/api/tickets/${ticket.id}/transfer`, body), 403, 'FORBIDDEN');
    expect((await world.outsider.post(`/api/tickets/${ticket.id}/transfer`, body)).status).toBe(404);
    expect((await world.anonymous.post(`/api/tickets/${ticket.id}/transfer?token=forged`, body)).status).toBe(
      404,
    );
    expectProblem(
      await world.owner.post(`/api/tickets/${ticket.id}/transfer`, { name: 'A' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.owner.post(`/api/tickets/${ticket.id}/transfer`, { name: 'A', email: 'nope' }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await checkIn(world.staff, event.id, ticket.code)).status).toBe(200);
    expectProblem(
      await world.owner.post(`/api/tickets/${ticket.id}/transfer`, body),
      409,
      'ALREADY_CHECKED_IN',
    );
    const second = order.tickets[1];
    await refundOrder(world.owner, order.id, { ticketIds: [second?.id] });
    expectProblem(await world.owner.post(`/api/tickets/${second?.id}/transfer`, body), 410, 'TICKET_VOID');
  });
});
