import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from './errors';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';
import { requestIdOf } from './request-log';

export interface AdmissionLimits {
  /** Requests of the gated routes running at once in this process. */
  maxInFlight: number;
  /** Requests waiting for one of those places; past it the next one is refused at once. */
  maxQueue: number;
  /** A queued request that waited this long is refused when its turn comes instead of run late. */
  maxQueueWaitMs: number;
  /**
   * How late (ms, on average) the event loop may run while the gate turns buyers away: past it, the
   * process itself is behind (requests wait in the kernel before it even reads them, the refusals
   * too), so fewer run at once (down to one) until it catches up, then more again (back up to
   * maxInFlight). 0 (or absent) keeps maxInFlight fixed.
   */
  maxLoopDelayMs?: number;
}

/**
 * How often the gate looks at the process's load to adapt how many it lets in at once: an overload's
 * first moments, at the full limit, stall everything behind them, so the limit must fall within ~300 ms.
 */
const ADAPT_EVERY_MS = 50;

/** What the gate needs to answer a refusal by itself, without the middleware chain. */
export interface AdmissionGateOptions {
  now?: () => number;
  /** How late the event loop ran (ms, on average) since the last call; measured by default. */
  loopDelay?: () => number;
  /** Headers every answer carries (the security headers). */
  headers?: ReadonlyMap<string, string>;
  /** Counts an answer written by `refuseAtOnce` (the metrics). */
  onRefused?: (seconds: number) => void;
  /** Gets one line a second while the gate refuses, instead of one per refusal. */
  logger?: Pick<Logger, 'warn'>;
}

export interface AdmissionGate {
  /**
   * The first thing a gated request meets: when neither a place nor the queue is free, the gate writes
   * the 429 itself and returns true. Nothing else runs for it: no Express request set-up, no body read,
   * no log line of its own (the gate logs one a second), which keeps a refusal close to the cost of
   * the HTTP exchange itself. Otherwise returns false and the request goes on to `middleware`.
   */
  refuseAtOnce(req: IncomingMessage, res: ServerResponse): boolean;
  /** Admits or queues (or, past the queue, refuses through the error handler). */
  middleware: RequestHandler;
  /** For tests and metrics: what runs and what waits right now. */
  snapshot(): { inFlight: number; queued: number; limit: number };
}

interface Waiting {
  admit: () => void;
  refuse: () => void;
  queuedAt: number;
}

/**
 * Admission control in front of the database for the routes that cost it most (the reserve): a
 * limited number of requests run at once, a short queue waits behind them, and any request past both
 * is answered 429 RATE_LIMITED + Retry-After at once, before its body is even parsed. Under a flash
 * sale's overload the excess thus costs a few microseconds instead of a place in the pool's queue,
 * and the requests let in keep their latency: their wait is bounded by the queue's length, not by
 * how many buyers arrive. Per process: N API processes admit N times as many (the database's pool
 * and the reserve's own row lock are what the numbers protect).
 *
 * The number that run at once adapts (AIMD) when the process itself is the bottleneck: a refusal is
 * cheap but not free, and when the requests let in take more of the event loop than it has, every
 * arriving request (a refusal too) waits in the kernel behind them, and the refusals stop being
 * answered at once. That backlog shows as an event loop running late (a busy loop without a backlog
 * does not: a process at 90% of its capacity serves everyone, and must not turn anyone away). So
 * while buyers are turned away and the loop runs later than `maxLoopDelayMs`, the limit falls by half
 * every 50 ms; when the loop is on time again (or nobody waits), it climbs back by an eighth. A
 * closed-loop sale that never exceeds the limit is never touched; the queue shrinks with the limit.
 */
export function createAdmissionGate(
  limits: AdmissionLimits,
  options: AdmissionGateOptions = {},
): AdmissionGate {
  const now = options.now ?? Date.now;
  const maxDelay = limits.maxLoopDelayMs ?? 0;
  const loopDelay = options.loopDelay ?? (maxDelay > 0 ? eventLoopDelayMeter() : () => 0);
  let inFlight = 0;
  const queue: Waiting[] = [];
  // A ring would avoid shift()'s copy, but the queue is short by construction (maxQueue).
  let limit = limits.maxInFlight;
  let queueLimit = limits.maxQueue;
  /** Whether anyone was queued or refused since the gate last adapted. */
  let pressed = false;
  let adaptedAt = now();

  const adapt = (at: number) => {
    if (at - adaptedAt < ADAPT_EVERY_MS) return;
    const late = loopDelay();
    adaptedAt = at;
    if (pressed && late > maxDelay) limit = Math.max(1, Math.floor(limit * 0.5));
    else if (limit < limits.maxInFlight && (!pressed || late < maxDelay / 2))
      limit = Math.min(limits.maxInFlight, limit + Math.max(1, Math.floor(limit / 8)));
    queueLimit = Math.ceil((limits.maxQueue * limit) / limits.maxInFlight);
    // Those queued past the shorter queue would run late behind a loop that is already late: they are
    // answered now, the latest arrivals first (the first in line keep their place).
    while (queue.length > queueLimit) queue.pop()?.refuse();
    pressed = false;
  };

  const release = () => {
    inFlight -= 1;
    while (queue.length > 0 && inFlight < limit) {
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

  const isFull = () => inFlight >= limit && queue.length >= queueLimit;

  const refusedHeaders: OutgoingHttpHeader[] = [];
  for (const [name, value] of options.headers ?? []) refusedHeaders.push(name, value);
  refusedHeaders.push('Retry-After', '1', 'Content-Type', PROBLEM_CONTENT_TYPE);
  let refusedSinceLog = 0;
  const logRefusals = () => {
    options.logger?.warn(
      { refused: refusedSinceLog, inFlight, queued: queue.length, limit },
      'admission control: reserves refused with 429 in the last second (no line per refusal)',
    );
    refusedSinceLog = 0;
  };

  const refuseAtOnce = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (maxDelay > 0) adapt(now());
    if (!isFull()) return false;
    pressed = true;
    const startedAt = performance.now();
    const requestId = requestIdOf(req);
    const body = JSON.stringify(problemOf(atCapacity(), requestId));
    res.writeHead(429, [
      ...refusedHeaders,
      'X-Request-Id',
      requestId,
      'Content-Length',
      String(Buffer.byteLength(body)),
    ]);
    // The body of the request is never read: node:http discards it once the answer is sent, and the
    // connection stays open for the buyer's retry.
    res.end(body);
    options.onRefused?.((performance.now() - startedAt) / 1000);
    if (refusedSinceLog === 0) setTimeout(logRefusals, 1000).unref();
    refusedSinceLog += 1;
    return true;
  };

  const middleware: RequestHandler = (_req, res, next) => {
    if (maxDelay > 0) adapt(now());
    if (inFlight < limit) {
      inFlight += 1;
      holdUntilDone(res);
      next();
      return;
    }
    pressed = true;
    if (queue.length >= queueLimit) {
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

  return { refuseAtOnce, middleware, snapshot: () => ({ inFlight, queued: queue.length, limit }) };
}

/**
 * How late the event loop ran (ms, mean) since the last call: a 5 ms timer's lateness, sampled by
 * libuv (perf_hooks' event-loop delay histogram), reset at every read.
 */
function eventLoopDelayMeter(): () => number {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return () => {
    const mean = histogram.count > 0 ? histogram.mean / 1e6 : 0;
    histogram.reset();
    return Number.isFinite(mean) ? mean : 0;
  };
}

function atCapacity(): AppError {
  return new AppError('RATE_LIMITED', 'Too many buyers at this moment; try again in a second', {
    headers: { 'Retry-After': '1' },
  });
}
