import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config';
import { createDatabase, type Database } from '../db/client';
import { survivableRejections } from '../db/unhandled-rejections';
import { createLogger } from '../logger';
import { type ChangeBus, createChangeBus } from '../realtime/change-bus';
import { createJobQueue, type JobQueue } from './job-queue';
import { type JobWorker, startJobWorker } from './job-worker';
import type { JobsThreadData, JobsThreadMessage, JobsThreadReply } from './jobs-thread';
import { lowerThreadPriority } from './module-thread';
import { JOB_DEFINITIONS } from './worker-jobs';

/**
 * The jobs thread of `--role=all` (jobs-thread.ts starts it): the job worker of a `--role=worker`
 * process, on a thread of the API's process at a lower CPU priority. Bundled on its own as
 * dist/jobs.worker.mjs for `npm start`.
 */
const port = parentPort;
if (!port) throw new Error('jobs.worker runs as a worker thread (jobs-thread.ts starts it)');
const { databaseUrl } = workerData as JobsThreadData;
const config = loadConfig();
const logger = createLogger(config.logLevel).child({ thread: 'jobs' });
const reply = (message: JobsThreadReply) => port.postMessage(message);
// First, so the threads this one starts (PDF rendering) inherit the lower priority.
const nice = lowerThreadPriority(config.workerNice);

// pg-boss leaves some database calls unawaited; while PostgreSQL is away they must not end the thread.
process.on('unhandledRejection', survivableRejections(logger));

interface Running {
  database?: Database;
  jobs?: JobQueue;
  changes?: ChangeBus;
  worker?: JobWorker;
}
const running: Running = {};
let isStopping = false;

async function stop(timeoutMs: number): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  running.worker?.stopLoops();
  await running.jobs?.stop({ timeoutMs }).catch((error: unknown) => {
    logger.warn({ err: error }, 'job queue did not stop cleanly');
  });
  await running.changes?.stop().catch(() => undefined);
  running.worker?.close();
  await running.database?.close().catch(() => undefined);
  // Its supervisor waits for the thread's exit (no reply). Ends this thread only (PDF threads
  // included), whatever handle a package left open.
  process.exit(0);
}

port.on('message', (message: JobsThreadMessage) => {
  if (message.type === 'stop') void stop(message.timeoutMs);
});

async function boot(): Promise<void> {
  const database = createDatabase(databaseUrl, config.databasePoolSize);
  running.database = database;
  const [jobs, changes] = await Promise.all([
    createJobQueue({ url: databaseUrl, logger, jobs: JOB_DEFINITIONS, isWorker: true }),
    createChangeBus({ url: databaseUrl, pool: database.pool, logger }),
  ]);
  running.jobs = jobs;
  running.changes = changes;
  if (isStopping) return;
  const stopping = () => isStopping;
  running.worker = await startJobWorker({ database, jobs, changes, config, logger, isStopping: stopping });
  if (isStopping) running.worker.stopLoops();
  else reply({ type: 'booted', nice });
}

// A failed boot (the database away) ends the thread, pools and all: its supervisor starts another.
boot().catch((error: unknown) => {
  logger.error({ err: error }, 'the jobs thread could not start');
  process.exit(1);
});
