import type { Db } from '../../db/client';
import type { Clock } from '../../shared/clock';
import { findEmailVerification, type VerificationTokens } from '../accounts';
import type { EmailRow } from './outbox.repository';
import { renderEmailVerification, type RenderedEmail } from './templates';

/**
 * Builds a verification email at send time: the link is derived from the verification id (never
 * stored). Undefined when there is nothing left to confirm — the link was used or expired, the account
 * is verified already, or its address changed — and then the message is not sent at all.
 */
export function createEmailVerificationComposer(deps: {
  db: Db;
  publicUrl: string;
  tokens: VerificationTokens;
  clock: Clock;
}) {
  return async function composeEmailVerification(email: EmailRow): Promise<RenderedEmail | undefined> {
    const params = email.params as { verificationId?: unknown };
    if (typeof params.verificationId !== 'string') return undefined;
    const found = await findEmailVerification(
      deps.db,
      deps.tokens.hashOf(deps.tokens.tokenFor(params.verificationId)),
    );
    if (!found) return undefined;
    const { verification, user } = found;
    if (
      verification.usedAt ||
      verification.expiresAt <= deps.clock.now() ||
      user.emailVerifiedAt ||
      user.email.toLowerCase() !== verification.email
    )
      return undefined;
    return renderEmailVerification({
      name: user.name,
      email: user.email,
      expiresAt: verification.expiresAt,
      verifyUrl: deps.tokens.linkFor(deps.publicUrl, params.verificationId),
    });
  };
}
