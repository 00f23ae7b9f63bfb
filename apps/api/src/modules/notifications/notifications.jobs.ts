import { z } from 'zod';
import { defineJob } from '../../jobs/job-registry';

export const SEND_EMAIL_RETRIES = 5;

/** Sends one outbox message (see send-email.job.ts). */
export const SEND_EMAIL = defineJob({
  name: 'notifications.send-email',
  payload: z.object({ emailId: z.uuid() }),
  // A worker killed mid-batch leaves its jobs active until they expire; pg-boss's 15-minute default
  // would hold a buyer's confirmation that long. Five minutes still covers a slow batch of 50.
  queue: { retryLimit: SEND_EMAIL_RETRIES, retryDelaySeconds: 5, expireInSeconds: 5 * 60 },
  // pg-boss waits its polling interval (0.5 s) after every fetch that took less: five emails one at a
  // time per fetch capped a worker at about 10 emails/s. Bigger fetches, sent a few at a time (the
  // mailer pools SMTP connections), keep it busy; see bench/reminders.bench.ts.
  work: { batchSize: 50, concurrency: 8 },
});

/** Records the reminders that are due (see event-reminder.job.ts); the scheduler starts it every minute. */
export const SEND_REMINDERS = defineJob({
  name: 'notifications.send-reminders',
  payload: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelaySeconds: 10 },
  cron: '* * * * *',
});
