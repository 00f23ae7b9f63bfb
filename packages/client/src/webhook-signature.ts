import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every webhook request carries: `t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=...]`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Z-Events-Signature';

/** How far a signature's timestamp may be from now before the request is taken for a replay. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** The body of every webhook request. */
export interface WebhookEvent<TData = unknown> {
  id: string;
  type: string;
  /** When the event happened, in unix seconds. */
  created: number;
  data: TData;
}

export type WebhookSignatureErrorCode =
  | 'MISSING_HEADER'
  | 'MALFORMED_HEADER'
  | 'SIGNATURE_MISMATCH'
  | 'TIMESTAMP_OUT_OF_TOLERANCE'
  | 'INVALID_PAYLOAD';

/** The request did not come from Z-Events (or was altered, or replayed late): answer it 400. */
export class WebhookSignatureError extends Error {
  constructor(
    readonly code: WebhookSignatureErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

export interface VerifyWebhookSignatureInput {
  /** The request body exactly as received (a Buffer from `express.raw()`), never re-serialized JSON. */
  payload: string | Uint8Array;
  /** The `Z-Events-Signature` header. */
  header: string | null | undefined;
  /** The endpoint's signing secret (`whsec_...`), used as is as the HMAC key. */
  secret: string;
  /** Default 300. `Infinity` turns the replay check off. */
  toleranceSeconds?: number;
  /** The current time (tests); default `new Date()`. */
  now?: Date;
}

interface ParsedHeader {
  timestamp: number;
  signatures: string[];
}

const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * `t` exactly once, at least one `v1`. Other schemes (a future `v2`) are skipped, so a sender can add
 * one before receivers understand it.
 */
function parseSignatureHeader(header: string): ParsedHeader {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) throw malformed(`"${part.trim()}" is not key=value`);
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) throw malformed('t appears more than once');
      if (!UNIX_SECONDS.test(value)) throw malformed('t is not a unix timestamp in seconds');
      timestamp = Number(value);
    } else if (key === 'v1') {
      signatures.push(value);
    }
  }
  if (timestamp === undefined) throw malformed('no t= timestamp');
  if (signatures.length === 0) throw malformed('no v1= signature');
  return { timestamp, signatures };
}

const malformed = (detail: string) =>
  new WebhookSignatureError('MALFORMED_HEADER', `Malformed ${WEBHOOK_SIGNATURE_HEADER} header: ${detail}`);

/** HMAC-SHA256 over `${t}.${rawBody}`; the body's bytes are hashed as received, never decoded. */
function computeSignature(secret: string, timestamp: number, payload: string | Uint8Array): Buffer {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8');
  if (typeof payload === 'string') hmac.update(payload, 'utf8');
  else hmac.update(payload);
  return hmac.digest();
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Constant time per candidate, so response times tell a forger nothing about how close a guess was. */
function matchesAny(expected: Buffer, candidates: string[]): boolean {
  return candidates.some(
    (candidate) => SHA256_HEX.test(candidate) && timingSafeEqual(expected, Buffer.from(candidate, 'hex')),
  );
}

/**
 * Checks that a webhook request was signed by Z-Events with `secret` and not too long ago. Any one
 * `v1` may match: while a secret is rotated, requests are signed with the old and the new one.
 * Throws WebhookSignatureError; returns the signature's timestamp (unix seconds).
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): { timestamp: number } {
  const { payload, header, secret } = input;
  const toleranceSeconds = input.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (!secret) throw new TypeError('verifyWebhookSignature: secret is empty');
  if (!(toleranceSeconds >= 0)) throw new TypeError('verifyWebhookSignature: toleranceSeconds must be >= 0');
  if (!header) throw new WebhookSignatureError('MISSING_HEADER', `No ${WEBHOOK_SIGNATURE_HEADER} header`);

  const { timestamp, signatures } = parseSignatureHeader(header);
  // Authenticity first: only a genuine signature earns the more specific "too old" answer.
  if (!matchesAny(computeSignature(secret, timestamp, payload), signatures))
    throw new WebhookSignatureError(
      'SIGNATURE_MISMATCH',
      'No signature matches the payload: wrong secret, or a body altered (or re-serialized) on the way',
    );
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds)
    throw new WebhookSignatureError(
      'TIMESTAMP_OUT_OF_TOLERANCE',
      `Signature timestamp ${timestamp} is more than ${toleranceSeconds} s from now (${nowSeconds}): a replay, or a clock off`,
    );
  return { timestamp };
}

function isWebhookEvent(value: unknown): value is WebhookEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    typeof event.id === 'string' &&
    typeof event.type === 'string' &&
    Number.isInteger(event.created) &&
    'data' in event
  );
}

/**
 * Verifies the signature, then parses the body: the only way a handler should read a webhook.
 * `TData` is what the caller expects for the event types it handles; it is not checked at run time.
 */
export function constructWebhookEvent<TData = unknown>(
  input: VerifyWebhookSignatureInput,
): WebhookEvent<TData> {
  verifyWebhookSignature(input);
  const text = typeof input.payload === 'string' ? input.payload : new TextDecoder().decode(input.payload);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WebhookSignatureError('INVALID_PAYLOAD', 'The signed payload is not JSON');
  }
  if (!isWebhookEvent(parsed))
    throw new WebhookSignatureError(
      'INVALID_PAYLOAD',
      'The signed payload is not a webhook event { id, type, created, data }',
    );
  return parsed as WebhookEvent<TData>;
}

/**
 * A `Z-Events-Signature` header for `payload`, as Z-Events would send it: for testing your own
 * webhook handler without a running server.
 */
export function signWebhookPayload(input: {
  payload: string | Uint8Array;
  secret: string;
  /** Default: now. */
  timestamp?: Date;
}): string {
  const timestamp = Math.floor((input.timestamp ?? new Date()).getTime() / 1000);
  return `t=${timestamp},v1=${computeSignature(input.secret, timestamp, input.payload).toString('hex')}`;
}
