/**
 * An open-loop load generator: requests leave at a fixed arrival rate whatever the server answers,
 * as buyers arrive at a sale. autocannon's `overallRate` is not that: it gives each connection a quota
 * per second, and every connection spends its quota back to back at the start of the second, so the
 * server sees a closed-loop burst at full concurrency for part of each second and idles the rest (with
 * 100 connections at 1,000/s, a queue of 100 every second, whatever the server's speed).
 *
 * Here request i is due at `start + i / rate`; a 1 ms timer sends every request that is due. Latency
 * is measured from that scheduled time (so a server that falls behind pays for the requests waiting
 * behind it: no coordinated omission), and also from the moment the request went out on a connection
 * (the difference is the wait for a free connection plus the generator's own lag on a shared machine).
 */
import { connect, type Socket } from 'node:net';

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
  const target = new URL(opts.origin);
  const host = target.host;
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  // Every answer's figures, in the order the answers came, in arrays allocated once: grown one push
  // at a time they were copied over and over, and kept the generator's collector busy during the run.
  const statuses = new Uint16Array(total);
  const fromScheduled = new Float64Array(total);
  const fromSent = new Float64Array(total);
  const lags = new Float64Array(total);
  let sentCount = 0;
  let timeouts = 0;
  let errors = 0;
  let answered = 0;
  let settled = 0;
  // Requests that are due while every connection is busy wait here, in arrival order (that wait counts).
  const waiting = new Fifo<Pending>();
  // A stack: the connection freed last goes first (a few hot connections cost the generator less than
  // all of them in turn). One the server closed while it sat idle reconnects and reports itself free
  // again, so `listed` keeps it from being on the stack (and sent two requests at once) twice.
  const idle: Connection[] = [];

  const record = (pending: Pending, response: ParsedResponse) => {
    const endedAt = performance.now();
    statuses[answered] = response.status;
    fromScheduled[answered] = endedAt - pending.scheduledAt;
    fromSent[answered] = endedAt - pending.sentAt;
    answered += 1;
    if (opts.onHeaders) opts.onHeaders(response.status, parseHeaders(response.head));
  };
  const dispatch = (connection: Connection) => {
    if (connection.isBusy) return; // reconnecting: it reports itself free once it can send
    const pending = waiting.shift();
    if (!pending) {
      if (!connection.listed) idle.push(connection);
      connection.listed = true;
      return;
    }
    pending.sentAt = performance.now();
    lags[sentCount] = pending.sentAt - pending.scheduledAt;
    sentCount += 1;
    connection.send(pending);
  };
  const connections: Connection[] = [];
  for (let c = 0; c < opts.connections; c++) {
    connections.push(
      new Connection(Number(target.port), target.hostname, {
        answered: (pending, response) => {
          record(pending, response);
          settled += 1;
        },
        failed: (pending, kind) => {
          if (kind === 'timeout') timeouts += 1;
          else errors += 1;
          settled += 1;
        },
        free: dispatch,
      }),
    );
  }
  await Promise.all(connections.map((connection) => connection.ready));
  for (const connection of connections) dispatch(connection);

  // A request unanswered (or unsent) after timeoutMs is a timeout: checked every 50 ms rather than
  // with a timer per request, which at 16,000/s would cost the generator more than the request.
  const sweeper = setInterval(() => {
    const now = performance.now();
    while (now - (waiting.peek()?.scheduledAt ?? now) > timeoutMs) {
      waiting.shift();
      timeouts += 1;
      settled += 1;
    }
    for (const connection of connections) connection.expireOlderThan(now - timeoutMs);
  }, 50);

  const startedAt = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - startedAt) / interval) + 1);
      for (; next < due; next++) {
        waiting.push({
          request: serialize(opts.request(next), host),
          scheduledAt: startedAt + next * interval,
          sentAt: 0,
        });
      }
      while (waiting.peek()) {
        const connection = idle.pop();
        if (!connection) break;
        connection.listed = false;
        dispatch(connection);
      }
      if (next >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await new Promise<void>((resolve) => {
    const check = () => (settled >= total ? resolve() : setTimeout(check, 5));
    check();
  });
  const elapsed = (performance.now() - startedAt) / 1000;
  clearInterval(sweeper);
  for (const connection of connections) connection.close();
  const byStatus = new Map<number, { scheduled: number[]; sent: number[] }>();
  for (let i = 0; i < answered; i++) {
    const status = statuses[i] as number;
    let bucket = byStatus.get(status);
    if (!bucket) byStatus.set(status, (bucket = { scheduled: [], sent: [] }));
    bucket.scheduled.push(fromScheduled[i] as number);
    bucket.sent.push(fromSent[i] as number);
  }
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
    lagP99: percentile(lags.subarray(0, sentCount), 0.99),
  };
}

/**
 * First in, first out without Array#shift, which copies the whole array once it is large (a backlog
 * of 100,000 requests made the generator itself the bottleneck).
 */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

interface Pending {
  request: Buffer;
  scheduledAt: number;
  sentAt: number;
}

interface ParsedResponse {
  status: number;
  /** The header block (latin1), parsed only when someone asks for the headers. */
  head: string;
}

interface ConnectionEvents {
  answered(pending: Pending, response: ParsedResponse): void;
  failed(pending: Pending, kind: 'timeout' | 'error'): void;
  /** The connection can take the next request. */
  free(connection: Connection): void;
}

/**
 * One keep-alive HTTP/1.1 connection with at most one request outstanding, over a bare socket: the
 * request goes out as prepared bytes and the answer is parsed only as far as its status line, its
 * length and (when asked) its headers. A general-purpose client (undici) spends ~100 µs of CPU per
 * request here; beside the server on one machine, that CPU came out of the server's share and capped
 * what any endpoint could answer (a bare node:http 429 at ~12,000/s); this costs a few µs.
 */
class Connection {
  /** Settles once the first socket connected (a failed attempt is retried, not waited on forever). */
  ready: Promise<void>;
  private socket!: Socket;
  private whenReady: () => void = () => undefined;
  private connecting = true;
  /** On the pool's stack of idle connections. */
  listed = false;
  private pending: Pending | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private closing = false;

  constructor(
    private readonly port: number,
    private readonly hostname: string,
    private readonly events: ConnectionEvents,
  ) {
    this.ready = new Promise((resolve) => {
      this.whenReady = resolve;
    });
    void this.open().then(() => this.whenReady());
  }

  /** A request in flight, or no socket to send one on yet. */
  get isBusy(): boolean {
    return this.pending !== undefined || this.connecting;
  }

  send(pending: Pending): void {
    this.pending = pending;
    this.socket.write(pending.request);
  }

  expireOlderThan(sentBefore: number): void {
    if (this.pending && this.pending.sentAt < sentBefore) this.reopen('timeout');
  }

  close(): void {
    this.closing = true;
    this.socket.destroy();
  }

  private open(): Promise<void> {
    this.buffered = Buffer.alloc(0);
    this.connecting = true;
    const socket = connect({ port: this.port, host: this.hostname, noDelay: true });
    this.socket = socket;
    // Events of a socket this connection already gave up on are not news.
    const current = () => socket === this.socket && !this.closing;
    socket.on('data', (chunk: Buffer) => {
      if (current()) this.receive(chunk);
    });
    socket.on('error', () => {
      if (current()) this.reopen('error');
    });
    socket.on('close', () => {
      if (current()) this.reopen('error');
    });
    return new Promise((resolve) =>
      socket.once('connect', () => {
        this.connecting = false;
        this.whenReady();
        resolve();
      }),
    );
  }

  /** Drops the request in flight (if any, counted as `kind`) and starts over on a new socket. */
  private reopen(kind: 'timeout' | 'error'): void {
    const pending = this.pending;
    this.pending = undefined;
    this.connecting = true;
    this.socket.destroy();
    if (pending) this.events.failed(pending, kind);
    // A server that refuses connections is not hammered in a tight loop.
    setTimeout(() => void this.open().then(() => this.events.free(this)), pending ? 0 : 10);
  }

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const headEnd = this.buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const bodyStart = headEnd + 4;
    const bodyEnd = endOfBody(head, this.buffered, bodyStart);
    if (bodyEnd < 0) return; // the rest of the body is still on its way
    this.buffered = Buffer.alloc(0);
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    this.events.answered(pending, { status: Number(head.slice(9, 12)), head });
    if (/\r\nconnection: *close/i.test(head)) {
      this.socket.destroy();
      void this.open().then(() => this.events.free(this));
    } else {
      this.events.free(this);
    }
  }
}

/** Where the answer's body ends in `data` (-1: not all of it is here yet). */
function endOfBody(head: string, data: Buffer, bodyStart: number): number {
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return data.length >= end ? end : -1;
  }
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return bodyStart;
  // Chunked: size line, data, CRLF ... until the zero-size chunk and the final CRLF.
  let at = bodyStart;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return -1;
    const size = Number.parseInt(data.toString('latin1', at, lineEnd), 16);
    if (size === 0) {
      const trailerEnd = data.indexOf('\r\n\r\n', lineEnd);
      return trailerEnd < 0 ? -1 : trailerEnd + 4;
    }
    at = lineEnd + 2 + size + 2;
    if (at > data.length) return -1;
  }
}

function serialize(request: OpenLoopRequest, host: string): Buffer {
  const body = request.body ?? '';
  let head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const [name, value] of Object.entries(request.headers)) head += `${name}: ${value}\r\n`;
  if (request.body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n`;
  return Buffer.from(`${head}\r\n${body}`);
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The p-th quantile (0..1) of `values` (NaN when empty), nearest rank. */
export function percentile(values: ArrayLike<number>, p: number): number {
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
    `  latency ms from the send: p50 ${ms(percentile(fromSend, 0.5))}, p99 ${ms(percentile(fromSend, 0.99))}; the generator's lag behind its schedule (a free connection included): p99 ${ms(r.lagP99)}`,
    `  answers: ${byStatus}; errors ${r.errors}, timeouts ${r.timeouts}`,
  ].join('\n');
}
