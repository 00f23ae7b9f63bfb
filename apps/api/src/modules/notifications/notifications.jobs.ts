import { z } from 'zod';
import { defineJob } from '../../jobs/job-registry';

export const SEND_EMAIL_RETRIES = 5;

/** Sends one outbox message (see send-email.job.ts). */
export const SEND_EMAIL = defineJob({
  name: 'notifications.send-email',
  payload: z.object({ emailId: z.uuid() }),
  // A worker killed mid-batch leaves its jobs active until they expire; pg-boss's 15-minute default
  // would hold a buyer's confirmation that long. Five minutes still covers a slow batch of 200.
  queue: { retryLimit: SEND_EMAIL_RETRIES, retryDelaySeconds: 5, expireInSeconds: 5 * 60 },
  // pg-boss waits its polling interval (0.5 s, its minimum) after every fetch that took less, so a
  // fetch of N caps a worker at 2N emails/s: batches of 50 held reminders at 99/s. Batches of 200,
  // sent 16 at a time (the mailer pools SMTP connections), keep it busy; see bench/emails.bench.ts.
  // A worker killed mid-batch strands at most one reminder per lane (claimed, maybe sent: never
  // taken again), so the lanes are also that bound.
  work: { batchSize: 200, concurrency: 16 },
});

/** Records the reminders that are due (see event-reminder.job.ts); the scheduler starts it every minute. */
export const SEND_REMINDERS = defineJob({
  name: 'notifications.send-reminders',
  payload: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelaySeconds: 10 },
  cron: '* * * * *',
});
