import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyOneTicket, newTally, runBuyers } from './support/buyers';
import {
  freePort,
  killGroup,
  openSale,
  report,
  type ServerProcess,
  sleep,
  startServer,
  startThrowawayCluster,
  stockOf,
  type ThrowawayCluster,
  waitUntilServing,
} from './support/chaos-platform';

/**
 * The server process itself fails: kill -9 in the middle of a sale (then restarted, as a process
 * manager would), and SIGTERM with requests in flight (what every process manager sends first).
 */

let cluster: ThrowawayCluster;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster();
});

afterAll(async () => {
  for (const server of servers) killGroup(server, 'SIGKILL');
  await cluster?.stop();
});

function start(port: number): ServerProcess {
  const server = startServer({ databaseUrl: cluster.url, port });
  servers.push(server);
  return server;
}

describe('kill -9 of the server mid-sale', () => {
  it('serves again within 4 s of the restart and every retrying buyer gets its answer', async () => {
    const port = await freePort();
    let server = start(port);
    await waitUntilServing(server.baseUrl);
    const capacity = 50;
    const buyers = 70;
    const sale = await openSale(cluster.database, capacity);
    const tally = newTally();
    // Buyers retrying with the same key may meet a claim left by a killed request (409
    // REQUEST_IN_PROGRESS) until it is taken over; the bound leaves room for that.
    const deadline = Date.now() + 90_000;
    const buying = runBuyers(buyers, 12, () =>
      buyOneTicket({ baseUrl: () => server.baseUrl, ...sale, tally, deadline }),
    );

    await sleep(400);
    killGroup(server, 'SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    const restarted = performance.now();
    server = start(port);
    const servingAgainMs = await waitUntilServing(server.baseUrl, 30_000);
    const outcomes = await buying;
    const finishedMs = performance.now() - restarted;

    const gaveUp = outcomes.filter((o) => o.result === 'gave_up');
    const paid = outcomes.filter((o) => o.result === 'paid');
    expect(gaveUp).toEqual([]);
    expect(tally.serverErrors).toBe(0);
    const stock = await stockOf(cluster.database, sale.ticketTypeId);
    expect(stock.sold + stock.held).toBeLessThanOrEqual(stock.capacity);
    expect(stock.valid_tickets).toBe(stock.sold);
    expect(stock.sold).toBe(paid.length);
    // A cold start loads the whole bundle and its libraries (PDF, images, S3, Stripe, mail, API docs):
    // 1.8-2.7 s on the 2-core CI machine while the retrying buyers keep it busy, up from 0.6-0.9 s
    // before those libraries came. Making them load on first use is the way back under 2 s.
    expect(servingAgainMs).toBeLessThanOrEqual(4_000);

    report('kill -9 of the server mid-sale', {
      faultsInjected: 1,
      buyers,
      paid: paid.length,
      soldOut: outcomes.filter((o) => o.result === 'sold_out').length,
      requestsLost: gaveUp.length,
      requestsWithoutAnswerRetried: tally.networkErrors,
      inProgress409Retried: tally.statuses.get(409) ?? 0,
      secondsToServeAgainAfterKill: servingAgainMs / 1000,
      secondsUntilEveryBuyerAnswered: finishedMs / 1000,
    });
    killGroup(server, 'SIGTERM');
    await server.exited;
  });
});

describe('a server killed between the steps of one payment (ZEVENTS_FAULTS=orders.pay.after-charge)', () => {
  it('the retry with the same key takes the dead claim over and answers paid, charged once', async () => {
    const port = await freePort();
    const crashing = startServer({
      databaseUrl: cluster.url,
      port,
      env: { ZEVENTS_FAULTS: 'orders.pay.after-charge' },
    });
    servers.push(crashing);
    await waitUntilServing(crashing.baseUrl);
    const sale = await openSale(cluster.database, 5);
    const post = (path: string, body: unknown, key: string) =>
      fetch(`${crashing.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    const reserved = await post(
      '/api/orders',
      {
        eventId: sale.eventId,
        items: [{ ticketTypeId: sale.ticketTypeId, quantity: 2 }],
        buyer: { name: 'Crash Buyer', email: 'crash-buyer@example.test' },
      },
      'reserve-crash-1',
    );
    expect(reserved.status).toBe(201);
    const order = (await reserved.json()) as { id: string; accessToken: string };
    const payPath = `/api/orders/${order.id}/pay?token=${encodeURIComponent(order.accessToken)}`;
    const payKey = 'pay-crash-1';
    // The process kills itself (SIGKILL) right after the payment commits, before it answers.
    await expect(post(payPath, { card: '4242424242424242' }, payKey)).rejects.toThrow();
    expect(await crashing.exited).toBe('SIGKILL');

    const restarted = start(port);
    await waitUntilServing(restarted.baseUrl);
    const retryStarted = performance.now();
    let answer: { status: number; body: { status?: string; tickets?: unknown[]; code?: string } } | undefined;
    let inProgress = 0;
    while (performance.now() - retryStarted < 60_000) {
      const res = await fetch(`${restarted.baseUrl}${payPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': payKey },
        body: JSON.stringify({ card: '4242424242424242' }),
      });
      const body = (await res.json()) as { status?: string; tickets?: unknown[]; code?: string };
      if (res.status === 409 && body.code === 'REQUEST_IN_PROGRESS') {
        inProgress += 1;
        await sleep(Number(res.headers.get('retry-after') ?? 1) * 1_000);
        continue;
      }
      answer = { status: res.status, body };
      break;
    }
    const answeredAfterMs = performance.now() - retryStarted;
    expect(answer?.status).toBe(200);
    expect(answer?.body.status).toBe('paid');
    expect(answer?.body.tickets).toHaveLength(2);
    const payments = await cluster.database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM payments WHERE order_id = $1 AND status = 'succeeded'",
      [order.id],
    );
    expect(payments.rows[0]?.n).toBe(1);
    const stock = await stockOf(cluster.database, sale.ticketTypeId);
    expect(stock.valid_tickets).toBe(stock.sold);
    report('a server killed between the charge and its answer', {
      faultsInjected: 1,
      requestsLost: answer ? 0 : 1,
      inProgress409Retried: inProgress,
      secondsUntilTheRetryAnswered: answeredAfterMs / 1000,
      succeededPayments: payments.rows[0]?.n ?? 0,
    });
    killGroup(restarted, 'SIGTERM');
    await restarted.exited;
  });
});

/** Until the listening socket's accept queue (`ss`'s Recv-Q) is empty, or 5 s. */
async function waitUntilAccepted(port: number): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < 5_000) {
    const listing = spawnSync('ss', ['-Hlnt', `sport = :${port}`], { encoding: 'utf8' });
    if (listing.status !== 0) {
      await sleep(500); // no ss here: a generous pause instead
      return;
    }
    const queued = listing.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => Number(line.trim().split(/\s+/)[1] ?? 0));
    if (queued.every((n) => n === 0)) return;
    await sleep(20);
  }
}

describe('SIGTERM with requests in flight', () => {
  it('answers every request already received and exits 0 within 10 s', async () => {
    const server = start(await freePort());
    await waitUntilServing(server.baseUrl);
    const sale = await openSale(cluster.database, 10_000);
    const tally = newTally();

    // A burst of reserves, each on a connection of its own, held in flight by a lock on the ticket
    // type's row (each reserve's UPDATE waits for it): SIGTERM lands once the server has accepted
    // every connection, with every request received and none answered; the lock goes 300 ms later.
    const holder = await cluster.database.pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM ticket_types WHERE id = $1 FOR UPDATE', [sale.ticketTypeId]);
    const burst = 60;
    let written = 0;
    let answered = 0;
    let allWritten!: () => void;
    const isWritten = new Promise<void>((resolve) => (allWritten = resolve));
    const requests = Array.from(
      { length: burst },
      () =>
        new Promise<number>((resolve) => {
          const body = JSON.stringify({
            eventId: sale.eventId,
            items: [{ ticketTypeId: sale.ticketTypeId, quantity: 1 }],
            buyer: { name: 'Chaos Buyer', email: `term-${Math.random().toString(36).slice(2)}@example.test` },
          });
          const req = http.request(
            `${server.baseUrl}/api/orders`,
            { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
            (res) => {
              res.resume();
              res.on('end', () => {
                answered++;
                resolve(res.statusCode ?? 0);
              });
            },
          );
          req.on('error', () => {
            tally.networkErrors++;
            resolve(0);
          });
          req.on('finish', () => {
            if (++written === burst) allWritten();
          });
          req.end(body);
        }),
    );
    await isWritten;
    // Connections still in the kernel's listen queue were never received by the server.
    await waitUntilAccepted(server.port);
    await sleep(100);
    const signalled = performance.now();
    const unansweredAtSignal = burst - answered;
    killGroup(server, 'SIGTERM');
    await sleep(300);
    await holder.query('COMMIT');
    holder.release();
    const statuses = await Promise.all(requests);
    const exitCode = await server.exited;
    const exitMs = performance.now() - signalled;

    expect(exitCode, server.output()).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
    expect(unansweredAtSignal).toBe(burst);
    // Every request was sent before SIGTERM: each got its answer, none was dropped.
    expect(statuses.filter((status) => status === 0)).toEqual([]);
    expect(statuses.every((status) => status === 201)).toBe(true);
    const stock = await stockOf(cluster.database, sale.ticketTypeId);
    expect(stock.held).toBe(burst);

    report('SIGTERM with requests in flight', {
      faultsInjected: 1,
      requestsReceived: burst,
      unansweredWhenSignalled: unansweredAtSignal,
      answered: statuses.filter((status) => status !== 0).length,
      requestsLost: statuses.filter((status) => status === 0).length,
      secondsToExit: exitMs / 1000,
      exitCode: String(exitCode),
    });
  });
});
