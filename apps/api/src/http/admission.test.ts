import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { type AdmissionLimits, createAdmissionGate } from './admission';
import { AppError } from './errors';

/** A response that is only an event emitter: the gate listens for 'finish' and 'close'. */
function fakeResponse() {
  const emitter = new EventEmitter();
  return {
    emitter,
    finish: () => {
      emitter.emit('finish');
      emitter.emit('close');
    },
    hangUp: () => emitter.emit('close'),
  };
}

function harness(limits: AdmissionLimits, now: () => number = Date.now) {
  const gate = createAdmissionGate(limits, now);
  /** Sends one request into the gate; `outcome` is 'admitted', the error it was refused with, or 'waiting'. */
  const arrive = () => {
    const res = fakeResponse();
    const request: { res: ReturnType<typeof fakeResponse>; outcome: 'waiting' | 'admitted' | AppError } = {
      res,
      outcome: 'waiting',
    };
    gate.middleware({} as Request, res.emitter as Response, (error?: unknown) => {
      request.outcome = error instanceof AppError ? error : 'admitted';
    });
    return request;
  };
  return { gate, arrive };
}

describe('admission gate', () => {
  it('admits up to maxInFlight at once, queues maxQueue more, refuses the rest at once with 429 + Retry-After', () => {
    const { gate, arrive } = harness({ maxInFlight: 2, maxQueue: 1, maxQueueWaitMs: 1_000 });
    const requests = [arrive(), arrive(), arrive(), arrive()];
    expect(requests.map((r) => (r.outcome instanceof AppError ? r.outcome.code : r.outcome))).toEqual([
      'admitted',
      'admitted',
      'waiting',
      'RATE_LIMITED',
    ]);
    const refusal = requests[3]?.outcome as AppError;
    expect(refusal.headers).toEqual({ 'Retry-After': '1' });
    expect(gate.snapshot()).toEqual({ inFlight: 2, queued: 1 });
  });

  it('lets the queued request in when an admitted one finishes, and counts each response once', () => {
    const { gate, arrive } = harness({ maxInFlight: 1, maxQueue: 2, maxQueueWaitMs: 1_000 });
    const first = arrive();
    const second = arrive();
    const third = arrive();
    expect(second.outcome).toBe('waiting');
    // 'finish' then 'close' for one response releases one place, not two.
    first.res.finish();
    expect(second.outcome).toBe('admitted');
    expect(third.outcome).toBe('waiting');
    expect(gate.snapshot()).toEqual({ inFlight: 1, queued: 1 });
    second.res.finish();
    third.res.finish();
    expect(gate.snapshot()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('releases the place of a client that hangs up while its request runs', () => {
    const { gate, arrive } = harness({ maxInFlight: 1, maxQueue: 0, maxQueueWaitMs: 1_000 });
    const first = arrive();
    expect(arrive().outcome).toBeInstanceOf(AppError);
    first.res.hangUp();
    expect(gate.snapshot().inFlight).toBe(0);
    expect(arrive().outcome).toBe('admitted');
  });

  it('forgets a queued client that hangs up, so it never runs nor holds a place', () => {
    const { gate, arrive } = harness({ maxInFlight: 1, maxQueue: 1, maxQueueWaitMs: 1_000 });
    const first = arrive();
    const gone = arrive();
    gone.res.hangUp();
    expect(gate.snapshot()).toEqual({ inFlight: 1, queued: 0 });
    // Its place in the queue is free again.
    const next = arrive();
    expect(next.outcome).toBe('waiting');
    first.res.finish();
    expect(gone.outcome).toBe('waiting');
    expect(next.outcome).toBe('admitted');
  });

  it('refuses a queued request that waited past maxQueueWaitMs when its turn comes, and admits the next', () => {
    let now = 0;
    const { gate, arrive } = harness({ maxInFlight: 1, maxQueue: 2, maxQueueWaitMs: 100 }, () => now);
    const first = arrive();
    const stale = arrive();
    now = 90;
    const fresh = arrive();
    now = 150;
    first.res.finish();
    expect(stale.outcome).toBeInstanceOf(AppError);
    expect((stale.outcome as AppError).code).toBe('RATE_LIMITED');
    expect(fresh.outcome).toBe('admitted');
    expect(gate.snapshot()).toEqual({ inFlight: 1, queued: 0 });
  });
});
