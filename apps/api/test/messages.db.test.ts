import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerificationTokens } from '../src/modules/accounts';
import { loadEventMessage } from '../src/modules/messages';
import { createEmailComposer, findEmail } from '../src/modules/notifications';
import { createOrderTokens } from '../src/modules/orders';
import { createInvitationTokens } from '../src/modules/organizations';
import { createTicketSigner, createTicketTokens } from '../src/modules/tickets';
import { ManualClock } from '../src/shared/clock';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, type TestApp } from './harness';
import { buyerNamed, buyTickets, checkIn, expectProblem, refundOrder } from './insight-helpers';

let t: TestApp;
let clock: ManualClock;
let world: World;

beforeAll(async () => {
  clock = new ManualClock();
  t = buildTestApp({ clock });
  world = await createWorld(t.app, t.database.db);
});

/** GA bought by A (2 tickets, one passed to a colleague by name and email), VIP by B, and a refunded order. */
async function audience() {
  const sale = await openSale(t, world, [
    { name: 'GA', priceCents: 1000, capacity: 50 },
    { name: 'VIP', priceCents: 5000, capacity: 10 },
  ]);
  const [ga, vip] = sale.types;
  if (!ga || !vip) throw new Error('no ticket types');
  const a = await buyTickets(world.anonymous, sale.event.id, [[ga.id, 2]], buyerNamed('ma'));
  const colleague = a.tickets[1];
  expect(
    (await world.owner.patch(`/api/tickets/${colleague?.id}`, { attendeeEmail: 'colleague@example.test' }))
      .status,
  ).toBe(200);
  const b = await buyTickets(world.anonymous, sale.event.id, [[vip.id, 1]], buyerNamed('mb'));
  const refunded = await buyTickets(world.anonymous, sale.event.id, [[ga.id, 1]], buyerNamed('mc'));
  await refundOrder(world.owner, refunded.id);
  return { event: sale.event, ga, vip, a, b };
}

async function recipientsOf(messageId: string): Promise<string[]> {
  const result = await t.database.db.execute<{ recipient: string }>(
    sql`SELECT recipient FROM emails WHERE kind = 'event_message' AND params->>'messageId' = ${messageId} ORDER BY recipient`,
  );
  return result.rows.map((row) => row.recipient);
}

describe('POST /api/events/{eventId}/messages', () => {
  it('emails every attendee address once, through the job queue, and shows delivery counts', async () => {
    const { event, a, b } = await audience();
    const res = await world.owner.post(`/api/events/${event.id}/messages`, {
      subject: 'Doors open at 18:00',
      body: 'Bring your **ticket**.\n\n<script>alert(1)</script>',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      subject: 'Doors open at 18:00',
      recipients: 3,
      delivery: { pending: 3, sent: 0, failed: 0 },
      status: 'sending',
      audience: { ticketTypeIds: [], checkedIn: null },
    });
    expect(await recipientsOf(res.body.id)).toEqual(
      ['colleague@example.test', a.buyer.email, b.buyer.email].sort(),
    );

    const list = await world.staff.get(`/api/events/${event.id}/messages`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, recipients: 3 });

    // Rendered from Markdown; raw HTML stays text.
    const compose = createEmailComposer({
      db: t.database.db,
      publicUrl: 'http://zevents.test',
      tokens: createOrderTokens(TEST_SECRET),
      signer: createTicketSigner(TEST_SECRET),
      clock,
      invitationTokens: createInvitationTokens(TEST_SECRET),
      verificationTokens: createVerificationTokens(TEST_SECRET),
      ticketTokens: createTicketTokens(TEST_SECRET),
      loadEventMessage: (id) => loadEventMessage(t.database.db, id),
    });
    const emailId = (
      await t.database.db.execute<{ id: string }>(
        sql`SELECT id FROM emails WHERE kind = 'event_message' AND params->>'messageId' = ${res.body.id} LIMIT 1`,
      )
    ).rows[0]?.id;
    const row = emailId ? await findEmail(t.database.db, emailId) : undefined;
    if (!row) throw new Error('no message email');
    const composed = await compose(row);
    expect(composed.subject).toBe('Doors open at 18:00');
    expect(composed.html).toContain('<strong>ticket</strong>');
    expect(composed.html).not.toContain('<script>');
    expect(composed.text).toContain('Bring your **ticket**.');
  });

  it('sends once for the same Idempotency-Key, or the same subject and body within a minute', async () => {
    const { event } = await audience();
    const body = { subject: 'Parking', body: 'Use the north lot.' };
    const first = await world.owner
      .post(`/api/events/${event.id}/messages`, body)
      .set('Idempotency-Key', 'msg-1');
    expect(first.status).toBe(201);
    const sameKey = await world.owner
      .post(`/api/events/${event.id}/messages`, { ...body, body: 'Changed my mind' })
      .set('Idempotency-Key', 'msg-1');
    expect(sameKey.status).toBe(200);
    expect(sameKey.body.id).toBe(first.body.id);
    const sameContent = await world.admin.post(`/api/events/${event.id}/messages`, body);
    expect(sameContent.status).toBe(200);
    expect(sameContent.body.id).toBe(first.body.id);
    clock.advance(61_000);
    const later = await world.owner.post(`/api/events/${event.id}/messages`, body);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect((await world.owner.get(`/api/events/${event.id}/messages`)).body.items).toHaveLength(2);
  });

  it('reaches only the chosen audience: a ticket type, checked in or not', async () => {
    const { event, vip, a, b } = await audience();
    const vips = await world.owner.post(`/api/events/${event.id}/messages`, {
      subject: 'VIP lounge',
      body: 'Upstairs.',
      audience: { ticketTypeIds: [vip.id] },
    });
    expect(vips.status).toBe(201);
    expect(await recipientsOf(vips.body.id)).toEqual([b.buyer.email]);
    expect((await checkIn(world.staff, event.id, a.tickets[0]?.code ?? '')).status).toBe(200);
    const inside = await world.owner.post(`/api/events/${event.id}/messages`, {
      subject: 'Welcome',
      body: 'Enjoy.',
      audience: 'checked_in',
    });
    expect(await recipientsOf(inside.body.id)).toEqual([a.buyer.email]);
    const outside = await world.owner.post(`/api/events/${event.id}/messages`, {
      subject: 'We start soon',
      body: 'Hurry.',
      audience: { checkedIn: false },
    });
    expect(await recipientsOf(outside.body.id)).toEqual(['colleague@example.test', b.buyer.email].sort());
  });

  it('refuses staff, outsiders and bad input, and sends nothing', async () => {
    const { event } = await audience();
    const body = { subject: 'Hello', body: 'World' };
    expectProblem(await world.staff.post(`/api/events/${event.id}/messages`, body), 403, 'FORBIDDEN');
    expect((await world.outsider.post(`/api/events/${event.id}/messages`, body)).status).toBe(404);
    expect((await world.anonymous.post(`/api/events/${event.id}/messages`, body)).status).toBe(401);
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/messages`, { subject: '', body: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/messages`, { ...body, audience: 'everyone' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/messages`, {
        ...body,
        audience: { ticketTypeIds: [randomUUID()] },
      }),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );
    expect((await world.owner.get(`/api/events/${event.id}/messages`)).body.items).toEqual([]);
  });
});
