import type { RequestHandler, Response } from 'express';
import { AppError } from './errors';

export interface AdmissionLimits {
  /** Requests of the gated routes running at once in this process. */
  maxInFlight: number;
  /** Requests waiting for one of those places; past it the next one is refused at once. */
  maxQueue: number;
  /** A queued request that waited this long is refused when its turn comes instead of run late. */
  maxQueueWaitMs: number;
}

export interface AdmissionGate {
  middleware: RequestHandler;
  /** For tests and metrics: what runs and what waits right now. */
  snapshot(): { inFlight: number; queued: number };
}

interface Waiting {
  admit: () => void;
  refuse: () => void;
  queuedAt: number;
}

/**
 * Admission control in front of the database for the routes that cost it most (the reserve): a
 * fixed number of requests run at once, a short queue waits behind them, and any request past both
 * is answered 429 RATE_LIMITED + Retry-After at once, before its body is even parsed. Under a flash
 * sale's overload the excess thus costs a few microseconds instead of a place in the pool's queue,
 * and the requests let in keep their latency: their wait is bounded by the queue's length, not by
 * how many buyers arrive. Per process: N API processes admit N times as many (the database's pool
 * and the reserve's own row lock are what the numbers protect).
 */
export function createAdmissionGate(limits: AdmissionLimits, now: () => number = Date.now): AdmissionGate {
  let inFlight = 0;
  const queue: Waiting[] = [];
  // A ring would avoid shift()'s copy, but the queue is short by construction (maxQueue).

  const release = () => {
    inFlight -= 1;
    while (queue.length > 0 && inFlight < limits.maxInFlight) {
      const next = queue.shift();
      if (!next) break;
      if (now() - next.queuedAt > limits.maxQueueWaitMs) {
        next.refuse();
        continue;
      }
      inFlight += 1;
      next.admit();
    }
  };

  /** Holds the place until the response is finished or its connection dropped, whichever first. */
  const holdUntilDone = (res: Response) => {
    let isDone = false;
    const done = () => {
      if (isDone) return;
      isDone = true;
      release();
    };
    res.once('finish', done);
    res.once('close', done);
  };

  const middleware: RequestHandler = (_req, res, next) => {
    if (inFlight < limits.maxInFlight) {
      inFlight += 1;
      holdUntilDone(res);
      next();
      return;
    }
    if (queue.length >= limits.maxQueue) {
      next(atCapacity());
      return;
    }
    const waiting: Waiting = {
      queuedAt: now(),
      admit: () => {
        res.off('close', leftWhileQueued);
        holdUntilDone(res);
        next();
      },
      refuse: () => {
        res.off('close', leftWhileQueued);
        next(atCapacity());
      },
    };
    // A client that hangs up while queued gives its place back without ever running.
    const leftWhileQueued = () => {
      const index = queue.indexOf(waiting);
      if (index >= 0) queue.splice(index, 1);
    };
    res.once('close', leftWhileQueued);
    queue.push(waiting);
  };

  return { middleware, snapshot: () => ({ inFlight, queued: queue.length }) };
}

function atCapacity(): AppError {
  return new AppError('RATE_LIMITED', 'Too many buyers at this moment; try again in a second', {
    headers: { 'Retry-After': '1' },
  });
}
