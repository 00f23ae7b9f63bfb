/**
 * Named fault-injection points: places between two steps of one request where a crash must leave
 * nothing half-done (the retry completes or undoes it). Production code calls `hit(point)`; nothing
 * happens unless a test installed an injector, or the chaos tests started the process with
 * ZEVENTS_FAULTS naming the point (then the process kills itself there, like `kill -9`).
 */
export const FAULT_POINTS = [
  /** The payment is committed (order paid, tickets issued); the answer is not stored yet. */
  'orders.pay.after-charge',
  /** A free order and its key's claim are committed; the order is not paid yet. */
  'orders.reserve.before-free-payment',
  /** The refund is committed with its key marked done; the answer's body is not stored yet. */
  'orders.refund.after-commit',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export interface FaultInjector {
  hit(point: FaultPoint): void;
}

/**
 * What a test's injector throws to stand for the process dying at that point: whoever catches it
 * must do nothing a dead process could not (no cleanup of the key, no stored answer).
 */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
  constructor(readonly point: FaultPoint) {
    super(`simulated crash at ${point}`);
  }
}

export const noFaults: FaultInjector = { hit: () => undefined };

/** ZEVENTS_FAULTS=point,point: a real crash (SIGKILL) at those points; never in production. */
export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultInjector {
  const named = (env.ZEVENTS_FAULTS ?? '')
    .split(',')
    .map((point) => point.trim())
    .filter((point): point is FaultPoint => (FAULT_POINTS as readonly string[]).includes(point));
  if (named.length === 0 || env.NODE_ENV === 'production') return noFaults;
  const armed = new Set<FaultPoint>(named);
  return {
    hit(point) {
      if (armed.has(point)) process.kill(process.pid, 'SIGKILL');
    },
  };
}

/** A test's injector: throws SimulatedCrash at the armed points, `times` times each (default once). */
export function crashAt(point: FaultPoint, times = 1): FaultInjector & { hits: number } {
  const injector = {
    hits: 0,
    hit(at: FaultPoint) {
      if (at !== point || injector.hits >= times) return;
      injector.hits += 1;
      throw new SimulatedCrash(point);
    },
  };
  return injector;
}
