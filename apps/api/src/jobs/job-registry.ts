import type { z } from 'zod';

export interface QueueOptions {
  /** Attempts after the first failure before the job goes to its dead-letter queue. */
  retryLimit: number;
  /**
   * Backoff base in seconds: pg-boss waits between d * 2^(n-1) and d * 2^n seconds (random jitter)
   * before retry n, so 5 gives 5-10 s, then 10-20 s, 20-40 s...
   */
  retryDelaySeconds: number;
  expireInSeconds?: number;
}

/** How a worker takes this job: jobs per fetch, and how many of them run at once. */
export interface WorkOptions {
  /** Jobs fetched per poll (default 5). */
  batchSize?: number;
  /** Jobs of one fetch handled at the same time (default 1); each fails or completes on its own. */
  concurrency?: number;
}

/** What a handler knows of the attempt it runs in. */
export interface JobContext {
  /** Retries already made (0 on the first attempt). */
  retryCount: number;
  /** True when pg-boss will not retry this job again: a failure now sends it to the dead-letter queue. */
  isLastAttempt: boolean;
}

/**
 * One kind of job: its name (`domain.verb-noun`), its payload schema and how its queue retries.
 * API processes enqueue by definition (the payload type comes from the schema); workers bind a
 * handler to the same definition and parse what they take with the same schema.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  queue: QueueOptions;
  /** Cron (UTC), for jobs the scheduler starts by itself. */
  cron?: string;
  work?: WorkOptions;
}

/** A job definition with the handler a worker runs for it. */
export interface JobHandler<S extends z.ZodType = z.ZodType> extends JobDefinition<S> {
  /**
   * Runs on a worker; throwing means "retry later". Must be safe to run twice. A method, so that
   * handlers of different payloads fit in one list.
   */
  handle(payload: z.output<S>, context?: JobContext): Promise<void>;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export function handleJob<S extends z.ZodType>(
  definition: JobDefinition<S>,
  handle: (payload: z.output<S>, context?: JobContext) => Promise<void>,
): JobHandler<S> {
  return { ...definition, handle };
}

/** A payload as stored: refused (a ZodError) when it does not fit the job's schema. */
export function jobDataOf<S extends z.ZodType>(job: JobDefinition<S>, payload: z.input<S>): object {
  const data: unknown = job.payload.parse(payload);
  if (typeof data !== 'object' || data === null) throw new Error(`job ${job.name}: a payload is an object`);
  return data;
}

export const deadLetterQueueOf = (name: string): string => `${name}.dead`;
