import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * An order's access token is an HMAC of its id under a key derived from APP_SECRET: nothing to store,
 * the same token can be put in every email, and checking it needs no database read.
 */
export function createOrderTokens(appSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'z-events', 'z-events order access v1', 32));
  const tokenFor = (orderId: string): string =>
    createHmac('sha256', key).update(orderId).digest().subarray(0, 24).toString('base64url');
  return {
    tokenFor,
    isValid(orderId: string, token: string | undefined): boolean {
      if (!token) return false;
      const expected = Buffer.from(tokenFor(orderId));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type OrderTokens = ReturnType<typeof createOrderTokens>;
