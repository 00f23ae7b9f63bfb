import { z } from 'zod';
import { defineJob } from '../../jobs/job-registry';

/**
 * Tells every iPhone holding a pass of the event that it changed (see pass-updates.ts). Retried
 * only when APNs cannot be reached (1, 2, 4 ... minutes, about an hour in all): a late push still
 * beats the holder finding out on the day.
 */
export const PUSH_PASS_UPDATES = defineJob({
  name: 'wallet.push-pass-updates',
  payload: z.object({ eventId: z.uuid() }),
  queue: { retryLimit: 6, retryDelaySeconds: 60 },
});
