import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { idempotencyKeys } from '../db/schema';

/** Who is asking and for what, and the hash of what they asked. */
export interface IdempotencyKeyRef {
  scope: string;
  key: string;
  requestHash: string;
}

export async function findIdempotencyRecord(db: DbOrTx, scope: string, key: string) {
  const rows = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
    .limit(1);
  return rows[0];
}

/** This request's own record of its key while it has no answer yet. */
function unansweredClaimOf(request: IdempotencyKeyRef) {
  return and(
    eq(idempotencyKeys.scope, request.scope),
    eq(idempotencyKeys.key, request.key),
    eq(idempotencyKeys.requestHash, request.requestHash),
    isNull(idempotencyKeys.responseStatus),
  );
}

/** Claims a key for a request about to run; false when the key already has a record. */
export async function insertClaim(db: DbOrTx, request: IdempotencyKeyRef, now: Date): Promise<boolean> {
  const claimed = await db
    .insert(idempotencyKeys)
    .values({
      scope: request.scope,
      key: request.key,
      requestHash: request.requestHash,
      createdAt: now,
      heartbeatAt: now,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

/**
 * Stores a key's answer in the request's own claim (no answer yet, or marked done with the same
 * status and no body), or in a new record when the key has none; false when another answer was there
 * and stays.
 */
export async function upsertAnswer(
  db: DbOrTx,
  request: IdempotencyKeyRef,
  answer: { status: number; body: unknown; resourceId?: string },
): Promise<boolean> {
  const stored = await db
    .insert(idempotencyKeys)
    .values({
      scope: request.scope,
      key: request.key,
      requestHash: request.requestHash,
      responseStatus: answer.status,
      responseBody: answer.body,
      resourceId: answer.resourceId,
    })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: { responseStatus: answer.status, responseBody: answer.body },
      where: sql`${idempotencyKeys.requestHash} = ${request.requestHash} AND (${idempotencyKeys.responseStatus} IS NULL OR (${idempotencyKeys.responseStatus} = ${answer.status} AND ${idempotencyKeys.responseBody} IS NULL))`,
    })
    .returning({ key: idempotencyKeys.key });
  return stored.length > 0;
}

export interface UnclaimedAnswer {
  request: IdempotencyKeyRef;
  answer: { status: number; body: unknown };
}

/**
 * Stores keys' answers (refusals) in one statement, each only into a record of its key with no answer
 * and no resource yet, or a new one: an answer another request with the same body stored (or did the
 * work for) is never replaced. Returns the keys whose answer went in (see keyRefId). The same key
 * twice in one call is refused by PostgreSQL (ON CONFLICT cannot touch a row twice): the caller sends
 * those again one at a time.
 */
export async function upsertUnclaimedAnswers(
  db: DbOrTx,
  entries: readonly UnclaimedAnswer[],
): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const stored = await db
    .insert(idempotencyKeys)
    .values(
      entries.map(({ request, answer }) => ({
        scope: request.scope,
        key: request.key,
        requestHash: request.requestHash,
        responseStatus: answer.status,
        responseBody: answer.body,
      })),
    )
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: { responseStatus: sql`excluded.response_status`, responseBody: sql`excluded.response_body` },
      where: sql`${idempotencyKeys.requestHash} = excluded.request_hash AND ${idempotencyKeys.responseStatus} IS NULL AND ${idempotencyKeys.resourceId} IS NULL`,
    })
    .returning({ scope: idempotencyKeys.scope, key: idempotencyKeys.key });
  return new Set(stored.map((row) => keyRefId(row)));
}

/** One string per (scope, key): what upsertUnclaimedAnswers returns its keys as. */
export function keyRefId(ref: { scope: string; key: string }): string {
  return `${ref.scope}\u0000${ref.key}`;
}

/** Marks the request's unanswered claim done, to be rendered again from `resourceId`. */
export async function markClaimDone(
  db: DbOrTx,
  request: IdempotencyKeyRef,
  status: number,
  resourceId: string,
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: status, resourceId })
    .where(unansweredClaimOf(request));
}

/** Locks the request's claim (FOR UPDATE) while it is unanswered; false when it is answered or gone. */
export async function lockUnansweredClaim(db: DbOrTx, request: IdempotencyKeyRef): Promise<boolean> {
  const rows = await db
    .select({ key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(unansweredClaimOf(request))
    .for('update');
  return rows.length > 0;
}

export async function deleteUnansweredClaim(db: DbOrTx, request: IdempotencyKeyRef): Promise<void> {
  await db.delete(idempotencyKeys).where(unansweredClaimOf(request));
}

/** Takes over the request's unanswered claim when its last heartbeat is older than `staleBefore`. */
export async function takeOverStaleClaim(
  db: DbOrTx,
  request: IdempotencyKeyRef,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ heartbeatAt: now })
    .where(and(unansweredClaimOf(request), lt(idempotencyKeys.heartbeatAt, staleBefore)))
    .returning({ key: idempotencyKeys.key });
  return taken.length > 0;
}

/** Renews the heartbeat of a key whose answer's body is not stored yet. */
export async function renewClaim(db: DbOrTx, request: { scope: string; key: string }, now: Date) {
  await db
    .update(idempotencyKeys)
    .set({ heartbeatAt: now })
    .where(
      and(
        eq(idempotencyKeys.scope, request.scope),
        eq(idempotencyKeys.key, request.key),
        isNull(idempotencyKeys.responseBody),
      ),
    );
}
