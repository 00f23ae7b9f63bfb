import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { QUEUE_TOKEN_PATTERN } from '@zevents/contracts';
import { generateToken, sha256 } from '../../shared/crypto';

/** The httpOnly cookie holding the browser's own secret; a pass is only good with it. */
export const BROWSER_COOKIE = 'zevents_wr';
const BROWSER_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh browser secret (32 random bytes) for the cookie. */
export const newBrowserSecret = (): string => generateToken(32);

/** The browser as the database knows it: a hash of its secret, never the secret itself. */
export function browserHashOf(secret: unknown): string | undefined {
  return typeof secret === 'string' && BROWSER_SECRET_PATTERN.test(secret) ? sha256(secret) : undefined;
}

export interface PassClaims {
  eventId: string;
  queueToken: string;
  expiresAt: Date;
  browserHash: string;
}

/**
 * Waiting-room passes: `<queueToken>.<expiry, ms in base 36>.<HMAC>`, the HMAC covering the event,
 * the queue token, the expiry and the hash of the browser's secret cookie, under a key derived from
 * APP_SECRET. Checking one is two hashes in memory, no database read (it sits in front of the
 * reserve hot path). Without the server's key no one can mint one; another event's pass, a pass past
 * its expiry, or a pass copied into a browser without the cookie it was issued to all fail.
 */
export function createPassSigner(appSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'z-events', 'z-events waiting room pass v1', 32));
  const macOf = (eventId: string, queueToken: string, expiry: string, browserHash: string): string =>
    createHmac('sha256', key)
      .update(`${eventId.toLowerCase()}|${queueToken}|${expiry}|${browserHash}`)
      .digest()
      .subarray(0, 24)
      .toString('base64url');

  return {
    sign(claims: PassClaims): string {
      const expiry = claims.expiresAt.getTime().toString(36);
      return `${claims.queueToken}.${expiry}.${macOf(claims.eventId, claims.queueToken, expiry, claims.browserHash)}`;
    },
    /** Whether `pass` admits the browser holding `browserSecret` to `eventId`'s sale at `now`. */
    isValid(pass: unknown, eventId: string, browserSecret: unknown, now: Date): boolean {
      if (typeof pass !== 'string' || pass.length > 120) return false;
      const [queueToken, expiry, mac, ...rest] = pass.split('.');
      if (rest.length > 0 || !queueToken || !expiry || !mac || !QUEUE_TOKEN_PATTERN.test(queueToken))
        return false;
      if (!/^[0-9a-z]{1,12}$/.test(expiry) || parseInt(expiry, 36) <= now.getTime()) return false;
      const browserHash = browserHashOf(browserSecret);
      if (!browserHash) return false;
      const expected = Buffer.from(macOf(eventId, queueToken, expiry, browserHash));
      const given = Buffer.from(mac);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type PassSigner = ReturnType<typeof createPassSigner>;
