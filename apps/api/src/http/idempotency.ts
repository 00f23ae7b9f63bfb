import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db/client';
import type { ErrorCode } from '@zevents/contracts';
import type { Clock } from '../shared/clock';
import { SimulatedCrash } from '../shared/faults';
import { AppError, type FieldProblem, STATUS_BY_CODE } from './errors';
import * as repo from './idempotency.repository';
import { createStatementBatcher } from '../db/statement-batcher';

export { findIdempotencyRecord } from './idempotency.repository';

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

/**
 * A claim not renewed for this long belongs to a request whose process died: a retry takes the key
 * over and runs the request again (Stripe's rule), instead of answering 409 forever.
 */
export const ABANDONED_AFTER_MS = 30_000;
/** How often a running request renews its claim: a slow payment call is never taken over. */
export const HEARTBEAT_MS = 10_000;

/**
 * Refusals that can change with time are never the stored answer of a key, so the retry runs
 * again: a rate limit passes, the database comes back, a pass is obtained, details are filled in,
 * a hold of the same buyer expires. Server errors release the key for the same reason.
 */
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'PAYMENT_PROVIDER_ERROR',
  'WAITING_ROOM_PASS_REQUIRED',
  'DETAILS_REQUIRED',
  'BUYER_LIMIT_REACHED',
  'REQUEST_IN_PROGRESS',
  'INTERNAL',
]);

export function isStorableRefusal(error: AppError): boolean {
  return !TRANSIENT_CODES.has(error.code);
}

/** Secrets a stored answer never holds in clear; whoever replays it adds them back. */
const SECRET_FIELDS = ['accessToken'] as const;

export function storableBody(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of SECRET_FIELDS) delete copy[field];
  return copy;
}

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

/** A finished request's record: its answer, or (body null) the resource to render it from again. */
export interface StoredOutcome {
  status: number;
  body: unknown;
  resourceId: string | null;
}

/** What an existing record means for a new request with the same key. */
export function replayOrConflict(
  row: {
    requestHash: string;
    responseStatus: number | null;
    responseBody: unknown;
    resourceId: string | null;
  },
  requestHash: string,
): StoredOutcome | undefined {
  if (row.requestHash !== requestHash)
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'This Idempotency-Key was already used with a different request',
    );
  if (row.responseStatus !== null)
    return { status: row.responseStatus, body: row.responseBody, resourceId: row.resourceId };
  return undefined;
}

/**
 * Stores the answer of a key: into this request's own claim (no answer yet, or marked done with
 * the same status and no body), or as a new record when there is no claim.
 */
export async function storeIdempotentResponse(
  db: DbOrTx,
  request: IdempotencyRequest,
  response: StoredResponse,
  resourceId?: string,
): Promise<void> {
  await repo.upsertAnswer(db, request, {
    status: response.status,
    body: storableBody(response.body),
    resourceId,
  });
}

/**
 * Marks the key done inside the transaction that did the work, so the work and "this key is done"
 * commit together: a process dying after the commit leaves a key whose retry re-renders the answer
 * from `resourceId` instead of doing the work a second time.
 */
export async function markIdempotentDone(
  tx: DbOrTx,
  request: IdempotencyRequest,
  status: number,
  resourceId: string,
): Promise<void> {
  await repo.markClaimDone(tx, request, status, resourceId);
}

/**
 * Thrown inside the work's transaction when the key turned out to be answered already: a request
 * that lost its claim (taken over while it was still alive, its heartbeats missed) found the other
 * one finished first. Nothing of the work is kept; the caller gets that answer instead.
 */
export class ClaimAnswered extends Error {
  override name = 'ClaimAnswered';
}

/**
 * Locks this request's claim inside the transaction about to do work that must happen once (a
 * refund): true while the key is still unanswered. Whoever marks it done (`markIdempotentDone`, in
 * its own transaction) waits for this lock, so of two runs of one key only one can do the work.
 */
export async function lockOpenClaim(tx: DbOrTx, request: IdempotencyRequest): Promise<boolean> {
  return repo.lockUnansweredClaim(tx, request);
}

/**
 * Makes a refused request's problem the answer to its key, so the same request gets the same
 * answer. Only a key with no answer and no resource yet takes it (this request's own claim, or no
 * row at all): a key that another request with the same body won and did the work for keeps that
 * request's answer. Returns false then, and the caller replays that answer instead.
 */
export async function rememberProblem(
  db: DbOrTx,
  request: IdempotencyRequest,
  error: AppError,
): Promise<boolean> {
  const stored = await repo.upsertUnclaimedAnswers(db, [{ request, answer: problemAnswerOf(error) }]);
  return stored.has(repo.keyRefId(request));
}

/** A refusal as a key's stored answer: its status and problem body. */
function problemAnswerOf(error: AppError): { status: number; body: unknown } {
  return { status: STATUS_BY_CODE[error.code], body: problemBodyOf(error) };
}

/** What remembers refused requests' problems as their keys' answers: rememberProblem, coalesced. */
export type RefusalMemory = (request: IdempotencyRequest, error: AppError) => Promise<boolean>;

/**
 * rememberProblem for the refusals of a flash sale: once the stock is gone, thousands of keyed
 * reserves are refused within seconds, and each one's answer was a statement and a commit of its
 * own. The refusals that arrive together go as one statement (db/statement-batcher.ts), each still
 * told whether its answer went in; a batch PostgreSQL refuses (the same key twice, a replay racing
 * its original) runs again one refusal at a time, exactly as rememberProblem would.
 */
export function createRefusalMemory(
  db: DbOrTx,
  options: { maxBatch?: number; onBatch?: (size: number) => void } = {},
): RefusalMemory {
  const batcher = createStatementBatcher<repo.UnclaimedAnswer, boolean>({
    maxBatch: options.maxBatch ?? 200,
    onBatch: options.onBatch,
    send: async (batch) => {
      const stored = await repo.upsertUnclaimedAnswers(db, batch);
      return batch.map(({ request }) => stored.has(repo.keyRefId(request)));
    },
  });
  return (request, error) => batcher.submit({ request, answer: problemAnswerOf(error) });
}

/** Gives the key back (a server error or a refusal that may change): only a claim with no answer. */
async function releaseClaim(db: DbOrTx, request: IdempotencyRequest): Promise<void> {
  await repo.deleteUnansweredClaim(db, request);
}

/** How long a failed request keeps trying to give its key back while the database is away. */
const RELEASE_RETRY_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000];

/**
 * Gives the key back, retrying in the background when the database itself is what failed (the
 * usual reason for a server error): the moment it answers again the key is free, so the buyer's
 * retry runs at once instead of waiting out ABANDONED_AFTER_MS.
 */
async function releaseClaimSoon(db: DbOrTx, request: IdempotencyRequest): Promise<void> {
  try {
    await releaseClaim(db, request);
  } catch {
    void (async () => {
      for (const delay of RELEASE_RETRY_MS) {
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
        try {
          await releaseClaim(db, request);
          return;
        } catch {
          // Still away; the last resort is the takeover after ABANDONED_AFTER_MS.
        }
      }
    })();
  }
}

/** Takes over a claim whose request stopped renewing it (its process died); false while it lives. */
async function takeOverAbandonedClaim(db: DbOrTx, request: IdempotencyRequest, now: Date): Promise<boolean> {
  return repo.takeOverStaleClaim(db, request, now, new Date(now.getTime() - ABANDONED_AFTER_MS));
}

/**
 * Renews this request's claim every `heartbeatMs` while it runs, so a slow request is never taken
 * for a dead one. Returns the function that stops renewing.
 */
export function keepClaimAlive(
  db: DbOrTx,
  request: IdempotencyRequest,
  clock: Clock,
  heartbeatMs = HEARTBEAT_MS,
): () => void {
  // One beat at a time: a beat waiting on the claim's row lock (the request's own transaction
  // holds it while it works) must not pile up more beats, each holding a pooled connection.
  let isBeating = false;
  const timer = setInterval(() => {
    if (isBeating) return;
    isBeating = true;
    repo
      .renewClaim(db, request, clock.now())
      .then(
        () => undefined,
        // A missed beat (database briefly away) is harmless: the next one renews the claim.
        () => undefined,
      )
      .finally(() => {
        isBeating = false;
      });
  }, heartbeatMs);
  timer.unref();
  return () => clearInterval(timer);
}

const inProgress = () =>
  new AppError('REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed', {
    headers: { 'Retry-After': '1' },
  });

export interface RunIdempotentOptions {
  clock: Clock;
  heartbeatMs?: number;
  /** Renders the answer again for a key marked done whose body was never stored (a crash). */
  rerender?: (resourceId: string, status: number) => Promise<StoredResponse>;
}

/**
 * Runs `work` at most once per key: the key is claimed first (a row in PostgreSQL, so it holds across
 * API processes) and renewed while the work runs, then the response is stored. A replay gets the
 * stored response; a concurrent request with the same key gets 409 while the first is alive; a claim
 * left unrenewed for ABANDONED_AFTER_MS (its process died) is taken over and the work runs again, so
 * `work` must be safe to run again after a crash at any point: complete what a dead run left done
 * (or mark the key done in its own transaction), undo nothing it cannot see. Refusals that can change
 * with time and server errors release the key; other client errors are stored like successes.
 */
export async function runIdempotent(
  db: DbOrTx,
  request: IdempotencyRequest | undefined,
  options: RunIdempotentOptions,
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!request) return work();
  const now = options.clock.now();
  if (!(await repo.insertClaim(db, request, now))) {
    const existing = await repo.findIdempotencyRecord(db, request.scope, request.key);
    // Gone between the two statements: its request failed and gave it back; ask to retry.
    if (!existing) throw inProgress();
    const replay = replayOrConflict(existing, request.requestHash);
    if (replay) return resolveReplay(replay, options);
    if (!(await takeOverAbandonedClaim(db, request, now))) {
      // The takeover may have waited for the claim's owner to finish: then its answer is ours.
      const settled = await repo.findIdempotencyRecord(db, request.scope, request.key);
      const answer = settled && replayOrConflict(settled, request.requestHash);
      if (answer) return resolveReplay(answer, options);
      throw inProgress();
    }
  }
  const stopHeartbeat = keepClaimAlive(db, request, options.clock, options.heartbeatMs);
  try {
    const response = await work();
    await storeIdempotentResponse(db, request, response);
    return response;
  } catch (error) {
    // A dead process cleans nothing up: the claim stays for a retry to take over.
    if (error instanceof SimulatedCrash) throw error;
    if (error instanceof ClaimAnswered) {
      const record = await repo.findIdempotencyRecord(db, request.scope, request.key);
      const replay = record && replayOrConflict(record, request.requestHash);
      if (replay) return resolveReplay(replay, options);
      throw inProgress();
    }
    if (error instanceof AppError && isStorableRefusal(error)) {
      if (!(await rememberProblem(db, request, error))) {
        const record = await repo.findIdempotencyRecord(db, request.scope, request.key);
        const replay = record && replayOrConflict(record, request.requestHash);
        if (replay) return resolveReplay(replay, options);
      }
    } else {
      await releaseClaimSoon(db, request);
    }
    throw error;
  } finally {
    stopHeartbeat();
  }
}

/** A stored answer, or the one rendered again for a key marked done whose body was never stored. */
export async function resolveReplay(
  stored: StoredOutcome,
  options: Pick<RunIdempotentOptions, 'rerender'>,
): Promise<StoredResponse> {
  if (stored.body !== null && stored.body !== undefined) return { status: stored.status, body: stored.body };
  if (stored.resourceId && options.rerender) return options.rerender(stored.resourceId, stored.status);
  throw inProgress();
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
