import PgBoss from 'pg-boss';
import pg from 'pg';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client';
import {
  deadLetterQueueOf,
  jobDataOf,
  type JobDefinition,
  type JobHandler,
  type QueueOptions,
} from './job-registry';
import { toDrizzleSql, withAdvisoryLock } from './job-queue.sql';

const JOB_SETUP_LOCK_ID = 724_002;
/** How often a worker asks for jobs that requests enqueue (emails, refunds): a buyer waits on them. */
const POLL_SECONDS = 0.5;
/**
 * How often it asks for a cron job's: they come once a minute (or hour) and nobody waits on the
 * second, so an idle worker's polls drop from 16 a second to 7 (8 queues, 5 of them cron).
 */
const CRON_POLL_SECONDS = 5;

/**
 * Jobs are enqueued by definition: the payload's type comes from the definition's schema, and the
 * payload is parsed with it before it is stored, so a worker never takes a job it cannot read.
 */
export interface Enqueuer {
  /** Many jobs of one kind in one statement (reminder batches). */
  enqueueMany<S extends z.ZodType>(
    tx: DbOrTx,
    job: JobDefinition<S>,
    payloads: ReadonlyArray<NoInfer<z.input<S>>>,
  ): Promise<void>;
  /**
   * Adds a job inside the caller's transaction: it exists only if that transaction commits, so no
   * email leaves for an order that rolled back and no paid order lacks its confirmation.
   */
  enqueue<S extends z.ZodType>(
    tx: DbOrTx,
    job: JobDefinition<S>,
    payload: NoInfer<z.input<S>>,
    options?: { startAfter?: Date; singletonKey?: string },
  ): Promise<void>;
}

/** What pg-boss keeps as a failed job's output (Error objects do not survive JSON.stringify). */
function toFailureOutput(error: unknown): object {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}

export interface JobQueue extends Enqueuer {
  boss: PgBoss;
  /** Starts the handlers (worker role). Fails when a registered queue has no handler. */
  startWorkers(jobs: JobHandler[]): Promise<void>;
  /**
   * Stops fetching, lets running jobs finish for up to `timeoutMs` (default 10 s), then hands the
   * rest back (failed, so pg-boss retries them) and closes its connections.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Jobs waiting or retrying, and jobs in dead-letter queues, per queue (for /metrics). */
  depth(): Promise<Array<{ queue: string; queued: number; failed: number }>>;
}

function throttledErrorLog(logger: Logger, everyMs: number) {
  const lastLogged = new Map<string, number>();
  return (error: Error) => {
    const key = error.message.replace(/\(Queue: .*$/, '').slice(0, 120);
    const now = Date.now();
    if (now - (lastLogged.get(key) ?? 0) < everyMs) return;
    lastLogged.set(key, now);
    logger.error({ err: error }, 'job queue error');
  };
}

export async function createJobQueue(options: {
  url: string;
  logger: Logger;
  jobs: JobDefinition[];
  /** Connections of pg-boss's own pool. */
  poolSize?: number;
  /** Whether this process runs maintenance and cron (workers do; API-only processes need not). */
  isWorker: boolean;
  /** pg-boss's schema; tests give each file its own so workers never take each other's jobs. */
  schema?: string;
  /** Replaces every queue's retry settings (tests of retries and dead letters that must be quick). */
  retry?: Partial<Pick<QueueOptions, 'retryLimit' | 'retryDelaySeconds'>>;
}): Promise<JobQueue> {
  const { logger, jobs } = options;
  const boss = new PgBoss({
    connectionString: options.url,
    max: options.poolSize ?? 3,
    application_name: 'z-events-jobs',
    ...(options.schema ? { schema: options.schema } : {}),
    supervise: options.isWorker,
    schedule: options.isWorker,
  });
  // pg-boss reports every failed poll while the database is away (twice a second per queue):
  // logged, never fatal, and at most one line per queue and kind of error every 10 s.
  boss.on('error', throttledErrorLog(logger, 10_000));
  // Several processes starting at once would race pg-boss's own schema setup and queue creation
  // (PostgreSQL reports a deadlock); one at a time under an advisory lock, like our migrations.
  const known = new Set<string>();
  const lock = new pg.Client({ connectionString: options.url, application_name: 'z-events-jobs-setup' });
  lock.on('error', (error) => logger.warn({ err: error }, 'job setup connection lost'));
  await lock.connect();
  try {
    await withAdvisoryLock(lock, JOB_SETUP_LOCK_ID, async () => {
      await boss.start();
      for (const job of jobs) {
        const dead = deadLetterQueueOf(job.name);
        if (!(await boss.getQueue(dead))) await boss.createQueue(dead, { name: dead, retentionDays: 30 });
        const queue = {
          name: job.name,
          retryLimit: options.retry?.retryLimit ?? job.queue.retryLimit,
          retryDelay: options.retry?.retryDelaySeconds ?? job.queue.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: job.queue.expireInSeconds ?? 15 * 60,
          deadLetter: dead,
        };
        if (await boss.getQueue(job.name)) await boss.updateQueue(job.name, queue);
        else await boss.createQueue(job.name, queue);
        known.add(job.name);
      }
    });
  } finally {
    await lock.end();
  }

  const assertKnown = (job: JobDefinition): void => {
    if (!known.has(job.name)) throw new Error(`unknown job ${job.name}: add it to the job registry`);
  };
  const enqueue: Enqueuer['enqueue'] = async (tx, job, payload, sendOptions) => {
    assertKnown(job);
    await boss.send(job.name, jobDataOf(job, payload), {
      ...(sendOptions?.startAfter ? { startAfter: sendOptions.startAfter } : {}),
      ...(sendOptions?.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
      db: {
        executeSql: async (text: string, values: unknown[]) => {
          const result = await tx.execute(toDrizzleSql(text, values));
          return { rows: result.rows };
        },
      },
    });
  };

  const enqueueMany: Enqueuer['enqueueMany'] = async (tx, job, payloads) => {
    assertKnown(job);
    const rows = payloads.map((payload) => ({ name: job.name, data: jobDataOf(job, payload) }));
    if (rows.length === 0) return;
    await boss.insert(rows, {
      db: {
        executeSql: async (text: string, values: unknown[]) => ({
          rows: (await tx.execute(toDrizzleSql(text, values))).rows,
        }),
      },
    });
  };

  return {
    boss,
    enqueue,
    enqueueMany,
    async startWorkers(handlers) {
      const byName = new Map(handlers.map((job) => [job.name, job]));
      // Startup fails, rather than jobs piling up unnoticed, when a queue has no handler.
      for (const name of known) if (!byName.has(name)) throw new Error(`job ${name} has no handler`);
      const cronOf = new Map(jobs.map((job) => [job.name, job.cron]));
      for (const job of handlers) {
        const concurrency = Math.max(1, job.work?.concurrency ?? 1);
        const cron = cronOf.get(job.name);
        await boss.work<object>(
          job.name,
          {
            batchSize: job.work?.batchSize ?? 5,
            pollingIntervalSeconds: cron ? CRON_POLL_SECONDS : POLL_SECONDS,
            includeMetadata: true,
          },
          async (batch) => {
            // Each job of the batch succeeds or fails on its own: one failing email must neither hold
            // back nor use up the retries of the others fetched with it.
            const failures: Array<{ id: string; error: unknown }> = [];
            let next = 0;
            const lane = async () => {
              while (next < batch.length) {
                const item = batch[next++];
                if (!item) return;
                try {
                  await job.handle(job.payload.parse(item.data), {
                    retryCount: item.retryCount,
                    isLastAttempt: item.retryCount >= item.retryLimit,
                  });
                } catch (error) {
                  failures.push({ id: item.id, error });
                }
              }
            };
            await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
            // Failed jobs go back to pg-boss (retry with backoff, or the dead-letter queue); pg-boss then
            // completes the rest of the batch, leaving these alone as they are no longer active.
            for (const { id, error } of failures) await boss.fail(job.name, id, toFailureOutput(error));
          },
        );
        if (cron) await boss.schedule(job.name, cron, {}, { tz: 'UTC' });
      }
    },
    async stop(stopOptions) {
      // Resolves once the running jobs have ended or been handed back and the pool is closed.
      await boss.stop({ graceful: true, timeout: stopOptions?.timeoutMs ?? 10_000 });
    },
    async depth() {
      const rows: Array<{ queue: string; queued: number; failed: number }> = [];
      for (const name of known) {
        rows.push({
          queue: name,
          queued: await boss.getQueueSize(name),
          failed: await boss.getQueueSize(deadLetterQueueOf(name)),
        });
      }
      return rows;
    },
  };
}
