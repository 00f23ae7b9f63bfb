import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, expectProblem, openSale, orderBody, reserve, stockOf } from './checkout-helpers';
import { anonymous, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Admission control of the reserve: one request in flight and one queued here; a third buyer at that
 * moment is answered 429 RATE_LIMITED + Retry-After at once (the database is not asked), and the two
 * let in complete once the database moves again.
 */
const t = buildTestApp({ admission: { maxInFlight: 1, maxQueue: 1, maxQueueWaitMs: 20_000 } });
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('admission control of POST /api/orders', () => {
  it('answers the excess 429 with Retry-After at once while the admitted and queued reserves complete', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1_000, capacity: 10 }]);
    const type = sale.types[0];
    if (!type) throw new Error('no ticket type');
    const buyerActor = anonymous(t.app);
    const body = () => orderBody(sale.event, [[type, 1]], { buyer: buyer() });

    // The ticket type's row locked elsewhere: the admitted reserve waits on it inside PostgreSQL.
    const holder = await t.database.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM ticket_types WHERE id = $1 FOR UPDATE', [type.id]);
      const admitted = reserve(buyerActor, body()).then((res) => res);
      await sleep(300);
      const queued = reserve(buyerActor, body()).then((res) => res);
      await sleep(100);

      const started = performance.now();
      const refused = await reserve(buyerActor, body());
      const refusedMs = performance.now() - started;
      expectProblem(refused, 429, 'RATE_LIMITED');
      expect(refused.headers['retry-after']).toBe('1');
      expect(refusedMs).toBeLessThan(1_000);
      // A malformed body past capacity is refused the same way: the gate comes before parsing.
      const refusedUnparsed = await buyerActor.post('/api/orders', '{"not json').type('json');
      expectProblem(refusedUnparsed, 429, 'RATE_LIMITED');

      await holder.query('COMMIT');
      expect((await admitted).status).toBe(201);
      expect((await queued).status).toBe(201);
    } finally {
      holder.release();
    }
    // Places are given back: the next buyer goes straight through.
    expect((await reserve(buyerActor, body())).status).toBe(201);
    const stock = await stockOf(t.database.pool, type.id);
    expect(stock.held).toBe(3);
  });

  it('does not gate other routes', async () => {
    const res = await anonymous(t.app).get('/api/public/events');
    expect(res.status).toBe(200);
  });
});
