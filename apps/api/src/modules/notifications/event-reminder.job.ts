import type { Logger } from 'pino';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Enqueuer } from '../../jobs/job-queue';
import { handleJob } from '../../jobs/job-registry';
import type { Clock } from '../../shared/clock';
import { SEND_EMAIL, SEND_REMINDERS } from './notifications.jobs';

const BATCH = 2_000;

/**
 * Finds the reminders that are due and records one message per order and offset. The outbox's
 * unique dedupe key (`reminder:{order}:{offset}`) makes this at most once across crashes, retries and
 * several workers; due-ness is computed from the event's current start, so moving an event moves
 * its reminders, and a worker that was down catches up as long as the event has not started.
 * Orders paid after a reminder's time do not get that (stale) reminder; cancelled events, refunded
 * orders and orders with only void tickets get none.
 */
export async function queueDueReminders(deps: { db: Db; enqueuer: Enqueuer; clock: Clock }): Promise<number> {
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const created = await deps.db.transaction(async (tx) => {
      const inserted = await tx.execute<{ id: string }>(sql`
        INSERT INTO emails (dedupe_key, kind, recipient, params, event_id, order_id)
        SELECT 'reminder:' || o.id || ':' || r.offset_minutes, 'reminder', o.buyer_email,
               jsonb_build_object('offsetMinutes', r.offset_minutes), e.id, o.id
        FROM events e
        JOIN event_reminders r ON r.event_id = e.id
        JOIN orders o ON o.event_id = e.id AND o.status IN ('paid', 'partially_refunded')
        WHERE e.status = 'published'
          AND e.starts_at > ${now}
          AND e.starts_at - make_interval(mins => r.offset_minutes) <= ${now}
          AND o.paid_at < e.starts_at - make_interval(mins => r.offset_minutes)
          AND EXISTS (SELECT 1 FROM tickets t WHERE t.order_id = o.id AND t.status <> 'void')
          AND NOT EXISTS (SELECT 1 FROM emails m WHERE m.dedupe_key = 'reminder:' || o.id || ':' || r.offset_minutes)
        LIMIT ${BATCH}
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id`);
      await deps.enqueuer.enqueueMany(
        tx,
        SEND_EMAIL,
        inserted.rows.map((row) => ({ emailId: row.id })),
      );
      return inserted.rows.length;
    });
    total += created;
    if (created < BATCH) return total;
  }
}

export function createReminderJob(deps: { db: Db; enqueuer: Enqueuer; clock: Clock; logger: Logger }) {
  return handleJob(SEND_REMINDERS, async () => {
    const queued = await queueDueReminders(deps);
    if (queued > 0) deps.logger.info({ queued }, 'reminders queued');
  });
}
