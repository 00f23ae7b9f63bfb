import { randomInt, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../../src/db/client';
import { createJobQueue, type JobQueue } from '../../src/jobs/job-queue';
import { createWorkerJobs, JOB_DEFINITIONS } from '../../src/jobs/worker-jobs';
import { createMailer, type Mailer } from '../../src/modules/notifications/mailer';
import type { PaymentProvider } from '../../src/modules/payments/payment-provider';
import type { Clock } from '../../src/shared/clock';

/** Shared pieces of the notification tests and the reminder benchmark (not a test file itself). */

export const MAIL_FROM = 'Z-Events <no-reply@example.test>';
export const PUBLIC_URL = 'http://localhost:3000';

/**
 * A start time no other test file uses: the reminder scan covers every event in the database, so
 * tests that move a clock put their events decades ahead, at a random minute, where nobody else is.
 */
export function lonelyStart(): Date {
  const start = Date.parse('2060-01-01T00:00:00Z') + randomInt(0, 30 * 365) * 86_400_000;
  return new Date(start + randomInt(0, 24 * 60) * 60_000);
}

export const minutes = (n: number) => n * 60_000;

/**
 * Paid orders of one ticket each (or `ticketsPerOrder`), written in bulk with SQL (as checkout would
 * leave them: order, item, tickets, stock), for volume tests. Buyers are `${prefix}-<n>@example.test`.
 */
export async function seedPaidOrders(
  pool: pg.Pool,
  options: {
    eventId: string;
    ticketTypeId: string;
    count: number;
    paidAt: Date;
    prefix: string;
    priceCents?: number;
    ticketsPerOrder?: number;
  },
): Promise<void> {
  const price = options.priceCents ?? 1000;
  const perOrder = options.ticketsPerOrder ?? 1;
  // Ticket codes number the tickets in 20 bits (8 a order at most): past that they would collide.
  if (options.count * 8 >= 1 << 20 || perOrder > 7)
    throw new Error('seedPaidOrders: at most 131,000 orders of 7 tickets');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE seeded ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1::int) n`,
      [options.count],
    );
    await client.query(
      `INSERT INTO orders (id, event_id, status, buyer_name, buyer_email, subtotal_cents, total_cents, currency,
                           expires_at, paid_at)
       SELECT s.id, $1, 'paid', 'Buyer ' || s.n, $2 || '-' || s.n || '@example.test', $3, $3, 'EUR', $4, $4
       FROM seeded s`,
      [options.eventId, options.prefix, price * perOrder, options.paidAt],
    );
    await client.query(
      `INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents, total_cents)
       SELECT s.id, $1, $2, $4::int, $3::bigint, $3::bigint * $4::int FROM seeded s`,
      [options.ticketTypeId, options.eventId, price, perOrder],
    );
    await client.query(
      `INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name)
       SELECT s.id, $1, $2,
              -- Numbered, so that no two of one call collide (random 32-bit codes did, for one run of the
              -- reminder benchmark in a hundred: 10,000 of them); the prefix's hash in the top 12 bits
              -- keeps two calls for one event apart, but for one pair of prefixes in 4,096.
              upper(substr(c.hex, 1, 4) || '-' || substr(c.hex, 5, 4)),
              'Buyer ' || s.n
       FROM seeded s, generate_series(1, $4::int) k,
            LATERAL (SELECT lpad(to_hex(((hashtext($3) & 4095)::bigint << 20) + s.n * 8 + k), 8, '0') AS hex) c`,
      [options.eventId, options.ticketTypeId, options.prefix, perOrder],
    );
    await client.query('UPDATE ticket_types SET sold = sold + $2 WHERE id = $1', [
      options.ticketTypeId,
      options.count * perOrder,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export interface Worker {
  /** pg-boss's schema (its `job` table holds the jobs). */
  schema: string;
  queue: JobQueue;
  mailer: Mailer;
  stop(): Promise<void>;
}

/**
 * A worker as main.ts starts one: its own pg-boss instance (in `schema`, so several share one queue),
 * every job's handler, and a mailer pointed at `smtpUrl` (undefined: capture only, like development).
 */
export async function startWorker(options: {
  url: string;
  schema: string;
  database: Database;
  clock: Clock;
  logger: Logger;
  smtpUrl: string | undefined;
  appSecret: string;
  timeoutMs?: number;
  retry?: { retryLimit?: number; retryDelaySeconds?: number };
  poolSize?: number;
  /** false: only the queue (jobs wait there, for tests that look at them or run handlers by hand). */
  workers?: boolean;
  /** Wraps the mailer (to count, delay or kill sends). */
  wrapMailer?: (mailer: Mailer) => Mailer;
  /** The provider refund jobs call (default: the test provider). */
  paymentProvider?: PaymentProvider;
  /** As NODE_ENV=production runs it: sent messages' bodies are not kept in the outbox. */
  isProduction?: boolean;
}): Promise<Worker> {
  const queue = await createJobQueue({
    url: options.url,
    logger: options.logger,
    jobs: JOB_DEFINITIONS,
    isWorker: false, // no cron: tests and the benchmark run queueDueReminders on their own clock
    schema: options.schema,
    poolSize: options.poolSize ?? 3,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const real = createMailer({
    smtpUrl: options.smtpUrl,
    from: MAIL_FROM,
    timeoutMs: options.timeoutMs ?? 2000,
  });
  const mailer = options.wrapMailer ? options.wrapMailer(real) : real;
  if (options.workers !== false)
    await queue.startWorkers(
      createWorkerJobs({
        database: options.database,
        clock: options.clock,
        logger: options.logger,
        mailer,
        enqueuer: queue,
        config: {
          publicUrl: PUBLIC_URL,
          appSecret: options.appSecret,
          payments: { provider: 'test' },
          isProduction: options.isProduction ?? false,
        },
        ...(options.paymentProvider ? { paymentProvider: options.paymentProvider } : {}),
      }),
    );
  let stopped = false;
  return {
    schema: options.schema,
    queue,
    mailer,
    async stop() {
      if (stopped) return;
      stopped = true;
      await queue.stop();
      real.close();
    },
  };
}

export const newQueueSchema = () => `pgboss_${randomUUID().slice(0, 8)}`;

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'a condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
