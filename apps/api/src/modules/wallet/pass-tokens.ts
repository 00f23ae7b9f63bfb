import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * A pass's `authenticationToken`, which the iPhone sends back as `Authorization: ApplePass <token>`:
 * an HMAC of the ticket's id and its current code under a key derived from APP_SECRET. Nothing is
 * stored; a transfer gives the ticket a new code, so the previous holder's pass stops receiving the
 * new holder's QR (its requests answer 401), as the ticket's own access token does.
 */
export function createPassTokens(appSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'z-events', 'z-events wallet pass auth v1', 32));
  // 24 bytes: 32 base64url characters, past Apple's minimum of 16.
  const tokenFor = (ticket: { id: string; code: string }): string =>
    createHmac('sha256', key)
      .update(`${ticket.id}\n${ticket.code}`)
      .digest()
      .subarray(0, 24)
      .toString('base64url');
  return {
    tokenFor,
    isValid(ticket: { id: string; code: string }, token: string | undefined): boolean {
      if (!token) return false;
      const expected = Buffer.from(tokenFor(ticket));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type PassTokens = ReturnType<typeof createPassTokens>;

/** The token of an `Authorization: ApplePass <token>` header, or undefined for any other header. */
export function applePassTokenOf(header: string | undefined): string | undefined {
  const match = /^ApplePass\s+(\S{1,200})$/i.exec(header ?? '');
  return match?.[1];
}
