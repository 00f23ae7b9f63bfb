import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import type { ErrorCode } from '@zevents/contracts';
import { AppError, type FieldProblem, STATUS_BY_CODE } from './errors';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyRequest {
  /** Who is asking and for what: keys are unique per scope, never across callers. */
  scope: string;
  key: string;
  requestHash: string;
}

/** A request in flight longer than this is taken to have died with its process; the key is reused. */
const ABANDONED_AFTER_MS = 60_000;

export const IDEMPOTENCY_KEY_PATTERN = /^[\w.:-]{1,200}$/;

/** The same body gives the same hash whatever the order of its keys. */
export function hashRequest(parts: unknown): string {
  return createHash('sha256').update(stableStringify(parts)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function parseIdempotencyKey(header: unknown): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header))
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1-200 letters, digits, or . _ : -', {
      errors: [{ path: 'Idempotency-Key', message: 'invalid header' }],
    });
  return header;
}

/** What an existing record means for a new request with the same key. */
export function replayOrConflict(
  row: { requestHash: string; responseStatus: number | null; responseBody: unknown },
  requestHash: string,
): StoredResponse | undefined {
  if (row.requestHash !== requestHash)
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'This Idempotency-Key was already used with a different request',
    );
  if (row.responseStatus !== null) return { status: row.responseStatus, body: row.responseBody };
  return undefined;
}

export async function findIdempotencyRecord(db: Db, scope: string, key: string) {
  const rows = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
    .limit(1);
  return rows[0];
}

export async function storeIdempotentResponse(
  db: Db,
  request: IdempotencyRequest,
  response: StoredResponse,
  resourceId?: string,
): Promise<void> {
  await db
    .insert(idempotencyKeys)
    .values({
      scope: request.scope,
      key: request.key,
      requestHash: request.requestHash,
      responseStatus: response.status,
      responseBody: response.body,
      resourceId,
    })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: { responseStatus: response.status, responseBody: response.body },
      where: sql`${idempotencyKeys.requestHash} = ${request.requestHash} AND ${idempotencyKeys.responseStatus} IS NULL`,
    });
}

/**
 * Makes a refused request's problem the answer to its key, so the same request gets the same
 * answer. Only a key with no answer and no resource yet takes it (this request's own claim, or no
 * row at all): a key that another request with the same body won and did the work for keeps that
 * request's answer. Returns false then, and the caller replays that answer instead.
 */
export async function rememberProblem(
  db: Db,
  request: IdempotencyRequest,
  error: AppError,
): Promise<boolean> {
  const status = STATUS_BY_CODE[error.code];
  const body = problemBodyOf(error);
  const stored = await db
    .insert(idempotencyKeys)
    .values({
      scope: request.scope,
      key: request.key,
      requestHash: request.requestHash,
      responseStatus: status,
      responseBody: body,
    })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: { responseStatus: status, responseBody: body },
      where: sql`${idempotencyKeys.requestHash} = ${request.requestHash} AND ${idempotencyKeys.responseStatus} IS NULL AND ${idempotencyKeys.resourceId} IS NULL`,
    })
    .returning({ key: idempotencyKeys.key });
  return stored.length > 0;
}

/**
 * Runs `work` at most once per key: the key is claimed first (a row in PostgreSQL, so it holds across
 * API processes), then the response is stored. A replay gets the stored response; a concurrent
 * request with the same key gets 409 while the first is in flight. Client errors (4xx) are stored
 * like successes; server errors release the key so the client may retry.
 */
export async function runIdempotent(
  db: Db,
  request: IdempotencyRequest | undefined,
  now: Date,
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!request) return work();
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ scope: request.scope, key: request.key, requestHash: request.requestHash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const existing = await findIdempotencyRecord(db, request.scope, request.key);
    if (existing) {
      const replay = replayOrConflict(existing, request.requestHash);
      if (replay) return replay;
      const takenOver = await db
        .update(idempotencyKeys)
        .set({ createdAt: now })
        .where(
          and(
            eq(idempotencyKeys.scope, request.scope),
            eq(idempotencyKeys.key, request.key),
            lt(idempotencyKeys.createdAt, new Date(now.getTime() - ABANDONED_AFTER_MS)),
          ),
        )
        .returning({ key: idempotencyKeys.key });
      if (takenOver.length === 0)
        throw new AppError(
          'REQUEST_IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed',
          {
            headers: { 'Retry-After': '1' },
          },
        );
    }
  }
  try {
    const response = await work();
    await storeIdempotentResponse(db, request, response);
    return response;
  } catch (error) {
    if (
      error instanceof AppError &&
      error.code !== 'SERVICE_UNAVAILABLE' &&
      error.code !== 'PAYMENT_PROVIDER_ERROR'
    ) {
      await rememberProblem(db, request, error);
    } else {
      await db
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, request.scope), eq(idempotencyKeys.key, request.key)));
    }
    throw error;
  }
}

/** Turns a stored response back into what the route answers: a body, or the same problem again. */
export function replayResponse(stored: StoredResponse): unknown {
  if (stored.status < 400) return stored.body;
  const { code, detail, errors, ...extra } = stored.body as {
    code: ErrorCode;
    detail: string;
    errors?: FieldProblem[];
  } & Record<string, unknown>;
  throw new AppError(code, detail, { errors, extra });
}

/** The part of a problem document worth replaying (no request id: that belongs to each request). */
export function problemBodyOf(error: AppError): Record<string, unknown> {
  return { code: error.code, detail: error.detail, errors: error.errors, ...error.extra };
}
