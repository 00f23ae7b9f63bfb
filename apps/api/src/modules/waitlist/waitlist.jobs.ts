import type { Logger } from 'pino';
import { z } from 'zod';
import { defineJob, handleJob, type JobHandler } from '../../jobs/job-registry';
import type { WaitlistService } from './waitlist.service';

/** Settles closed offers and makes the offers now due (see makeDueOffers); every minute by cron. */
export const MAKE_WAITLIST_OFFERS = defineJob({
  name: 'waitlist.make-offers',
  payload: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelaySeconds: 10 },
  cron: '* * * * *',
});

export function createMakeOffersJob(deps: { waitlist: WaitlistService }): JobHandler {
  return handleJob(MAKE_WAITLIST_OFFERS, async () => {
    await deps.waitlist.makeDueOffers();
  });
}

/** The same run every few seconds on workers, so that freed tickets reach the next entry quickly. */
export function startWaitlistOfferLoop(deps: {
  waitlist: WaitlistService;
  logger: Logger;
  intervalMs?: number;
}) {
  const intervalMs = deps.intervalMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  const tick = async () => {
    try {
      const made = await deps.waitlist.makeDueOffers();
      if (made.offered > 0 || made.settled > 0) deps.logger.info(made, 'waiting-list offers made');
    } catch (error) {
      deps.logger.warn({ err: error }, 'waiting-list offer run failed; retrying');
    }
    if (!isStopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), intervalMs);
  return {
    stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
