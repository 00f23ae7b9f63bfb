import net from 'node:net';
import { afterAll, expect, inject, it } from 'vitest';
import { createDatabaseHealth } from '../src/db/database-health';

/**
 * A PostgreSQL half-way through a restart can accept a connection and never answer it. The health
 * probe must give such a probe up and try again, or the API would answer 503 long after the
 * database came back.
 */
const target = new URL(inject('databaseUrl'));
let mode: 'hang' | 'forward' = 'hang';
const sockets = new Set<net.Socket>();
const proxy = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => undefined);
  socket.on('close', () => sockets.delete(socket));
  if (mode === 'hang') return; // accepted, never answered
  const upstream = net.connect(Number(target.port || 5432), target.hostname);
  upstream.on('error', () => socket.destroy());
  socket.pipe(upstream).pipe(socket);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
});

it('keeps probing past a probe that hangs, and marks the database reachable once it answers', async () => {
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address() as net.AddressInfo;
  const url = new URL(target.toString());
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  const health = createDatabaseHealth({ url: url.toString(), probeMs: 50, probeTimeoutMs: 300 });
  try {
    health.reportError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(health.isReachable()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(health.isReachable()).toBe(false);
    mode = 'forward';
    const started = Date.now();
    while (!health.isReachable() && Date.now() - started < 5_000)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(health.isReachable()).toBe(true);
  } finally {
    health.stop();
  }
});
