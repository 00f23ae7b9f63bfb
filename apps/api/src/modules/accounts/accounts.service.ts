import type { LoginBody, MeResponse, SignupBody, User } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { AuthContext, SessionAuth } from '../../http/auth-context';
import { AppError, unauthenticated } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { generateToken, sha256 } from '../../shared/crypto';
import * as repo from './accounts.repository';
import type { EmailVerificationService } from './email-verification.service';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface NewSession {
  user: User;
  /** The cookie value; only its hash (`sessionId`) is stored. */
  token: string;
  sessionId: string;
  expiresAt: Date;
}

const toUser = (row: repo.UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  emailVerified: row.emailVerifiedAt !== null,
});

export function createAccountsService(deps: {
  db: Db;
  clock: Clock;
  /** Sends the verification link at signup; absent only for the demo seed, which verifies its user. */
  emailVerification?: Pick<EmailVerificationService, 'issue' | 'isProvenAtSignup'>;
}) {
  const { db, clock, emailVerification } = deps;

  async function openSession(user: repo.UserRow): Promise<NewSession> {
    const token = generateToken();
    const sessionId = sha256(token);
    const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_MS);
    await repo.insertSession(db, { id: sessionId, userId: user.id, expiresAt });
    return { user: toUser(user), token, sessionId, expiresAt };
  }

  return {
    async signup(input: SignupBody): Promise<NewSession> {
      const passwordHash = await hashPassword(input.password);
      // The account and its verification email commit together (invariant 6).
      const user = await db.transaction(async (tx) => {
        const isProven =
          (await emailVerification?.isProvenAtSignup(tx, input.email, input.invitationToken)) === true;
        const created = await repo.insertUser(tx, {
          email: input.email,
          name: input.name,
          passwordHash,
          emailVerifiedAt: isProven ? clock.now() : null,
        });
        if (!created) throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
        if (!isProven) await emailVerification?.issue(tx, created);
        return created;
      });
      return openSession(user);
    },

    async login(input: LoginBody): Promise<NewSession> {
      const user = await repo.findUserByEmail(db, input.email);
      // One answer for an unknown email and a wrong password, in the same time.
      const isValid = user
        ? await verifyPassword(user.passwordHash, input.password)
        : await verifyAgainstDummy(input.password);
      if (!user || !isValid) throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
      return openSession(user);
    },

    async logout(auth: AuthContext): Promise<void> {
      if (auth.kind === 'session') await repo.deleteSession(db, auth.sessionId);
    },

    /** The logged-in user, or null: for pages that work both ways (no 401 to handle). */
    async getSessionUser(auth: AuthContext): Promise<User | null> {
      if (auth.kind !== 'session') return null;
      const user = await repo.findUserById(db, auth.userId);
      return user ? toUser(user) : null;
    },

    async getMe(auth: SessionAuth): Promise<MeResponse> {
      const user = await repo.findUserById(db, auth.userId);
      if (!user) throw unauthenticated();
      const organizations = await repo.listOrganizationsOfUser(db, user.id);
      return { user: toUser(user), organizations };
    },

    /** The session a cookie names, if it exists and has not expired. */
    async resolveSessionToken(token: string): Promise<AuthContext | undefined> {
      const session = await repo.findLiveSession(db, sha256(token), clock.now());
      return session ? { kind: 'session', userId: session.userId, sessionId: session.id } : undefined;
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
