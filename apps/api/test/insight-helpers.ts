import { randomUUID } from 'node:crypto';
import type { Order } from '@zevents/contracts';
import type pg from 'pg';
import type request from 'supertest';
import { expect } from 'vitest';
import type { Actor } from './factories';

/** Shared pieces of the dashboard and door tests (not a test file itself). */

export const PAYING_CARD = '4242424242424242';

export type PaidOrder = Order & { accessToken: string; tickets: NonNullable<Order['tickets']> };

export function buyerNamed(label = randomUUID().slice(0, 8)) {
  return { name: `Buyer ${label}`, email: `buyer-${label}@example.test` };
}

/** Reserves; insists on 201 and returns the order with its access token. */
export async function reserveTickets(
  actor: Actor,
  eventId: string,
  items: Array<[string, number]>,
  buyer = buyerNamed(),
): Promise<Order & { accessToken: string }> {
  const res = await actor.post('/api/orders', {
    eventId,
    items: items.map(([ticketTypeId, quantity]) => ({ ticketTypeId, quantity })),
    buyer,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Order & { accessToken: string };
}

/** Reserves and pays with the test card; returns the paid order with its tickets. */
export async function buyTickets(
  actor: Actor,
  eventId: string,
  items: Array<[string, number]>,
  buyer = buyerNamed(),
): Promise<PaidOrder> {
  const order = await reserveTickets(actor, eventId, items, buyer);
  const res = await actor.post(`/api/orders/${order.id}/pay?token=${order.accessToken}`, {
    card: PAYING_CARD,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.status).toBe('paid');
  return { ...(res.body as PaidOrder), accessToken: order.accessToken };
}

export async function refundOrder(owner: Actor, orderId: string, body: Record<string, unknown> = {}) {
  const res = await owner.post(`/api/orders/${orderId}/refund`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Order;
}

export function checkIn(actor: Actor, eventId: string, code: string, extra: Record<string, string> = {}) {
  return actor.post(`/api/events/${eventId}/check-ins`, { code, ...extra });
}

/** A problem document with this status and code. */
export function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
}

/**
 * Many paid tickets at once, straight in SQL (generate_series): one paid order per `perOrder`
 * tickets, stock counters kept true. Names come from `nameOf(i)` (SQL over the series number i).
 */
export async function insertPaidTickets(
  pool: pg.Pool,
  options: {
    eventId: string;
    ticketTypeId: string;
    count: number;
    perOrder: number;
    nameSql: string;
    priceCents?: number;
  },
): Promise<void> {
  const { eventId, ticketTypeId, count, perOrder, nameSql, priceCents = 0 } = options;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE bulk_orders ON COMMIT DROP AS
       SELECT g AS n, gen_random_uuid() AS id, least($2::int, $3::int - g * $2::int) AS quantity
       FROM generate_series(0, $1::int - 1) g`,
      [Math.ceil(count / perOrder), perOrder, count],
    );
    await client.query(
      `INSERT INTO orders (id, event_id, status, buyer_name, buyer_email, subtotal_cents, total_cents,
                           currency, expires_at, created_at, paid_at)
       SELECT b.id, $1, 'paid', 'Bulk buyer ' || b.n, 'bulk-' || b.n || '@example.test',
              b.quantity * $2::int, b.quantity * $2::int, 'EUR',
              now(), now() - (b.n || ' seconds')::interval, now() - (b.n || ' seconds')::interval
       FROM bulk_orders b`,
      [eventId, priceCents],
    );
    await client.query(
      `INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents, total_cents)
       SELECT b.id, $1, $2, b.quantity, $3::int, $3::int * b.quantity FROM bulk_orders b`,
      [ticketTypeId, eventId, priceCents],
    );
    await client.query(
      `INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name)
       SELECT b.id, $1, $2, upper(substr(md5(b.id::text || i), 1, 6) || '-' || substr(md5(b.id::text || i), 7, 6)),
              ${nameSql}
       FROM generate_series(0, $3::int - 1) i JOIN bulk_orders b ON b.n = i / $4::int`,
      [eventId, ticketTypeId, count, perOrder],
    );
    await client.query('UPDATE ticket_types SET sold = sold + $2 WHERE id = $1', [ticketTypeId, count]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
