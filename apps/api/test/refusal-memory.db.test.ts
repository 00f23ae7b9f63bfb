import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../src/db/schema';
import { AppError } from '../src/http/errors';
import {
  createRefusalMemory,
  type IdempotencyRequest,
  storeIdempotentResponse,
} from '../src/http/idempotency';
import { buildTestApp } from './harness';

const t = buildTestApp();
const { db } = t.database;

const requestFor = (key: string, requestHash = 'hash-a'): IdempotencyRequest => ({
  scope: `orders.reserve:test-${randomUUID()}`,
  key,
  requestHash,
});
const soldOut = () => new AppError('SOLD_OUT', 'Sold out', { extra: { remaining: [] } });

async function answerOf(request: IdempotencyRequest) {
  const rows = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, request.scope), eq(idempotencyKeys.key, request.key)));
  return rows[0];
}

describe('createRefusalMemory (keyed refusals remembered together)', () => {
  it("stores every refusal of a burst as its key's answer, in fewer statements than refusals", async () => {
    const batches: number[] = [];
    const remember = createRefusalMemory(db, { onBatch: (size) => batches.push(size) });
    const requests = Array.from({ length: 60 }, (_, i) => requestFor(`burst-${i}`));
    const stored = await Promise.all(requests.map((request) => remember(request, soldOut())));
    expect(stored.every(Boolean)).toBe(true);
    expect(batches.reduce((sum, n) => sum + n, 0)).toBe(60);
    expect(batches.length).toBeLessThan(60);
    for (const request of requests) {
      const row = await answerOf(request);
      expect(row?.responseStatus).toBe(409);
      expect(row?.responseBody).toMatchObject({ code: 'SOLD_OUT', detail: 'Sold out', remaining: [] });
    }
  });

  it('the same key twice in one burst: one answer goes in, the other is told to replay it', async () => {
    const batches: number[] = [];
    const remember = createRefusalMemory(db, { onBatch: (size) => batches.push(size) });
    const twice = requestFor('twice');
    const others = Array.from({ length: 10 }, (_, i) => requestFor(`other-${i}`));
    const results = await Promise.all([
      remember(twice, soldOut()),
      ...others.map((request) => remember(request, soldOut())),
      remember({ ...twice }, soldOut()),
    ]);
    // PostgreSQL refuses a statement that touches one key twice: the batch ran again one by one.
    expect([results[0], results.at(-1)].filter(Boolean)).toHaveLength(1);
    expect(results.slice(1, -1).every(Boolean)).toBe(true);
    expect((await answerOf(twice))?.responseStatus).toBe(409);
    expect(batches).toEqual([12, ...Array<number>(12).fill(1)]);
  });

  it('never replaces an answer the key already has (another request did the work)', async () => {
    const remember = createRefusalMemory(db);
    const won = requestFor('won');
    await storeIdempotentResponse(db, won, { status: 201, body: { id: 'order-1' } });
    expect(await remember(won, soldOut())).toBe(false);
    expect(await answerOf(won)).toMatchObject({ responseStatus: 201, responseBody: { id: 'order-1' } });
    // Nor the answer of the same key sent with another body.
    const conflicting = requestFor('conflicting', 'hash-a');
    expect(await remember(conflicting, soldOut())).toBe(true);
    expect(await remember({ ...conflicting, requestHash: 'hash-b' }, soldOut())).toBe(false);
  });
});
