import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * A ticket's own access token, for the person it was transferred to: an HMAC of the ticket's id and
 * its current code under a key derived from APP_SECRET. The next transfer gives the ticket a new
 * code, which revokes the token without anything stored.
 */
export function createTicketTokens(appSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'z-events', 'z-events ticket access v1', 32));
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

export type TicketTokens = ReturnType<typeof createTicketTokens>;
