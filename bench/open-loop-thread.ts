import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../apps/api/src/jobs/module-thread';
import type { OpenLoopOptions, OpenLoopResult } from './open-loop';
import type { SaleRef } from './reserve-request';

/** Reserves of one sale, each from a buyer of its own (bench/reserve-request.ts). */
export interface ReservePlan {
  kind: 'reserve';
  sale: SaleRef;
  /** Request i is buyer number firstBuyer + i. */
  firstBuyer: number;
}

/** The same GET on every request (the 404 reference). */
export interface GetPlan {
  kind: 'get';
  path: string;
}

/** What the thread sends: described as data, since a function cannot cross to another thread. */
export type OpenLoopRequests = ReservePlan | GetPlan;

export type OpenLoopThreadOptions = Omit<OpenLoopOptions, 'request' | 'onHeaders'> & {
  requests: OpenLoopRequests;
  /** Counts the answers of this status that carry this header (lower-case name). */
  countHeader?: { status: number; header: string };
};

export type OpenLoopThreadResult = OpenLoopResult & { withHeader: number };

export interface OpenLoopThread {
  run(options: OpenLoopThreadOptions): Promise<OpenLoopThreadResult>;
  close(): Promise<void>;
}

/**
 * The open-loop generator (bench/open-loop.ts) on a thread of its own, with a heap of its own.
 * On the bench's main thread it shared a heap of ~50 MB (tsx, autocannon, pg, every earlier
 * part's results), and each full collection of that heap (every ~1.5 s at 16,000 requests/s)
 * stopped the generator for 8-16 ms: every answer that arrived meanwhile was timed late, and the
 * pause was counted as the server's latency. On its own thread (a heap of 11-22 MB) the same
 * collections took 1-12 ms, most under 6 (--trace-gc, session 22). One thread serves every run,
 * so its code is compiled (warm) after the first.
 */
export function startOpenLoopThread(): OpenLoopThread {
  const worker: Worker = startModuleThread(new URL('./open-loop.worker', import.meta.url));
  worker.unref();
  let failure: Error | undefined;
  let current:
    { resolve: (result: OpenLoopThreadResult) => void; reject: (error: Error) => void } | undefined;
  const fail = (error: Error) => {
    failure = error;
    current?.reject(error);
    current = undefined;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the open-loop thread ended (exit code ${code})`)));
  worker.on('message', (result: OpenLoopThreadResult) => {
    current?.resolve(result);
    current = undefined;
  });
  return {
    run(options) {
      if (failure) return Promise.reject(failure);
      if (current) return Promise.reject(new Error('the open-loop thread runs one load at a time'));
      return new Promise((resolve, reject) => {
        current = { resolve, reject };
        worker.postMessage(options);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
