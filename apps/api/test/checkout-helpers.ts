import { randomUUID } from 'node:crypto';
import type { CreatePromoCodeBody, CreateTicketTypeBody, Event, TicketType } from '@zevents/contracts';
import type pg from 'pg';
import type request from 'supertest';
import { expect } from 'vitest';
import { type Actor, createEvent, type World } from './factories';
import type { TestApp } from './harness';

/** Shared pieces of the checkout integration tests (not a test file itself). */

export const GOOD_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';

export const TICKET_CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}$/;

export interface Sale {
  event: Event;
  types: TicketType[];
}

/** A published event of the world's organization with the given ticket types (a fresh event per test). */
export async function openSale(
  t: TestApp,
  world: World,
  ticketTypes: CreateTicketTypeBody[],
  options: { publish?: boolean } = {},
): Promise<Sale> {
  const { event, ticketTypes: types } = await createEvent(t.database.db, world, {
    ticketTypes,
    publish: options.publish ?? true,
  });
  return { event, types };
}

export function buyer(label = randomUUID().slice(0, 8)) {
  return { name: `Buyer ${label}`, email: `buyer-${label}@example.test` };
}

export interface OrderBody {
  eventId: string;
  items: Array<{ ticketTypeId: string; quantity: number }>;
  buyer: { name: string; email: string };
  promoCode?: string;
}

export function orderBody(
  event: { id: string },
  items: Array<[TicketType | string, number]>,
  extra: { promoCode?: string; buyer?: { name: string; email: string } } = {},
): OrderBody {
  return {
    eventId: event.id,
    items: items.map(([type, quantity]) => ({
      ticketTypeId: typeof type === 'string' ? type : type.id,
      quantity,
    })),
    buyer: extra.buyer ?? buyer(),
    ...(extra.promoCode !== undefined ? { promoCode: extra.promoCode } : {}),
  };
}

export function reserve(actor: Actor, body: unknown, idempotencyKey?: string) {
  const req = actor.post('/api/orders', body);
  return idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req;
}

/** Reserves and insists on 201; returns the order body (with its accessToken). */
export async function reserveOk(actor: Actor, body: unknown) {
  const res = await reserve(actor, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as OrderView;
}

export interface OrderView {
  id: string;
  eventId: string;
  status: string;
  accessToken?: string;
  items: Array<{ ticketTypeId: string; ticketTypeName: string; quantity: number; unitPriceCents: number }>;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  refundedCents: number;
  currency: string;
  expiresAt: string;
  createdAt: string;
  paidAt?: string | null;
  buyer: { name: string; email: string };
  tickets?: Array<{
    id: string;
    ticketTypeId: string;
    ticketTypeName: string;
    attendeeName: string;
    code: string;
    qr: string;
    status: string;
    checkedInAt: string | null;
  }>;
  payment?: { provider: string; status: string };
}

export function pay(actor: Actor, order: { id: string; accessToken?: string }, card = GOOD_CARD) {
  return actor.post(`/api/orders/${order.id}/pay?token=${order.accessToken ?? ''}`, { card });
}

export function cancel(actor: Actor, order: { id: string; accessToken?: string }) {
  return actor.post(`/api/orders/${order.id}/cancel?token=${order.accessToken ?? ''}`);
}

/** Reserves and pays; returns the paid order. */
export async function buyOk(actor: Actor, body: unknown) {
  const order = await reserveOk(actor, body);
  const res = await pay(actor, order);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.status).toBe('paid');
  return { ...(res.body as OrderView), accessToken: order.accessToken };
}

export async function createPromo(owner: Actor, eventId: string, body: CreatePromoCodeBody) {
  const res = await owner.post(`/api/events/${eventId}/promo-codes`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; code: string; uses: number };
}

/** A problem document with this status and code. */
export function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
}

// ---- direct reads of the database (the ground truth the API must agree with) ----

export async function stockOf(pool: pg.Pool, ticketTypeId: string) {
  const { rows } = await pool.query<{ sold: number; held: number; capacity: number }>(
    'SELECT sold, held, capacity FROM ticket_types WHERE id = $1',
    [ticketTypeId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no ticket type ${ticketTypeId}`);
  return row;
}

export async function orderRow(pool: pg.Pool, orderId: string) {
  const { rows } = await pool.query<{
    status: string;
    refunded_cents: number;
    total_cents: number;
    promo_code_id: string | null;
    closed_at: Date | null;
    paid_at: Date | null;
  }>(
    'SELECT status, refunded_cents, total_cents, promo_code_id, closed_at, paid_at FROM orders WHERE id = $1',
    [orderId],
  );
  return rows[0];
}

export async function countOrders(pool: pg.Pool, eventId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM orders WHERE event_id = $1',
    [eventId],
  );
  return rows[0]?.n ?? 0;
}

export async function promoUses(pool: pg.Pool, promoId: string): Promise<number> {
  const { rows } = await pool.query<{ uses: number }>('SELECT uses FROM promo_codes WHERE id = $1', [
    promoId,
  ]);
  return rows[0]?.uses ?? -1;
}

export async function paymentsOf(pool: pg.Pool, orderId: string) {
  const { rows } = await pool.query<{ status: string; amount_cents: number }>(
    'SELECT status, amount_cents FROM payments WHERE order_id = $1 ORDER BY created_at',
    [orderId],
  );
  return rows;
}

export async function refundsOf(pool: pg.Pool, orderId: string) {
  const { rows } = await pool.query<{ amount_cents: number; reason: string }>(
    'SELECT amount_cents, reason FROM refunds WHERE order_id = $1 ORDER BY created_at',
    [orderId],
  );
  return rows;
}

export async function ticketsOf(pool: pg.Pool, orderId: string) {
  const { rows } = await pool.query<{ id: string; status: string; ticket_type_id: string }>(
    'SELECT id, status, ticket_type_id FROM tickets WHERE order_id = $1 ORDER BY code',
    [orderId],
  );
  return rows;
}

/** Everything a failed request must leave untouched: stock, orders and promo uses of the event. */
export async function snapshot(pool: pg.Pool, eventId: string) {
  const types = await pool.query<{ id: string; sold: number; held: number }>(
    'SELECT id, sold, held FROM ticket_types WHERE event_id = $1 ORDER BY id',
    [eventId],
  );
  const promos = await pool.query<{ id: string; uses: number }>(
    'SELECT id, uses FROM promo_codes WHERE event_id = $1 ORDER BY id',
    [eventId],
  );
  return { types: types.rows, promos: promos.rows, orders: await countOrders(pool, eventId) };
}

/**
 * The stock invariants of one event, from the rows themselves: sold + held <= capacity (1),
 * sold = count of valid or checked-in tickets (2), held = what live reservations hold, and every
 * valid ticket belongs to a paid or partially refunded order.
 */
export async function expectStockInvariants(pool: pg.Pool, eventId: string): Promise<void> {
  const { rows } = await pool.query<{
    id: string;
    capacity: number;
    sold: number;
    held: number;
    live_tickets: number;
    reserved_quantity: number;
  }>(
    // Every stock row: a ticket type, or a date's own stock of one (what an item took from it is
    // counted by its stock_type_id, else by its ticket type).
    `SELECT tt.id, tt.capacity, tt.sold, tt.held,
       (SELECT count(*) FROM tickets t
          JOIN order_items oi ON oi.order_id = t.order_id AND oi.ticket_type_id = t.ticket_type_id
         WHERE coalesce(oi.stock_type_id, oi.ticket_type_id) = tt.id AND t.status IN ('valid', 'checked_in'))::int
         AS live_tickets,
       (SELECT coalesce(sum(oi.quantity), 0) FROM order_items oi JOIN orders o ON o.id = oi.order_id
         WHERE coalesce(oi.stock_type_id, oi.ticket_type_id) = tt.id AND o.status IN ('reserved', 'awaiting_payment'))::int AS reserved_quantity
     FROM ticket_types tt WHERE tt.event_id = $1 ORDER BY tt.id`,
    [eventId],
  );
  for (const row of rows) {
    expect(row.sold + row.held, `type ${row.id}: sold + held <= capacity`).toBeLessThanOrEqual(row.capacity);
    expect(row.live_tickets, `type ${row.id}: valid tickets = sold`).toBe(row.sold);
    expect(row.reserved_quantity, `type ${row.id}: held = live reservations`).toBe(row.held);
  }
  const orphans = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tickets t JOIN orders o ON o.id = t.order_id
     WHERE t.event_id = $1 AND t.status IN ('valid', 'checked_in')
       AND o.status NOT IN ('paid', 'partially_refunded')`,
    [eventId],
  );
  expect(orphans.rows[0]?.n, 'valid tickets outside paid orders').toBe(0);
}
