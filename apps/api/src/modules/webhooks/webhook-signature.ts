import { createHmac, randomBytes } from 'node:crypto';

/** The header every delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` (Stripe's scheme). */
export const SIGNATURE_HEADER = 'Z-Events-Signature';

/** Receivers refuse a signature older than this (replays); the client package checks it. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Signs a body as sent at `timestamp`: the timestamp is inside the MAC, so a captured delivery
 * cannot be replayed later with a fresh header.
 */
export function signWebhookBody(secret: string, body: string, timestamp: Date): string {
  const t = Math.floor(timestamp.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
