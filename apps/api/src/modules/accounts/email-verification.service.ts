import { randomUUID } from 'node:crypto';
import type { VerifyEmailResponse } from '@zevents/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, unauthenticated } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import type { Notifier } from '../notifications';
import { findUserById } from './accounts.repository';
import { EMAIL_VERIFICATION_TTL_MS, type VerificationTokens } from './email-verification-tokens';
import * as repo from './email-verification.repository';

/**
 * Whether `token` is a live invitation link sent to `email`: holding it shows its bearer reads that
 * mailbox (see `signup`). Provided by the organizations module, which owns invitations.
 */
export type InvitationEmailProof = (db: DbOrTx, token: string, email: string, now: Date) => Promise<boolean>;

const invalidToken = () =>
  new AppError(
    'VERIFICATION_TOKEN_INVALID',
    'This verification link does not work: open the latest link we emailed you, or send a new one',
  );

/**
 * Email verification: a one-time link (valid 48 h) sent to the account's address proves the person
 * reads that mailbox. Links coexist: sending a new one leaves the older ones working until they
 * expire (the newest email may arrive after the person already opened an older one, and every link
 * went to the same address, so each proves the same thing); the resend rate limit bounds how many.
 */
export function createEmailVerificationService(deps: {
  db: Db;
  clock: Clock;
  notifier: Pick<Notifier, 'emailVerification'>;
  tokens: VerificationTokens;
  invitationProof: InvitationEmailProof;
}) {
  const { db, clock, notifier, tokens } = deps;

  /** Records a new link for the account's current address and queues its email, in `tx`. */
  async function issue(tx: DbOrTx, user: { id: string; email: string }): Promise<void> {
    const verificationId = randomUUID();
    const now = clock.now();
    await repo.insertEmailVerification(tx, {
      tokenHash: tokens.hashOf(tokens.tokenFor(verificationId)),
      userId: user.id,
      email: user.email.toLowerCase(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS),
    });
    await notifier.emailVerification(tx, { verificationId, email: user.email });
  }

  return {
    issue,

    /**
     * Whether a signup proves its address already: it arrives with the token of an open invitation
     * sent to exactly that address. The token exists only in the email sent there (the database keeps
     * its hash, the outbox the invitation id, and deriving it needs APP_SECRET), so the person holding
     * it reads that mailbox — as much proof as our own verification link. Someone who signs up with
     * the address first, without the token, stays unverified and cannot accept (403 EMAIL_NOT_VERIFIED).
     */
    isProvenAtSignup: (tx: DbOrTx, email: string, invitationToken: string | undefined): Promise<boolean> =>
      invitationToken === undefined
        ? Promise.resolve(false)
        : deps.invitationProof(tx, invitationToken, email.toLowerCase(), clock.now()),

    /** Opens a link: the account is verified if it still has the address the link was sent to. */
    async verify(token: string): Promise<VerifyEmailResponse> {
      const tokenHash = tokens.hashOf(token);
      return db.transaction(async (tx) => {
        const found = await repo.findEmailVerification(tx, tokenHash);
        // A link for an address the account no longer has proves nothing about the current one.
        if (!found || found.user.email.toLowerCase() !== found.verification.email) throw invalidToken();
        const { verification, user } = found;
        // Opened twice, or after another link did the job: harmless, and the page says so.
        if (user.emailVerifiedAt) {
          await repo.markEmailVerificationUsed(tx, tokenHash, clock.now());
          return { email: user.email, wasAlreadyVerified: true };
        }
        const now = clock.now();
        if (verification.expiresAt <= now)
          throw new AppError(
            'VERIFICATION_TOKEN_EXPIRED',
            'This verification link has expired (links work for 48 hours): log in and send a new one',
          );
        // The update waits for a racing open of the same link to commit, then finds it used: that
        // one verified the account.
        if (!(await repo.markEmailVerificationUsed(tx, tokenHash, now)))
          return { email: user.email, wasAlreadyVerified: true };
        await repo.markEmailVerified(tx, user.id, verification.email, now);
        return { email: user.email, wasAlreadyVerified: false };
      });
    },

    /** Sends a new link to the logged-in account; nothing happens for a verified one. */
    async resend(auth: Principal): Promise<void> {
      if (auth.kind !== 'session')
        throw new AppError('FORBIDDEN', 'Verification emails are sent to a logged-in user, not an API key');
      const user = await findUserById(db, auth.userId);
      if (!user) throw unauthenticated();
      if (user.emailVerifiedAt) return;
      await db.transaction((tx) => issue(tx, user));
    },
  };
}

export type EmailVerificationService = ReturnType<typeof createEmailVerificationService>;
