import { createHmac, hkdfSync } from 'node:crypto';
import { sha256 } from '../../shared/crypto';

/** How long a verification link works: long enough for a weekend, short enough to go stale. */
export const EMAIL_VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;

/**
 * A verification link's token is an HMAC of a random verification id under a key derived from
 * APP_SECRET (like invitation links): the database keeps only the token's SHA-256, the outbox keeps
 * only the id, and the email job rebuilds the link at send time. Neither table alone opens anything.
 */
export function createVerificationTokens(appSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'z-events', 'z-events email verification v1', 32));
  const tokenFor = (verificationId: string): string =>
    createHmac('sha256', key).update(verificationId).digest().toString('base64url');
  return {
    tokenFor,
    /** What is stored for a link, and what a presented token is looked up by. */
    hashOf: (token: string): string => sha256(token),
    linkFor: (publicUrl: string, verificationId: string): string =>
      `${publicUrl}/verify-email?token=${tokenFor(verificationId)}`,
  };
}

export type VerificationTokens = ReturnType<typeof createVerificationTokens>;
