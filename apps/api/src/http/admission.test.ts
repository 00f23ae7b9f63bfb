import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
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

function harness(limits: AdmissionLimits, now: () => number = Date.now, loopDelay = () => 0) {
  const gate = createAdmissionGate(limits, { now, loopDelay });
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
    expect(gate.snapshot()).toMatchObject({ inFlight: 2, queued: 1 });
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
    expect(gate.snapshot()).toMatchObject({ inFlight: 1, queued: 1 });
    second.res.finish();
    third.res.finish();
    expect(gate.snapshot()).toMatchObject({ inFlight: 0, queued: 0 });
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
    expect(gate.snapshot()).toMatchObject({ inFlight: 1, queued: 0 });
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
    expect(gate.snapshot()).toMatchObject({ inFlight: 1, queued: 0 });
  });

  describe('when the process itself is the bottleneck (maxLoopDelayMs)', () => {
    const limits = { maxInFlight: 64, maxQueue: 64, maxQueueWaitMs: 1_000, maxLoopDelayMs: 10 };

    /** A gate whose event loop runs as late (ms) as `late` says, the clock moved by hand. */
    function loaded(late: { value: number }) {
      const clock = { now: 0 };
      const { gate, arrive } = harness(
        limits,
        () => clock.now,
        () => late.value,
      );
      const running: ReturnType<typeof arrive>[] = [];
      /** 100 ms pass with `count` more buyers arriving (and everyone who got in still running); the gate
       * looks at the load when a buyer arrives. */
      const window = (count: number) => {
        clock.now += 100;
        for (let i = 0; i < count; i++) running.push(arrive());
      };
      const finishAll = () => {
        for (const request of running.splice(0)) if (request.outcome === 'admitted') request.res.finish();
      };
      return { gate, window, finishAll, running };
    }

    it('lets fewer in at once while it turns buyers away with the event loop running late, down to one', () => {
      const late = { value: 40 };
      const { gate, window, finishAll } = loaded(late);
      window(200); // 64 in, 64 queued, the rest refused: pressed
      expect(gate.snapshot()).toEqual({ inFlight: 64, queued: 64, limit: 64 });
      window(1); // the next window looks back: pressed and late, so half
      expect(gate.snapshot().limit).toBe(32);
      // The queue shrank with the limit: the latest of those already queued were answered 429 at once.
      expect(gate.snapshot().queued).toBe(32);
      for (let i = 0; i < 30; i++) window(1);
      expect(gate.snapshot()).toMatchObject({ limit: 1, queued: 1 });
      finishAll();
      expect(gate.snapshot().inFlight).toBeLessThanOrEqual(1);
    });

    it('climbs back to maxInFlight once the loop is on time again', () => {
      const late = { value: 40 };
      const { gate, window, finishAll } = loaded(late);
      window(200);
      for (let i = 0; i < 8; i++) window(1);
      const low = gate.snapshot().limit;
      expect(low).toBeLessThan(16);
      late.value = 1;
      finishAll();
      for (let i = 0; i < 60; i++) {
        window(1);
        finishAll();
      }
      expect(gate.snapshot().limit).toBe(64);
    });

    it('holds the limit between half the delay and the delay, and never adapts a gate that turns nobody away', () => {
      const late = { value: 8 };
      const { gate, window } = loaded(late);
      window(200);
      window(1);
      expect(gate.snapshot().limit).toBe(64); // pressed, but 8 ms is within the band: held
      // A closed-loop sale below the limit, the event loop late: nobody waits, nothing changes.
      const quiet = loaded({ value: 100 });
      for (let i = 0; i < 20; i++) {
        quiet.window(10);
        quiet.finishAll();
      }
      expect(quiet.gate.snapshot().limit).toBe(64);
    });

    it('is fixed at maxInFlight with maxLoopDelayMs 0 (or absent)', () => {
      const { gate, arrive } = harness(
        { ...limits, maxLoopDelayMs: 0 },
        () => 0,
        () => 1_000,
      );
      for (let i = 0; i < 300; i++) arrive();
      expect(gate.snapshot()).toEqual({ inFlight: 64, queued: 64, limit: 64 });
    });
  });

  describe('refuseAtOnce', () => {
    it('writes the 429 itself when no place and no queue is free, and logs one line a second, not one per refusal', () => {
      vi.useFakeTimers();
      try {
        const warn = vi.fn();
        const gate = createAdmissionGate(
          { maxInFlight: 1, maxQueue: 0, maxQueueWaitMs: 1_000 },
          { headers: new Map([['x-content-type-options', 'nosniff']]), logger: { warn } as never },
        );
        const written: { status: number; headers: unknown[]; body: string }[] = [];
        const res = () =>
          ({
            writeHead: (status: number, headers: unknown[]) => written.push({ status, headers, body: '' }),
            end: (body: string) => {
              const last = written.at(-1);
              if (last) last.body = body;
            },
          }) as unknown as ServerResponse;
        const req = { headers: { 'x-request-id': 'abc-1' } } as unknown as IncomingMessage;
        expect(gate.refuseAtOnce(req, res())).toBe(false); // a place is free: the chain goes on
        gate.middleware({} as Request, new EventEmitter() as Response, () => undefined);
        for (let i = 0; i < 3; i++) expect(gate.refuseAtOnce(req, res())).toBe(true);
        expect(written).toHaveLength(3);
        const [first] = written;
        expect(first?.status).toBe(429);
        expect(first?.headers).toEqual(
          expect.arrayContaining([
            'x-content-type-options',
            'nosniff',
            'Retry-After',
            '1',
            'X-Request-Id',
            'abc-1',
          ]),
        );
        expect(JSON.parse(first?.body ?? '{}')).toMatchObject({
          status: 429,
          code: 'RATE_LIMITED',
          requestId: 'abc-1',
        });
        expect(warn).not.toHaveBeenCalled();
        vi.advanceTimersByTime(1_000);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn.mock.calls[0]?.[0]).toMatchObject({ refused: 3 });
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
