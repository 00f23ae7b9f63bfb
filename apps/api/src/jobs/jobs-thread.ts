import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { startModuleThread } from './module-thread';

/** What the jobs thread is started with (its settings are the process's environment, as read). */
export interface JobsThreadData {
  databaseUrl: string;
}
/** From the process to its jobs thread. */
export type JobsThreadMessage = { type: 'stop'; timeoutMs: number };
/** From the jobs thread to the process. */
export type JobsThreadReply = { type: 'booted'; nice: number };

export interface JobsThread {
  /** Resolves when a thread first runs its jobs, with the nice value it runs at. */
  booted: Promise<{ nice: number }>;
  /**
   * Stops taking jobs, lets running ones finish for up to `timeoutMs` (the rest are handed back to
   * the queue), closes the thread's pools; resolves once the thread has ended.
   */
  stop(timeoutMs: number): Promise<void>;
}

/** A thread that lived less than this after booting and died counts as a failed start (backoff). */
const SETTLED_MS = 5_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * `--role=all` (what `npm start` runs): the job worker on a thread of its own, at the lower CPU
 * priority WORKER_NICE (jobs.worker.ts), with its own connection pools. Sending confirmations
 * (their HTML, SMTP, their database work) then never runs on the event loop that answers reserve
 * and pay, nor takes its connections: measured with 2,000 confirmations going out on 2 cores,
 * reserve and pay kept their p99 within 2x of a quiet run (2.4x-5x on one thread). Still one process
 * for the operator. A thread that ends (a crash, the database away while it starts) is replaced: at
 * once after a crash in service, backing off up to 30 s while it keeps failing to start.
 */
export function startJobsThread(options: { databaseUrl: string; logger: Logger }): JobsThread {
  const { logger } = options;
  let markBooted: (info: { nice: number }) => void = () => undefined;
  const booted = new Promise<{ nice: number }>((resolve) => (markBooted = resolve));
  let current: Worker | undefined;
  let isStopping = false;
  let failedStarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const start = (): void => {
    const startedAt = performance.now();
    let bootedAt: number | undefined;
    const thread = startModuleThread(new URL('./jobs.worker', import.meta.url), {
      workerData: { databaseUrl: options.databaseUrl } satisfies JobsThreadData,
    });
    current = thread;
    thread.on('message', (reply: JobsThreadReply) => {
      bootedAt = performance.now();
      logger.debug({ nice: reply.nice, bootMs: Math.round(bootedAt - startedAt) }, 'jobs thread running');
      markBooted({ nice: reply.nice });
    });
    // An uncaught error in the thread: reported here, then 'exit' follows.
    thread.on('error', (error) => logger.error({ err: error }, 'the jobs thread failed'));
    thread.on('exit', (code) => {
      if (current === thread) current = undefined;
      if (isStopping) return;
      const settled = bootedAt !== undefined && performance.now() - bootedAt > SETTLED_MS;
      failedStarts = settled ? 0 : failedStarts + 1;
      const delay = settled ? 0 : Math.min(MAX_RESTART_DELAY_MS, 250 * 2 ** failedStarts);
      logger.error(
        { code, duringStart: !settled, restartInMs: delay },
        'the jobs thread ended; starting another',
      );
      restartTimer = setTimeout(() => {
        if (!isStopping) start();
      }, delay);
    });
  };
  start();

  return {
    booted,
    stop(timeoutMs) {
      isStopping = true;
      clearTimeout(restartTimer);
      const thread = current;
      if (!thread) return Promise.resolve();
      return new Promise<void>((resolve) => {
        // The thread stops its jobs within timeoutMs; one that does not answer is ended regardless.
        const cut = setTimeout(() => void thread.terminate(), timeoutMs + 1_000);
        thread.once('exit', () => {
          clearTimeout(cut);
          resolve();
        });
        thread.postMessage({ type: 'stop', timeoutMs } satisfies JobsThreadMessage);
      });
    },
  };
}
