import { and, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { emails } from '../../db/schema';

export type EmailRow = typeof emails.$inferSelect;
export type EmailKind =
  | 'order_confirmation'
  | 'refund_notice'
  | 'late_payment_refunded'
  | 'event_cancelled'
  | 'event_changed'
  | 'reminder'
  | 'team_invitation'
  | 'email_verification'
  | 'ticket_received'
  | 'ticket_transfer_notice'
  | 'event_message'
  | 'webhook_disabled'
  | 'waitlist_joined'
  | 'waitlist_offer'
  | 'analytics_summary'
  | 'bank_transfer_details'
  | 'bank_transfer_reminder';

export interface NewEmail {
  dedupeKey: string;
  kind: EmailKind;
  recipient: string;
  params: Record<string, unknown>;
  eventId: string | null;
  orderId: string | null;
}

/** A `sending` claim older than this belongs to a worker that died mid-send. */
export const STALE_CLAIM_MS = 2 * 60_000;

/** Records a message once per dedupe key; returns its id only when this call created it. */
export async function insertEmail(db: DbOrTx, email: NewEmail): Promise<string | undefined> {
  const rows = await db.insert(emails).values(email).onConflictDoNothing().returning({ id: emails.id });
  return rows[0]?.id;
}

const claimStatement = preparedQuery('zevents_claim_email', (db) =>
  db
    .update(emails)
    .set({
      status: 'sending',
      attempts: sql`${emails.attempts} + 1`,
      claimedAt: sql`${sql.placeholder('now')}::timestamptz`,
    })
    .where(
      and(
        eq(emails.id, sql.placeholder('id')),
        or(
          inArray(emails.status, ['pending', 'failed']),
          and(
            ne(emails.kind, 'reminder'),
            eq(emails.status, 'sending'),
            lt(emails.claimedAt, sql`${sql.placeholder('staleBefore')}::timestamptz`),
          ),
        ),
      ),
    )
    .returning(),
);

/**
 * Claims a message for one send attempt, in one round trip. A message left `sending` by a crashed
 * worker is taken again (at least once) unless it is a reminder (at most once: never taken again).
 */
export async function claimEmail(db: DbOrTx, id: string, now: Date) {
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
  // Times go in as ISO text: a placeholder's value skips the column's own conversion.
  const rows = await claimStatement(db, {
    id,
    now: now.toISOString(),
    staleBefore: staleBefore.toISOString(),
  });
  return rows[0];
}

export async function markDelivered(
  db: DbOrTx,
  id: string,
  result: {
    status: 'sent' | 'captured';
    subject: string;
    html: string | null;
    text: string | null;
    attachmentNames: string[];
    at: Date;
  },
): Promise<void> {
  await db
    .update(emails)
    .set({
      status: result.status,
      subject: result.subject,
      html: result.html,
      text: result.text,
      attachmentNames: result.attachmentNames,
      sentAt: result.at,
      lastError: null,
    })
    .where(eq(emails.id, id));
}

export async function markFailed(db: DbOrTx, id: string, error: string, isDead: boolean): Promise<void> {
  await db
    .update(emails)
    .set({ status: isDead ? 'dead' : 'failed', lastError: error.slice(0, 2000) })
    .where(eq(emails.id, id));
}

/**
 * A message that no longer had to go out (the event started, the order was refunded, the invitation
 * withdrawn): kept apart from `dead`, which means delivery failed and someone should look.
 */
export async function markSkipped(db: DbOrTx, id: string, reason: string): Promise<void> {
  await db
    .update(emails)
    .set({ status: 'skipped', lastError: `skipped: ${reason}`.slice(0, 2000) })
    .where(eq(emails.id, id));
}

/** Forgets a message that was never sent (a reminder whose event moved later is recorded again when due). */
export async function deleteEmail(db: DbOrTx, id: string): Promise<void> {
  await db
    .delete(emails)
    .where(and(eq(emails.id, id), inArray(emails.status, ['pending', 'sending', 'failed'])));
}

export async function listRecentEmails(db: DbOrTx, limit: number) {
  return db
    .select({
      id: emails.id,
      kind: emails.kind,
      recipient: emails.recipient,
      subject: emails.subject,
      status: emails.status,
      attempts: emails.attempts,
      lastError: emails.lastError,
      createdAt: emails.createdAt,
      sentAt: emails.sentAt,
      attachmentNames: emails.attachmentNames,
    })
    .from(emails)
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(limit);
}

export async function findEmail(db: DbOrTx, id: string): Promise<EmailRow | undefined> {
  const rows = await db.select().from(emails).where(eq(emails.id, id)).limit(1);
  return rows[0];
}

/** The message recorded under a dedupe key (what a repeated request gets back). */
export async function findEmailIdByDedupeKey(db: DbOrTx, dedupeKey: string): Promise<string | undefined> {
  const rows = await db
    .select({ id: emails.id })
    .from(emails)
    .where(eq(emails.dedupeKey, dedupeKey))
    .limit(1);
  return rows[0]?.id;
}

export async function countEmailsByStatus(db: DbOrTx) {
  return db
    .select({ status: emails.status, n: sql<number>`count(*)::int` })
    .from(emails)
    .groupBy(emails.status);
}

/**
 * One "event changed" notice per paid order of the event, in one statement (an event may have
 * thousands of buyers); returns the ids of the messages it recorded. It reads the orders table,
 * which orders owns, for the same reason the reminder scan below does.
 */
export async function insertEventChangedEmails(
  db: DbOrTx,
  eventId: string,
  params: Record<string, unknown>,
  changedAt: Date,
): Promise<string[]> {
  const inserted = await db.execute<{ id: string }>(sql`
    INSERT INTO emails (dedupe_key, kind, recipient, params, event_id, order_id)
    SELECT 'event-changed:' || o.id || ':' || ${changedAt.getTime()}, 'event_changed', o.buyer_email,
           ${JSON.stringify(params)}::jsonb, o.event_id, o.id
    FROM orders o
    WHERE o.event_id = ${eventId} AND o.status IN ('paid', 'partially_refunded')
    ON CONFLICT DO NOTHING
    RETURNING id`);
  return inserted.rows.map((row) => row.id);
}

/**
 * Records up to `limit` reminders that are due at `now` (before the start of the order's date, on an
 * event with dates), one per order and offset for the buyer's
 * own tickets and one per transferred ticket and offset for its holder (keyed by the ticket's current
 * code, so a ticket passed on again reminds its new holder), in one statement: the scan joins events,
 * their reminder offsets, orders and tickets (owned by other modules) because a per-module walk would
 * take one round trip per order at the busiest minute (see bench/emails.bench.ts). Returns the ids of
 * the messages it recorded.
 */
export async function insertDueReminderEmails(db: DbOrTx, now: Date, limit: number): Promise<string[]> {
  const inserted = await db.execute<{ id: string }>(sql`
    WITH due AS (
      SELECT e.id AS event_id, o.id AS order_id, o.buyer_email, r.offset_minutes
      FROM events e
      JOIN event_reminders r ON r.event_id = e.id
      JOIN orders o ON o.event_id = e.id AND o.status IN ('paid', 'partially_refunded')
      -- An order for one date of the event is reminded of that date's start.
      LEFT JOIN event_dates d ON d.id = o.date_id
      CROSS JOIN LATERAL (SELECT coalesce(d.starts_at, e.starts_at) AS starts_at) s
      WHERE e.status = 'published'
        AND e.ends_at > ${now}
        AND s.starts_at > ${now}
        AND s.starts_at - make_interval(mins => r.offset_minutes) <= ${now}
        AND o.paid_at < s.starts_at - make_interval(mins => r.offset_minutes)
    )
    INSERT INTO emails (dedupe_key, kind, recipient, params, event_id, order_id)
    SELECT x.dedupe_key, 'reminder', x.recipient, x.params, x.event_id, x.order_id
    FROM (
      SELECT 'reminder:' || d.order_id || ':' || d.offset_minutes AS dedupe_key, d.buyer_email AS recipient,
             jsonb_build_object('offsetMinutes', d.offset_minutes) AS params, d.event_id, d.order_id
      FROM due d
      WHERE EXISTS (SELECT 1 FROM tickets t
                    WHERE t.order_id = d.order_id AND t.status <> 'void' AND t.transferred_at IS NULL)
      UNION ALL
      SELECT 'reminder:' || d.order_id || ':' || d.offset_minutes || ':' || t.id || ':' || t.code,
             t.attendee_email,
             jsonb_build_object('offsetMinutes', d.offset_minutes, 'ticketId', t.id, 'code', t.code),
             d.event_id, d.order_id
      FROM due d
      JOIN tickets t ON t.order_id = d.order_id AND t.status <> 'void'
                    AND t.transferred_at IS NOT NULL AND t.attendee_email IS NOT NULL
    ) x
    WHERE NOT EXISTS (SELECT 1 FROM emails m WHERE m.dedupe_key = x.dedupe_key)
    LIMIT ${limit}
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`);
  return inserted.rows.map((row) => row.id);
}

/** An order's emails, oldest first (the order desk's timeline). */
export async function listEmailsOfOrder(db: DbOrTx, orderId: string): Promise<EmailRow[]> {
  return db.select().from(emails).where(eq(emails.orderId, orderId)).orderBy(emails.createdAt, emails.id);
}

/** One event's emails, newest first, keyset-paginated on (created_at, id). */
export async function listEmailsOfEvent(
  db: DbOrTx,
  eventId: string,
  limit: number,
  after?: { k: string; id: string },
): Promise<EmailRow[]> {
  const afterDate = after ? new Date(after.k) : undefined;
  return db
    .select()
    .from(emails)
    .where(
      and(
        eq(emails.eventId, eventId),
        after && afterDate
          ? or(lt(emails.createdAt, afterDate), and(eq(emails.createdAt, afterDate), lt(emails.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(limit + 1);
}

/**
 * Records one message to every distinct attendee address of an event (the ticket's attendee email,
 * else its buyer's), among tickets that still admit (valid or checked in), of the given ticket types
 * and check-in state, in one statement. Returns the ids of the emails it recorded.
 */
export async function insertEventMessageEmails(
  db: DbOrTx,
  message: { id: string; eventId: string; ticketTypeIds: readonly string[]; checkedIn: boolean | null },
): Promise<string[]> {
  const inserted = await db.execute<{ id: string }>(sql`
    INSERT INTO emails (dedupe_key, kind, recipient, params, event_id, order_id)
    SELECT DISTINCT ON (r.recipient) 'message:' || ${message.id} || ':' || r.recipient, 'event_message', r.recipient,
           jsonb_build_object('messageId', ${message.id}::text), ${message.eventId}::uuid, NULL::uuid
    FROM (
      SELECT lower(coalesce(t.attendee_email, o.buyer_email)) AS recipient
      FROM tickets t JOIN orders o ON o.id = t.order_id
      WHERE t.event_id = ${message.eventId}::uuid AND t.status <> 'void'
        ${message.ticketTypeIds.length > 0 ? sql`AND t.ticket_type_id = ANY(${sql.param([...message.ticketTypeIds])}::uuid[])` : sql``}
        ${message.checkedIn === null ? sql`` : message.checkedIn ? sql`AND t.status = 'checked_in'` : sql`AND t.status = 'valid'`}
    ) r
    ORDER BY r.recipient
    ON CONFLICT DO NOTHING
    RETURNING id`);
  return inserted.rows.map((row) => row.id);
}

/** Delivery counts of an event's messages, by message id. */
export async function countMessageDeliveries(
  db: DbOrTx,
  eventId: string,
): Promise<Map<string, { pending: number; sent: number; failed: number }>> {
  const result = await db.execute<{ message_id: string; pending: number; sent: number; failed: number }>(sql`
    SELECT e.params->>'messageId' AS message_id,
           count(*) FILTER (WHERE e.status IN ('pending', 'sending'))::int AS pending,
           count(*) FILTER (WHERE e.status IN ('sent', 'captured'))::int AS sent,
           count(*) FILTER (WHERE e.status IN ('failed', 'dead', 'skipped'))::int AS failed
    FROM emails e
    WHERE e.event_id = ${eventId}::uuid AND e.kind = 'event_message'
    GROUP BY 1`);
  return new Map(
    result.rows.map((row) => [row.message_id, { pending: row.pending, sent: row.sent, failed: row.failed }]),
  );
}

/**
 * The orders whose confirmation was sent to this address, any event. Not transferred tickets: their
 * holder reaches them with the ticket's own token, never the order's (which opens the buyer's others).
 */
export async function findOrderIdsSentTo(db: DbOrTx, recipient: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orderId: emails.orderId })
    .from(emails)
    .where(and(eq(emails.recipient, recipient.toLowerCase()), eq(emails.kind, 'order_confirmation')));
  return rows.flatMap((row) => (row.orderId ? [row.orderId] : []));
}
