/**
 * The reference the flash-sale benchmark measures the real reserve against: a bare Express + pg
 * endpoint that only parses the JSON body and runs the conditional UPDATE of the stock and the
 * INSERT of an order in one statement (one round trip), with no validation, authentication, limits,
 * idempotency or logging. Started by bench/flash-sale.bench.ts in its own process:
 *
 *   DATABASE_URL=... PORT=3191 npx tsx bench/bare-reserve-server.ts
 */
import { availableParallelism } from 'node:os';
import express from 'express';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  // The same pool size the real server takes by default.
  max: availableParallelism() * 2 + 2,
});
pool.on('error', () => undefined);

const RESERVE = `
WITH held AS (
  UPDATE ticket_types SET held = held + $2::int
  WHERE id = $1::uuid AND sold + held + $2::int <= capacity
  RETURNING id
)
INSERT INTO bench_bare_orders (ticket_type_id, quantity, buyer_email)
SELECT id, $2::int, $3::text FROM held
RETURNING id`;

const app = express();
app.use(express.json({ limit: '100kb' }));
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/api/orders', async (req, res) => {
  const body = req.body as {
    items: Array<{ ticketTypeId: string; quantity: number }>;
    buyer: { email: string };
  };
  const item = body.items[0];
  try {
    const result = await pool.query({
      name: 'bare_reserve',
      text: RESERVE,
      values: [item?.ticketTypeId, item?.quantity, body.buyer.email],
    });
    if (result.rows[0]) res.status(201).json({ id: result.rows[0].id as string });
    else res.status(409).json({ code: 'SOLD_OUT' });
  } catch {
    res.status(500).json({ code: 'INTERNAL' });
  }
});

app.listen(Number(process.env.PORT ?? 3191), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
