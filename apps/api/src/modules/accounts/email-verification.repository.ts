import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { emailVerifications, users } from '../../db/schema';

export async function insertEmailVerification(
  db: DbOrTx,
  row: { tokenHash: string; userId: string; email: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.insert(emailVerifications).values(row);
}

/** The link a token names, with its account as it is now (the address may have changed since). */
export async function findEmailVerification(db: DbOrTx, tokenHash: string) {
  const rows = await db
    .select({
      verification: emailVerifications,
      user: { id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt },
    })
    .from(emailVerifications)
    .innerJoin(users, eq(users.id, emailVerifications.userId))
    .where(eq(emailVerifications.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

/** Uses a link up; false when it was used already (the condition is the whole check). */
export async function markEmailVerificationUsed(db: DbOrTx, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(emailVerifications)
    .set({ usedAt: now })
    .where(and(eq(emailVerifications.tokenHash, tokenHash), isNull(emailVerifications.usedAt)))
    .returning({ tokenHash: emailVerifications.tokenHash });
  return rows.length > 0;
}

/**
 * Marks the account verified, only while it still has the address the link was sent to: proving
 * one mailbox says nothing about another. Keeps the first verification time.
 */
export async function markEmailVerified(db: DbOrTx, userId: string, email: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ emailVerifiedAt: now })
    .where(
      and(eq(users.id, userId), sql`lower(${users.email}) = lower(${email})`, isNull(users.emailVerifiedAt)),
    );
}
