import { and, desc, eq, getTableColumns, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { webhookDeliveries, webhookEvents, webhooks } from '../../db/schema';

export type WebhookRow = typeof webhooks.$inferSelect;
export type NewWebhookRow = typeof webhooks.$inferInsert;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** A delivery with what its log line shows of the event. */
export type DeliveryLogRow = DeliveryRow & { eventType: string };

export async function insertWebhook(db: DbOrTx, row: NewWebhookRow): Promise<WebhookRow> {
  const rows = await db.insert(webhooks).values(row).returning();
  const inserted = rows[0];
  if (!inserted) throw new Error('insert into webhooks returned no row');
  return inserted;
}

export async function countWebhooks(db: DbOrTx, organizationId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhooks)
    .where(eq(webhooks.organizationId, organizationId));
  return rows[0]?.n ?? 0;
}

export async function listWebhooks(db: DbOrTx, organizationId: string): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(eq(webhooks.organizationId, organizationId))
    .orderBy(webhooks.createdAt, webhooks.id);
}

export async function findWebhook(db: DbOrTx, webhookId: string): Promise<WebhookRow | undefined> {
  const rows = await db.select().from(webhooks).where(eq(webhooks.id, webhookId)).limit(1);
  return rows[0];
}

export async function updateWebhook(
  db: DbOrTx,
  webhookId: string,
  changes: Partial<NewWebhookRow>,
): Promise<WebhookRow | undefined> {
  const rows = await db.update(webhooks).set(changes).where(eq(webhooks.id, webhookId)).returning();
  return rows[0];
}

/** The endpoint and its log (deliveries have no foreign key to cascade through: see the schema). */
export async function deleteWebhook(db: DbOrTx, webhookId: string): Promise<void> {
  await db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
  await db.delete(webhooks).where(eq(webhooks.id, webhookId));
}

const deliveryLogColumns = { ...getTableColumns(webhookDeliveries), eventType: webhookEvents.type };

export async function listDeliveries(
  db: DbOrTx,
  webhookId: string,
  page: { limit: number; beforeSeq: number | undefined; status: DeliveryRow['status'] | undefined },
): Promise<DeliveryLogRow[]> {
  return db
    .select(deliveryLogColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.webhookEventId))
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        page.beforeSeq === undefined ? undefined : lt(webhookDeliveries.seq, page.beforeSeq),
        page.status === undefined ? undefined : eq(webhookDeliveries.status, page.status),
      ),
    )
    .orderBy(desc(webhookDeliveries.seq))
    .limit(page.limit + 1);
}

export async function findDelivery(db: DbOrTx, deliveryId: string): Promise<DeliveryLogRow | undefined> {
  const rows = await db
    .select(deliveryLogColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.webhookEventId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .limit(1);
  return rows[0];
}

/** A manual delivery of an event already recorded (a redelivery): sent at once, outside the order. */
export async function insertManualDelivery(
  db: DbOrTx,
  delivery: { organizationId: string; webhookId: string; webhookEventId: string; resourceId: string },
  claimedUntil: Date,
): Promise<DeliveryRow> {
  const rows = await db
    .insert(webhookDeliveries)
    // Claimed from the start by the request that sends it (deliverNow), so a worker's dispatcher
    // leaves it alone; if that process dies first, the claim runs out and a worker sends it.
    .values({ ...delivery, isManual: true, leaseUntil: claimedUntil })
    .returning();
  const inserted = rows[0];
  if (!inserted) throw new Error('insert into webhook_deliveries returned no row');
  return inserted;
}

/** The test button's event: about the endpoint itself, for it alone. */
export async function insertTestEvent(
  db: DbOrTx,
  webhook: WebhookRow,
  data: Record<string, unknown>,
  claimedUntil: Date,
): Promise<DeliveryRow> {
  const events = await db
    .insert(webhookEvents)
    .values({ organizationId: webhook.organizationId, type: 'webhook.test', resourceId: webhook.id, data })
    .returning({ id: webhookEvents.id });
  const event = events[0];
  if (!event) throw new Error('insert into webhook_events returned no row');
  return insertManualDelivery(
    db,
    {
      organizationId: webhook.organizationId,
      webhookId: webhook.id,
      webhookEventId: event.id,
      resourceId: webhook.id,
    },
    claimedUntil,
  );
}

/** Everything one attempt needs, read when the delivery is claimed. */
export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  organizationId: string;
  attempts: number;
  isManual: boolean;
  createdAt: Date;
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  eventCreatedAt: Date;
  data: Record<string, unknown>;
}

interface ClaimedDeliveryRecord extends Record<string, unknown> {
  id: string;
  webhook_id: string;
  organization_id: string;
  attempts: number;
  is_manual: boolean;
  created_ms: number;
  url: string;
  secret: string;
  event_id: string;
  event_type: string;
  event_created_ms: number;
  data: Record<string, unknown>;
}

/**
 * Claims due deliveries for `leaseMs`, counting the attempt: automatic ones only when nothing
 * earlier of the same endpoint and resource is still pending (in order per resource, one at a
 * time), manual ones (redeliveries, tests) whenever. SKIP LOCKED: several workers share the list.
 */
export async function claimDueDeliveries(
  db: DbOrTx,
  options: { now: Date; limit: number; leaseMs: number; onlyDeliveryId?: string },
): Promise<ClaimedDelivery[]> {
  const now = options.now.toISOString();
  const result = await db.execute<ClaimedDeliveryRecord>(sql`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
      JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.status = 'pending'
        AND (w.active OR d.is_manual)
        AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ${now}::timestamptz)
        AND (d.lease_until IS NULL OR d.lease_until <= ${now}::timestamptz
             OR d.id = ${options.onlyDeliveryId ?? null}::uuid)
        AND (${options.onlyDeliveryId ?? null}::uuid IS NULL OR d.id = ${options.onlyDeliveryId ?? null}::uuid)
        AND (d.is_manual OR NOT EXISTS (
          SELECT 1 FROM webhook_deliveries p
          WHERE p.webhook_id = d.webhook_id AND p.resource_id = d.resource_id
            AND p.status = 'pending' AND NOT p.is_manual AND p.seq < d.seq))
      ORDER BY d.seq
      LIMIT ${options.limit}
      FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
      UPDATE webhook_deliveries d
      SET lease_until = ${now}::timestamptz + ${options.leaseMs} * interval '1 millisecond',
          attempts = d.attempts + 1
      FROM due WHERE d.id = due.id
      RETURNING d.*
    )
    SELECT c.id, c.webhook_id, c.organization_id, c.attempts, c.is_manual,
           (extract(epoch FROM c.created_at) * 1000)::float8 AS created_ms,
           w.url, w.secret, e.id AS event_id, e.type AS event_type,
           (extract(epoch FROM e.created_at) * 1000)::float8 AS event_created_ms, e.data
    FROM claimed c
    JOIN webhooks w ON w.id = c.webhook_id
    JOIN webhook_events e ON e.id = c.webhook_event_id
    ORDER BY c.seq`);
  return result.rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    organizationId: row.organization_id,
    attempts: row.attempts,
    isManual: row.is_manual,
    createdAt: new Date(row.created_ms),
    url: row.url,
    secret: row.secret,
    eventId: row.event_id,
    eventType: row.event_type,
    eventCreatedAt: new Date(row.event_created_ms),
    data: row.data,
  }));
}

export async function recordAttempt(
  db: DbOrTx,
  deliveryId: string,
  attempt: {
    at: Date;
    status: DeliveryRow['status'];
    nextAttemptAt: Date | null;
    responseStatus: number | null;
    durationMs: number;
    responseBody: string | null;
    error: string | null;
  },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: attempt.status,
      nextAttemptAt: attempt.nextAttemptAt,
      leaseUntil: null,
      lastAttemptAt: attempt.at,
      responseStatus: attempt.responseStatus,
      durationMs: attempt.durationMs,
      // PostgreSQL text cannot hold NUL.
      responseBody: attempt.responseBody?.replaceAll('\u0000', '') ?? null,
      error: attempt.error,
      deliveredAt: attempt.status === 'succeeded' ? attempt.at : null,
    })
    .where(eq(webhookDeliveries.id, deliveryId));
}

/** An endpoint answered: it is healthy again. */
export async function markWebhookHealthy(db: DbOrTx, webhookId: string): Promise<void> {
  await db
    .update(webhooks)
    .set({ failingSince: null })
    .where(and(eq(webhooks.id, webhookId), sql`${webhooks.failingSince} IS NOT NULL`));
}

/** An attempt failed: the endpoint has been failing since then (or since earlier). */
export async function markWebhookFailing(
  db: DbOrTx,
  webhookId: string,
  at: Date,
): Promise<WebhookRow | undefined> {
  const rows = await db
    .update(webhooks)
    .set({ failingSince: sql`COALESCE(${webhooks.failingSince}, ${at.toISOString()}::timestamptz)` })
    .where(eq(webhooks.id, webhookId))
    .returning();
  return rows[0];
}

/**
 * Turns an endpoint off (once: false when it already was) and gives up what was waiting for it.
 */
export async function disableWebhook(
  db: DbOrTx,
  webhookId: string,
  at: Date,
  reason: string,
): Promise<boolean> {
  const rows = await db
    .update(webhooks)
    .set({ active: false, disabledAt: at, disabledReason: reason, updatedAt: at })
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.active, true)))
    .returning({ id: webhooks.id });
  if (rows.length === 0) return false;
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', error: `not sent: ${reason}`, leaseUntil: null, nextAttemptAt: null })
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        eq(webhookDeliveries.status, 'pending'),
        eq(webhookDeliveries.isManual, false),
      ),
    );
  return true;
}
