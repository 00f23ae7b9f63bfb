import type { Db } from '../../db/client';
import type { Enqueuer } from '../../jobs/job-queue';
import type { Clock } from '../../shared/clock';
import { insertDueBankTransferReminders } from './bank-transfer-reminders.repository';
import { SEND_EMAIL } from './notifications.jobs';

const BATCH = 2_000;

/** Queues the bank transfer reminders that are due (run by the reminder job every minute). */
export async function queueDueBankTransferReminders(deps: {
  db: Db;
  enqueuer: Enqueuer;
  clock: Clock;
}): Promise<number> {
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const created = await deps.db.transaction(async (tx) => {
      const ids = await insertDueBankTransferReminders(tx, now, BATCH);
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
