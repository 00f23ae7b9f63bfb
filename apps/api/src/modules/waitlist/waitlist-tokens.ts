import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * A waiting-list entry's leave/decline token: an HMAC of its id under a key derived from APP_SECRET
 * (like order tokens), so the links in its emails need nothing stored.
 */
export function createWaitlistTokens(appSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'z-events', 'z-events waitlist entry v1', 32));
  const tokenFor = (entryId: string): string =>
    createHmac('sha256', key).update(entryId).digest().subarray(0, 24).toString('base64url');
  return {
    tokenFor,
    isValid(entryId: string, token: string | undefined): boolean {
      if (!token) return false;
      const expected = Buffer.from(tokenFor(entryId));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type WaitlistTokens = ReturnType<typeof createWaitlistTokens>;
