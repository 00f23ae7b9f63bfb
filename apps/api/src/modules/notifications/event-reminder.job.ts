import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import type { Enqueuer } from '../../jobs/job-queue';
import { handleJob } from '../../jobs/job-registry';
import type { Clock } from '../../shared/clock';
import { queueDueBankTransferReminders } from './bank-transfer-reminder.job';
import { SEND_EMAIL, SEND_REMINDERS } from './notifications.jobs';
import { insertDueReminderEmails } from './outbox.repository';

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
      const ids = await insertDueReminderEmails(tx, now, BATCH);
      await deps.enqueuer.enqueueMany(
        tx,
        SEND_EMAIL,
        ids.map((emailId) => ({ emailId })),
      );
      return ids.length;
    });
    total += created;
    if (created < BATCH) return total;
  }
}

export function createReminderJob(deps: { db: Db; enqueuer: Enqueuer; clock: Clock; logger: Logger }) {
  return handleJob(SEND_REMINDERS, async () => {
    const queued = await queueDueReminders(deps);
    if (queued > 0) deps.logger.info({ queued }, 'reminders queued');
    // Bank transfers due soon ride on the same minute's run (their own dedupe keys, their own query).
    const transfers = await queueDueBankTransferReminders(deps);
    if (transfers > 0) deps.logger.info({ queued: transfers }, 'bank transfer reminders queued');
  });
}
