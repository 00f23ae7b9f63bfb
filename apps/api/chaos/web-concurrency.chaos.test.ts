import { spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  freePort,
  killGroup,
  openSale,
  report,
  type ServerProcess,
  sleep,
  startServer,
  startThrowawayCluster,
  stockOf,
  type ThrowawayCluster,
  waitUntilServing,
} from './support/chaos-platform';

/**
 * WEB_CONCURRENCY=2 with --role=all: one primary, two API processes sharing the port and one job
 * worker, all on one PostgreSQL. Both API processes serve; a buyer's live page connected to one sees
 * the sales made through the other (LISTEN/NOTIFY); a dead API process is replaced; SIGTERM to the
 * primary stops every process cleanly.
 */

let cluster: ThrowawayCluster;
let server: ServerProcess | undefined;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
});

afterAll(async () => {
  if (server) killGroup(server, 'SIGKILL');
  await cluster?.stop();
});

interface LogLine {
  pid?: number;
  msg?: string;
  req?: { id?: string };
}

/** Every JSON log line the server's processes write, parsed as it arrives. */
function collectLogs(child: ServerProcess['child']): LogLine[] {
  const lines: LogLine[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line
      }
    }
  });
  return lines;
}

const LISTENING = /^Z-Events is listening/;
const listeningPids = (logs: LogLine[]) =>
  logs.filter((line) => LISTENING.test(line.msg ?? '')).map((line) => line.pid ?? 0);

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** One request on a connection of its own (the cluster hands out connections, not requests). */
function request(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  requestId: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${path}`,
      {
        method,
        agent: false,
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The pid whose request log names this request id. */
const servedBy = (logs: LogLine[], requestId: string) =>
  waitFor(`the log of ${requestId}`, () => logs.find((line) => line.req?.id === requestId)?.pid, 5_000);

const childPidsOf = (pid: number): number[] =>
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0);

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('WEB_CONCURRENCY=2', () => {
  it('two API processes serve one port, live updates cross processes, a dead one is replaced, SIGTERM stops all', async () => {
    const port = await freePort();
    server = startServer({
      databaseUrl: cluster.url,
      port,
      role: 'all',
      env: { WEB_CONCURRENCY: '2', LOG_LEVEL: 'info' },
    });
    const logs = collectLogs(server.child);
    const { baseUrl } = server;
    await waitUntilServing(baseUrl, 60_000);
    const apiPids = await waitFor(
      'two API processes listening',
      () => {
        const pids = listeningPids(logs);
        return pids.length >= 2 ? pids : undefined;
      },
      60_000,
    );
    expect(new Set(apiPids).size).toBe(2);
    const primaryPid = server.child.pid ?? 0;
    const children = childPidsOf(primaryPid);
    // Two API processes and the job worker.
    expect(children).toHaveLength(3);
    expect(children).toEqual(expect.arrayContaining(apiPids));

    // Both serve: connections are handed to each in turn.
    const capacity = 100;
    const sale = await openSale(cluster.database, capacity);
    const readers = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const id = `read-${i}-${Date.now()}`;
      const res = await request(baseUrl, 'GET', `/api/public/events/${sale.eventId}`, id);
      expect(res.status).toBe(200);
      readers.add(await servedBy(logs, id));
    }
    expect([...readers].sort()).toEqual([...apiPids].sort());

    // A live page on one process; sales through both: each must reach it, so one came from the other.
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/public/events/${sale.eventId}/live`);
    let available: number | undefined;
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        type: string;
        ticketTypes?: Array<{ id: string; available: number }>;
      };
      const type = message.ticketTypes?.find((t) => t.id === sale.ticketTypeId);
      if (message.type === 'availability' && type) available = type.available;
    });
    await waitFor('the first live frame', () => (available === capacity ? true : undefined));
    const sellers = new Set<number>();
    let sold = 0;
    for (let i = 0; i < 8 && sellers.size < 2; i++) {
      const id = `sale-${i}-${Date.now()}`;
      const res = await request(baseUrl, 'POST', '/api/orders', id, {
        eventId: sale.eventId,
        items: [{ ticketTypeId: sale.ticketTypeId, quantity: 1 }],
        buyer: { name: 'Cluster Buyer', email: `cluster-${i}-${Date.now()}@example.test` },
      });
      expect(res.status, res.body).toBe(201);
      sold += 1;
      sellers.add(await servedBy(logs, id));
      const expected = capacity - sold;
      await waitFor(`the live page showing ${expected} left`, () =>
        available === expected ? true : undefined,
      );
    }
    expect(sellers.size).toBe(2);
    socket.close();

    // kill -9 of one API process: the primary starts another, the port serves throughout.
    const victim = apiPids[0] ?? 0;
    process.kill(victim, 'SIGKILL');
    const replacement = await waitFor('a replacement API process', () =>
      listeningPids(logs).find((pid) => !apiPids.includes(pid)),
    );
    for (let i = 0; i < 4; i++)
      expect((await request(baseUrl, 'GET', '/healthz', `after-kill-${i}`)).status).toBe(200);
    const afterKill = childPidsOf(primaryPid);
    expect(afterKill).toHaveLength(3);
    expect(afterKill).toContain(replacement);
    expect(afterKill).not.toContain(victim);

    // SIGTERM to the primary alone (as a process manager sends it): every child stops, then it exits 0.
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    const exitCode = await server.exited;
    const stopMs = performance.now() - signalled;
    expect(exitCode).toBe(0);
    expect(stopMs).toBeLessThan(10_000);
    for (const pid of afterKill) expect(isRunning(pid), `child ${pid} still running`).toBe(false);
    const stock = await stockOf(cluster.database, sale.ticketTypeId);
    expect(stock.held).toBe(sold);

    report('WEB_CONCURRENCY=2 (two API processes and a job worker on one PostgreSQL)', {
      apiProcessesServing: readers.size,
      apiProcessesSelling: sellers.size,
      salesSeenLive: sold,
      secondsToStopEveryProcess: stopMs / 1000,
    });
  });

  it('stops with exit 1, not a restart loop, when the API processes cannot boot (port taken)', async () => {
    const port = await freePort();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, resolve));
    try {
      const failing = startServer({
        databaseUrl: cluster.url,
        port,
        role: 'api',
        env: { WEB_CONCURRENCY: '2' },
      });
      server = failing;
      const started = performance.now();
      const exitCode = await failing.exited;
      expect(exitCode).toBe(1);
      expect(failing.output()).toContain('failed to start 5 times in a row');
      report('WEB_CONCURRENCY=2 on a taken port', {
        exitCode: Number(exitCode),
        secondsUntilGivenUp: (performance.now() - started) / 1000,
      });
    } finally {
      squatter.close();
    }
  });
});
