import { createHmac, hkdfSync } from 'node:crypto';
import { sha256 } from '../../shared/crypto';

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * An invitation's link token is an HMAC of its (random) id under a key derived from APP_SECRET, like
 * order access tokens: the database keeps only the token's SHA-256 (to find the row from a link), and
 * the email job can rebuild the link at send time without the secret ever sitting in the outbox.
 */
export function createInvitationTokens(appSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'z-events', 'z-events invitation link v1', 32));
  const tokenFor = (invitationId: string): string =>
    createHmac('sha256', key).update(invitationId).digest().toString('base64url');
  return {
    tokenFor,
    /** What is stored for an invitation, and what a presented token is looked up by. */
    hashOf: (token: string): string => sha256(token),
    linkFor: (publicUrl: string, invitationId: string): string =>
      `${publicUrl}/invitations/${tokenFor(invitationId)}`,
  };
}

export type InvitationTokens = ReturnType<typeof createInvitationTokens>;
