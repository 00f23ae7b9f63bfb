import { z } from 'zod';
import type { Db } from '../../db/client';
import { defineJob, handleJob, type JobHandler } from '../../jobs/job-registry';
import type { Clock } from '../../shared/clock';
import { deleteSaltsBefore } from './analytics.repository';
import type { SummaryService } from './summary.service';

/**
 * Deletes the visitor salts of the days before yesterday, every night: from then on nobody, not even
 * us, can tie a stored visitor hash back to an address (Plausible's method).
 */
export const FORGET_ANALYTICS_SALTS = defineJob({
  name: 'analytics.forget-salts',
  payload: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelaySeconds: 60 },
  cron: '10 0 * * *',
});

export function createForgetSaltsJob(deps: { db: Db; clock: Clock }): JobHandler {
  return handleJob(FORGET_ANALYTICS_SALTS, async () => {
    const yesterday = new Date(deps.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    await deleteSaltsBefore(deps.db, yesterday);
  });
}

/** Every hour (at minute 5): records the summary emails whose 07:00 has come in their member's zone. */
export const SEND_ANALYTICS_SUMMARIES = defineJob({
  name: 'analytics.send-summaries',
  payload: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelaySeconds: 60 },
  cron: '5 * * * *',
});

export function createSendSummariesJob(deps: { summaries: SummaryService }): JobHandler {
  return handleJob(SEND_ANALYTICS_SUMMARIES, async () => {
    await deps.summaries.queueDueSummaries();
  });
}
