import { randomUUID } from 'node:crypto';
import { sleep } from './chaos-platform';

/**
 * Buyers as a careful client behaves: every reserve and every payment carries an Idempotency-Key and
 * is retried with the same key on 503, 429, 409 REQUEST_IN_PROGRESS and on a dropped connection,
 * waiting what Retry-After says, until `deadline`. Nothing is retried after a real answer.
 */

export interface Tally {
  /** Responses by status. */
  statuses: Map<number, number>;
  /** 503 answers that carried Retry-After (what the outage must look like). */
  unavailableWithRetryAfter: number;
  /** 5xx other than 503 (a crash mapped to 500 would land here). */
  serverErrors: number;
  /** Requests that got no HTTP answer (connection refused or dropped). */
  networkErrors: number;
}

export const newTally = (): Tally => ({
  statuses: new Map(),
  unavailableWithRetryAfter: 0,
  serverErrors: 0,
  networkErrors: 0,
});

export interface BuyerOutcome {
  email: string;
  result: 'paid' | 'sold_out' | 'gave_up';
  orderId?: string;
}

async function callWithRetries(
  tally: Tally,
  deadline: number,
  url: string,
  body: unknown,
  idempotencyKey: string,
): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  for (;;) {
    if (Date.now() > deadline) return undefined;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      tally.networkErrors++;
      await sleep(100);
      continue;
    }
    const text = await res.text();
    tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
    const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const retryAfter = res.headers.get('retry-after');
    if (res.status === 503 && retryAfter) tally.unavailableWithRetryAfter++;
    if (res.status >= 500 && res.status !== 503) tally.serverErrors++;
    const isRetryable =
      res.status === 503 ||
      res.status === 429 ||
      (res.status === 409 && parsed.code === 'REQUEST_IN_PROGRESS') ||
      res.status >= 500;
    if (!isRetryable) return { status: res.status, body: parsed };
    // Retry-After in seconds, capped so a test never sleeps long; a little jitter spreads the herd.
    const waitMs = Math.min(2_000, Number(retryAfter ?? 1) * 1_000) * (0.5 + Math.random() / 2);
    await sleep(waitMs);
  }
}

export async function buyOneTicket(options: {
  baseUrl: () => string;
  eventId: string;
  ticketTypeId: string;
  tally: Tally;
  deadline: number;
}): Promise<BuyerOutcome> {
  const email = `chaos-${randomUUID().slice(0, 12)}@example.test`;
  const reserveKey = randomUUID();
  const reserved = await callWithRetries(
    options.tally,
    options.deadline,
    `${options.baseUrl()}/api/orders`,
    {
      eventId: options.eventId,
      items: [{ ticketTypeId: options.ticketTypeId, quantity: 1 }],
      buyer: { name: 'Chaos Buyer', email },
    },
    reserveKey,
  );
  if (!reserved) return { email, result: 'gave_up' };
  if (reserved.status === 409 && reserved.body.code === 'SOLD_OUT') return { email, result: 'sold_out' };
  if (reserved.status !== 201)
    throw new Error(`reserve answered ${reserved.status}: ${JSON.stringify(reserved.body)}`);
  const orderId = String(reserved.body.id);
  const token = String(reserved.body.accessToken ?? '');
  const paid = await callWithRetries(
    options.tally,
    options.deadline,
    `${options.baseUrl()}/api/orders/${orderId}/pay?token=${encodeURIComponent(token)}`,
    { card: '4242424242424242' },
    randomUUID(),
  );
  if (!paid) return { email, result: 'gave_up', orderId };
  if (paid.status !== 200 || paid.body.status !== 'paid')
    throw new Error(`pay answered ${paid.status}: ${JSON.stringify(paid.body)}`);
  return { email, result: 'paid', orderId };
}

/** `count` buyers, `concurrency` at a time. */
export async function runBuyers(
  count: number,
  concurrency: number,
  buy: () => Promise<BuyerOutcome>,
): Promise<BuyerOutcome[]> {
  const outcomes: BuyerOutcome[] = [];
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      outcomes.push(await buy());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return outcomes;
}
