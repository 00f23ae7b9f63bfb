import { randomUUID } from 'node:crypto';
import type { Order } from '@zevents/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReserveOutcome, ReserveParams } from '../src/modules/orders/orders.repository';
import { createReserveBatcher } from '../src/modules/orders/reserve-batcher';
import { expectStockInvariants, openSale, stockOf } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';

const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

function params(
  eventId: string,
  ticketTypeId: string,
  quantity: number,
  extra: {
    buyerName?: string;
    key?: string;
    buyerEmail?: string;
    promoCode?: string;
    address?: string;
    holdsPerAddress?: number;
  } = {},
): ReserveParams {
  const now = new Date();
  const label = randomUUID().slice(0, 8);
  const orderId = randomUUID();
  return {
    orderId,
    eventId,
    items: [{ ticketTypeId, quantity }],
    buyerName: extra.buyerName ?? `Batch buyer ${label}`,
    buyerEmail: extra.buyerEmail ?? `batch-${label}@example.test`,
    buyerUserId: null,
    promoCode: extra.promoCode ?? null,
    accessCode: null,
    now,
    expiresAt: new Date(now.getTime() + 15 * 60_000),
    idempotency: extra.key ? { scope: 'orders.create:batch-test', key: extra.key, requestHash: 'h' } : null,
    // The statement merges what only it knows into this provisional answer (the service renders it).
    answer: { id: orderId, status: 'reserved' } as Order,
    clientAddress: extra.address ?? null,
    holdsPerAddressPerMinute: extra.holdsPerAddress ?? 0,
  };
}

const kinds = (outcomes: PromiseSettledResult<ReserveOutcome>[]) =>
  outcomes.map((o) => (o.status === 'fulfilled' ? o.value.kind : 'error'));

describe('coalesced reserves', () => {
  it('sends the reserves of one event-loop turn as one batch, each with its own answer, never overselling', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 25, maxPerOrder: 10 }]);
    const type = sale.types[0]!;
    const batches: number[] = [];
    const batcher = createReserveBatcher(pool, { maxInFlight: 1, onBatch: (size) => batches.push(size) });

    const requests = Array.from({ length: 40 }, () => params(sale.event.id, type.id, 1));
    const outcomes = await Promise.allSettled(requests.map((p) => batcher.reserve(p)));

    expect(batches).toEqual([40]);
    expect(kinds(outcomes).filter((k) => k === 'reserved')).toHaveLength(25);
    expect(kinds(outcomes).filter((k) => k === 'refused')).toHaveLength(15);
    // Each reserved answer is its own order, with the amounts the statement computed.
    const answers = outcomes.flatMap((o) =>
      o.status === 'fulfilled' && o.value.kind === 'reserved' ? [o.value.answer] : [],
    );
    expect(new Set(answers.map((a) => a.id)).size).toBe(25);
    const reservedIds = requests
      .filter((_, i) => kinds(outcomes)[i] === 'reserved')
      .map((p) => p.orderId)
      .sort();
    expect(answers.map((a) => a.id).sort()).toEqual(reservedIds);
    expect(answers.every((a) => a.totalCents === 1000 && a.status === 'reserved')).toBe(true);
    expect(await stockOf(pool, type.id)).toMatchObject({ held: 25, sold: 0 });
    await expectStockInvariants(pool, sale.event.id);
  });

  it('counts what earlier orders of its batch hold: an order they left no room for is refused whole, with facts that say so', async () => {
    const sale = await openSale(t, world, [
      { name: 'Front row', priceCents: 5000, capacity: 2, maxPerOrder: 10 },
      { name: 'Standing', priceCents: 1000, capacity: 50, maxPerOrder: 10 },
    ]);
    const [front, standing] = [sale.types[0]!, sale.types[1]!];
    const batches: number[] = [];
    const batcher = createReserveBatcher(pool, { maxInFlight: 1, onBatch: (size) => batches.push(size) });
    const both = params(sale.event.id, front.id, 1);
    both.items = [
      { ticketTypeId: standing.id, quantity: 3 },
      { ticketTypeId: front.id, quantity: 1 },
    ];
    const outcomes = await Promise.allSettled([
      batcher.reserve(params(sale.event.id, front.id, 2)),
      batcher.reserve(both),
      batcher.reserve(params(sale.event.id, standing.id, 4)),
    ]);
    expect(batches).toEqual([3]);
    expect(kinds(outcomes)).toEqual(['reserved', 'refused', 'reserved']);
    const refused = outcomes[1];
    if (refused?.status !== 'fulfilled' || refused.value.kind !== 'refused') throw new Error('not refused');
    // The row still said 2 left when the batch began; the facts count the batch's own hold.
    expect(refused.value.facts?.types.find((type) => type.id === front.id)?.available).toBe(0);
    expect(refused.value.facts?.types.find((type) => type.id === standing.id)?.available).toBe(50);
    // Nothing of the refused order is held: the standing tickets are the third order's alone.
    expect(await stockOf(pool, front.id)).toMatchObject({ held: 2 });
    expect(await stockOf(pool, standing.id)).toMatchObject({ held: 4 });
    await expectStockInvariants(pool, sale.event.id);
  });

  it('splits a crowd into batches of at most 60, in arrival order', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 500, capacity: 1000, maxPerOrder: 10 }]);
    const batches: number[] = [];
    const batcher = createReserveBatcher(pool, { maxInFlight: 1, onBatch: (size) => batches.push(size) });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 130 }, () => batcher.reserve(params(sale.event.id, sale.types[0]!.id, 2))),
    );
    expect(batches).toEqual([60, 60, 10]);
    expect(kinds(outcomes).every((k) => k === 'reserved')).toBe(true);
    expect(await stockOf(pool, sale.types[0]!.id)).toMatchObject({ held: 260 });
  });

  it('mixes events in one batch: each order holds its own event', async () => {
    const a = await openSale(t, world, [{ name: 'A', priceCents: 1000, capacity: 3 }]);
    const b = await openSale(t, world, [{ name: 'B', priceCents: 2000, capacity: 3 }]);
    const batcher = createReserveBatcher(pool, { maxInFlight: 1 });
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 4 }, () => batcher.reserve(params(a.event.id, a.types[0]!.id, 1))),
      ...Array.from({ length: 2 }, () => batcher.reserve(params(b.event.id, b.types[0]!.id, 1))),
      // A ticket type of another event is refused, whatever the batch around it does.
      batcher.reserve(params(a.event.id, b.types[0]!.id, 1)),
    ]);
    expect(kinds(outcomes)).toEqual([
      'reserved',
      'reserved',
      'reserved',
      'refused',
      'reserved',
      'reserved',
      'refused',
    ]);
    expect(await stockOf(pool, a.types[0]!.id)).toMatchObject({ held: 3 });
    expect(await stockOf(pool, b.types[0]!.id)).toMatchObject({ held: 2 });
  });

  it('answers the second request with a key already claimed in the same batch as taken', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 10 }]);
    const key = `same-${randomUUID()}`;
    const batcher = createReserveBatcher(pool, { maxInFlight: 1 });
    const outcomes = await Promise.allSettled([
      batcher.reserve(params(sale.event.id, sale.types[0]!.id, 1, { key })),
      batcher.reserve(params(sale.event.id, sale.types[0]!.id, 1, { key })),
    ]);
    expect(kinds(outcomes)).toEqual(['reserved', 'keyTaken']);
    expect(await stockOf(pool, sale.types[0]!.id)).toMatchObject({ held: 1 });
  });

  it('fails only the request whose data PostgreSQL refuses; the rest of its batch is reserved', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 10 }]);
    const batches: number[] = [];
    const batcher = createReserveBatcher(pool, { maxInFlight: 1, onBatch: (size) => batches.push(size) });
    const outcomes = await Promise.allSettled([
      batcher.reserve(params(sale.event.id, sale.types[0]!.id, 1)),
      // jsonb cannot hold U+0000: the whole call is refused, then each request goes alone.
      batcher.reserve(params(sale.event.id, sale.types[0]!.id, 1, { buyerName: 'Nul\u0000Name' })),
      batcher.reserve(params(sale.event.id, sale.types[0]!.id, 1)),
    ]);
    expect(kinds(outcomes)).toEqual(['reserved', 'error', 'reserved']);
    expect(batches).toEqual([3, 1, 1, 1]);
    expect(await stockOf(pool, sale.types[0]!.id)).toMatchObject({ held: 2 });
    await expectStockInvariants(pool, sale.event.id);
  });

  it('a quiet server sends each reserve at once, alone', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 10 }]);
    const batches: number[] = [];
    const batcher = createReserveBatcher(pool, { onBatch: (size) => batches.push(size) });
    for (let i = 0; i < 3; i++) await batcher.reserve(params(sale.event.id, sale.types[0]!.id, 1));
    expect(batches).toEqual([1, 1, 1]);
  });

  it('counts the earlier orders of its batch against each buyer, address and promo code', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 100, maxPerOrder: 10 }]);
    const promo = await world.owner.post(`/api/events/${sale.event.id}/promo-codes`, {
      code: 'ONCE',
      percentOff: 50,
      maxUses: 1,
    });
    expect(promo.status).toBe(201);
    const type = sale.types[0]!.id;
    const batches: number[] = [];
    const batcher = createReserveBatcher(pool, { maxInFlight: 1, onBatch: (size) => batches.push(size) });
    const ada = 'ada-batch@example.test';
    const outcomes = await Promise.all([
      batcher.reserve(params(sale.event.id, type, 6, { buyerEmail: ada })),
      // Ada again: 6 + 6 is past the event's 10 per buyer.
      batcher.reserve(params(sale.event.id, type, 6, { buyerEmail: ada })),
      batcher.reserve(params(sale.event.id, type, 1, { promoCode: 'once' })),
      // The code's only use went to the order just before.
      batcher.reserve(params(sale.event.id, type, 1, { promoCode: 'ONCE' })),
      batcher.reserve(params(sale.event.id, type, 1, { address: '203.0.113.9', holdsPerAddress: 1 })),
      // The same address, one hold a minute.
      batcher.reserve(params(sale.event.id, type, 1, { address: '203.0.113.9', holdsPerAddress: 1 })),
    ]);
    expect(batches).toEqual([6]);
    expect(outcomes.map((o) => o.kind)).toEqual([
      'reserved',
      'refused',
      'reserved',
      'refused',
      'reserved',
      'refused',
    ]);
    const facts = outcomes.map((o) => (o.kind === 'refused' ? o.facts : null));
    // The refusals' facts carry what the earlier orders of the batch took: the buyer's 6 tickets,
    // the code's use, the address's hold.
    expect(facts[1]?.buyer.tickets).toBe(6);
    expect(facts[3]?.promo).toMatchObject({ uses: 1, maxUses: 1 });
    expect(facts[5]?.address?.holds).toBe(1);
    const reserved = outcomes[2];
    expect(reserved?.kind === 'reserved' && reserved.answer).toMatchObject({
      discountCents: 500,
      totalCents: 500,
    });
    expect(await stockOf(pool, type)).toMatchObject({ held: 8 });
    const counts = await pool.query<{ tickets: number }>(
      'SELECT tickets FROM buyer_ticket_counts WHERE event_id = $1 AND email = $2',
      [sale.event.id, ada],
    );
    expect(counts.rows[0]?.tickets).toBe(6);
    const uses = await pool.query<{ uses: number }>('SELECT uses FROM promo_codes WHERE id = $1', [
      promo.body.id,
    ]);
    expect(uses.rows[0]?.uses).toBe(1);
    await expectStockInvariants(pool, sale.event.id);
  });

  it("a key another transaction takes between the batch's read and its write: nothing written, the key's owner answers", async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 10 }]);
    const key = `race-${randomUUID()}`;
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, created_at, heartbeat_at)
         VALUES ('orders.create:batch-test', $1, 'other', now(), now())`,
        [key],
      );
      const batcher = createReserveBatcher(pool);
      const pending = batcher.reserve(params(sale.event.id, sale.types[0]!.id, 1, { key }));
      // The reserve has read (no key yet) and now waits on the other transaction's row.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('COMMIT');
      expect((await pending).kind).toBe('keyTaken');
    } finally {
      other.release();
    }
    expect(await stockOf(pool, sale.types[0]!.id)).toMatchObject({ held: 0 });
    const orders = await pool.query('SELECT 1 FROM orders WHERE event_id = $1', [sale.event.id]);
    expect(orders.rowCount).toBe(0);
  });

  it('a buyer count raised by another transaction meanwhile: refused without facts, nothing written', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 50, maxPerOrder: 10 }]);
    const email = `raced-${randomUUID().slice(0, 8)}@example.test`;
    await pool.query('INSERT INTO buyer_ticket_counts (event_id, email, tickets) VALUES ($1, $2, 2)', [
      sale.event.id,
      email,
    ]);
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('UPDATE buyer_ticket_counts SET tickets = 9 WHERE event_id = $1 AND email = $2', [
        sale.event.id,
        email,
      ]);
      const batcher = createReserveBatcher(pool);
      // 2 + 5 fits in what the reserve reads; 9 + 5 does not, on the row version its write locks.
      const pending = batcher.reserve(params(sale.event.id, sale.types[0]!.id, 5, { buyerEmail: email }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('COMMIT');
      expect(await pending).toEqual({ kind: 'refused', facts: null });
    } finally {
      other.release();
    }
    expect(await stockOf(pool, sale.types[0]!.id)).toMatchObject({ held: 0 });
    const orders = await pool.query('SELECT 1 FROM orders WHERE event_id = $1', [sale.event.id]);
    expect(orders.rowCount).toBe(0);
  });
});
