import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { AuditAction, AuditTargetType } from '@zevents/contracts';
import type { DbOrTx } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { AuthContext } from '../../http/auth-context';
import type { Cursor } from '../../shared/pagination';

export interface AuditEntry {
  organizationId: string;
  auth: AuthContext;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  details?: Record<string, unknown>;
}

/** Records one organizer action; callers pass their transaction so the record and the change commit together. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    organizationId: entry.organizationId,
    actorUserId: entry.auth.kind === 'session' ? entry.auth.userId : null,
    actorApiKeyId: entry.auth.kind === 'apiKey' ? entry.auth.apiKeyId : null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
    // Millisecond precision, like the keyset cursors that page through the log.
    createdAt: new Date(),
  });
}

/** An action on an event, or on a part of it (ticket type, promo code) named in `details`. */
export function recordEventAudit(
  db: DbOrTx,
  auth: AuthContext,
  event: { id: string; organizationId: string },
  action: AuditAction,
  details?: Record<string, unknown>,
): Promise<void> {
  return recordAudit(db, {
    organizationId: event.organizationId,
    auth,
    action,
    targetType: 'event',
    targetId: event.id,
    ...(details ? { details } : {}),
  });
}

export async function listAudit(db: DbOrTx, organizationId: string, limit: number, after?: Cursor) {
  // decodeCursor vouched for the key: a real instant, so the Date is valid.
  const afterDate = after ? new Date(after.k) : undefined;
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, organizationId),
        after && afterDate
          ? or(
              lt(auditLog.createdAt, afterDate),
              and(eq(auditLog.createdAt, afterDate), lt(auditLog.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
}

/** The entries of one organization about these targets (an order and its tickets), oldest first. */
export async function listAuditOfTargets(db: DbOrTx, organizationId: string, targetIds: readonly string[]) {
  if (targetIds.length === 0) return [];
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, organizationId), inArray(auditLog.targetId, [...targetIds])))
    .orderBy(auditLog.createdAt, auditLog.id);
}
