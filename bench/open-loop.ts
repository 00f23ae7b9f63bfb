/**
 * An open-loop load generator: requests leave at a fixed arrival rate whatever the server answers,
 * as buyers arrive at a sale. autocannon's `overallRate` is not that: it gives each connection a quota
 * per second, and every connection spends its quota back to back at the start of the second, so the
 * server sees a closed-loop burst at full concurrency for part of each second and idles the rest (with
 * 100 connections at 1,000/s, a queue of 100 every second, whatever the server's speed).
 *
 * Here request i is due at `start + i / rate`; a 1 ms timer sends every request that is due. Latency
 * is measured from that scheduled time (so a server that falls behind pays for the requests waiting
 * behind it: no coordinated omission), and also from the moment the generator handed the request to
 * its connection pool (the difference is the generator's own lag on a shared machine).
 */
import { Pool } from 'undici';

export interface OpenLoopRequest {
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface OpenLoopOptions {
  /** e.g. http://127.0.0.1:3190 */
  origin: string;
  /** Requests per second offered. */
  rate: number;
  seconds: number;
  /** Keep-alive connections the requests share (a request waits for a free one, and that counts). */
  connections: number;
  /** A request unanswered after this long is a timeout. */
  timeoutMs?: number;
  /** The i-th request. */
  request: (i: number) => OpenLoopRequest;
  /** Every answer's status and headers (lower-case names). */
  onHeaders?: (status: number, headers: Record<string, string>) => void;
}

export interface OpenLoopResult {
  offered: number;
  seconds: number;
  sent: number;
  answered: number;
  /** Answers per second, from the first request to the last answer. */
  achieved: number;
  /** Seconds from the first request to the last answer (more than `seconds` when a backlog built up). */
  elapsed: number;
  timeouts: number;
  errors: number;
  /** Per status: latencies (ms) from the scheduled time, and from the hand-over to the pool. */
  byStatus: Map<number, { scheduled: number[]; sent: number[] }>;
  /** The generator's own lag behind the schedule when it sent (ms), p99. */
  lagP99: number;
}

export async function runOpenLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const pool = new Pool(opts.origin, {
    connections: opts.connections,
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 30_000,
  });
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const byStatus = new Map<number, { scheduled: number[]; sent: number[] }>();
  const lags: number[] = [];
  let timeouts = 0;
  let errors = 0;
  let answered = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (i: number, scheduledAt: number) => {
    const request = opts.request(i);
    const sentAt = performance.now();
    lags.push(sentAt - scheduledAt);
    const done = pool
      .request({
        path: request.path,
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      })
      .then(async (response) => {
        await response.body.dump();
        const endedAt = performance.now();
        answered += 1;
        let bucket = byStatus.get(response.statusCode);
        if (!bucket) byStatus.set(response.statusCode, (bucket = { scheduled: [], sent: [] }));
        bucket.scheduled.push(endedAt - scheduledAt);
        bucket.sent.push(endedAt - sentAt);
        opts.onHeaders?.(response.statusCode, lowerCaseHeaders(response.headers));
      })
      .catch((error: unknown) => {
        const code = (error as { code?: unknown }).code;
        if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') timeouts += 1;
        else errors += 1;
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  const startedAt = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - startedAt) / interval) + 1);
      for (; next < due; next++) send(next, startedAt + next * interval);
      if (next >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - startedAt) / 1000;
  await pool.close();
  return {
    offered: opts.rate,
    seconds: opts.seconds,
    sent: total,
    answered,
    achieved: answered / elapsed,
    elapsed,
    timeouts,
    errors,
    byStatus,
    lagP99: percentile(lags, 0.99),
  };
}

/** The p-th quantile (0..1) of `values` (NaN when empty), nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Latencies of the answers whose status passes `which` (all by default). */
export function latencies(
  result: OpenLoopResult,
  which: (status: number) => boolean = () => true,
  from: 'scheduled' | 'sent' = 'scheduled',
): number[] {
  return [...result.byStatus.entries()].filter(([status]) => which(status)).flatMap(([, b]) => b[from]);
}

export function formatOpenLoop(title: string, r: OpenLoopResult): string {
  const all = latencies(r);
  const fromSend = latencies(r, () => true, 'sent');
  const ms = (v: number) => v.toFixed(1);
  const byStatus = [...r.byStatus.entries()]
    .map(([status, b]) => `${status}: ${b.scheduled.length}`)
    .join(', ');
  return [
    `\n${title}`,
    `  offered ${r.offered}/s for ${r.seconds} s (open loop, fixed arrival rate): ${r.sent} sent, ${r.answered} answered in ${r.elapsed.toFixed(1)} s, ${r.achieved.toFixed(0)}/s`,
    `  latency ms from the scheduled arrival: p50 ${ms(percentile(all, 0.5))}, p90 ${ms(percentile(all, 0.9))}, p99 ${ms(percentile(all, 0.99))}, max ${ms(percentile(all, 1))}`,
    `  latency ms from the send: p50 ${ms(percentile(fromSend, 0.5))}, p99 ${ms(percentile(fromSend, 0.99))}; the generator's lag behind its schedule: p99 ${ms(r.lagP99)}`,
    `  answers: ${byStatus}; errors ${r.errors}, timeouts ${r.timeouts}`,
  ].join('\n');
}

function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
