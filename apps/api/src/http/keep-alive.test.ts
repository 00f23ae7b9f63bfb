import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { applyKeepAlive } from './keep-alive';

describe('applyKeepAlive', () => {
  it('sets the idle limit, and the headers timer one second past it', () => {
    const server = createServer();
    applyKeepAlive(server, 65_000);
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.headersTimeout).toBe(66_000);
  });

  it('closes an idle keep-alive connection once the limit passes, not before', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    applyKeepAlive(server, 400);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // A bare socket: the connection's close is the server's doing, timed from the answer (when
      // the connection turns idle).
      const socket = connect({ port, host: '127.0.0.1' });
      const answeredAt = new Promise<number>((resolve) => socket.once('data', () => resolve(Date.now())));
      const closedAt = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
      socket.write('GET / HTTP/1.1\r\nhost: test\r\nconnection: keep-alive\r\n\r\n');
      const idleMs = (await closedAt) - (await answeredAt);
      expect(idleMs).toBeGreaterThanOrEqual(350);
      expect(idleMs).toBeLessThan(3_000);
    } finally {
      server.close();
    }
  });
});
