import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentChangeBus } from '../src/realtime/change-bus';
import { createLiveHub, type LiveHub } from '../src/realtime/live-hub';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * A dashboard socket is authorized when it opens and again every `reauthorizeMs`: whoever loses
 * access (removed from the team, API key revoked, logged out) stops receiving the figures.
 */

const REAUTHORIZE_MS = 150;
let server: http.Server;
let hub: LiveHub;
let world: World;
let eventId: string;
let baseUrl: string;

beforeAll(async () => {
  const t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
  eventId = (
    await createEvent(t.database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 1500, capacity: 50 }],
      publish: true,
    })
  ).event.id;
  server = http.createServer(t.app);
  hub = createLiveHub({
    bus: silentChangeBus,
    sources: t.liveSources,
    logger: pino({ level: 'silent' }),
    reauthorizeMs: REAUTHORIZE_MS,
  });
  hub.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  hub?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Opens the event's dashboard socket; resolves with the socket once the first figures arrived. */
async function watch(
  headers: Record<string, string>,
): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  const socket = new WebSocket(`${baseUrl}/api/events/${eventId}/live`, { headers });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, closed };
}

/** Resolves with the close code, or 'open' when the socket is still open after `ms`. */
const outcomeWithin = (closed: Promise<number>, ms: number) =>
  Promise.race([closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);

describe('live dashboards lose access with their caller', () => {
  it('a staff member removed from the team is disconnected; the owner stays connected', async () => {
    const owner = await watch({ Cookie: world.owner.headers.Cookie ?? '' });
    const staff = await watch({ Cookie: world.staff.headers.Cookie ?? '' });
    const removed = await world.owner.delete(
      `/api/organizations/${world.org.id}/members/${world.staff.user?.id}`,
    );
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    expect(await outcomeWithin(staff.closed, 20 * REAUTHORIZE_MS)).toBe(4403);
    expect(await outcomeWithin(owner.closed, 3 * REAUTHORIZE_MS)).toBe('open');
    owner.socket.close();
  });

  it('a socket opened with an API key closes once the key is revoked', async () => {
    const created = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, {
      name: 'Wallboard',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { socket, closed } = await watch({ Authorization: `Bearer ${created.body.key}` });
    expect(await outcomeWithin(closed, 3 * REAUTHORIZE_MS)).toBe('open');
    const revoked = await world.owner.delete(
      `/api/organizations/${world.org.id}/api-keys/${created.body.id}`,
    );
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(204);
    expect(await outcomeWithin(closed, 20 * REAUTHORIZE_MS)).toBe(4403);
    expect(socket.readyState).toBe(WebSocket.CLOSED);
  });

  it('a session that logged out is disconnected', async () => {
    const { closed } = await watch({ Cookie: world.admin.headers.Cookie ?? '' });
    const loggedOut = await world.admin.post('/api/auth/logout');
    expect(loggedOut.status).toBeLessThan(300);
    expect(await outcomeWithin(closed, 20 * REAUTHORIZE_MS)).toBe(4403);
  });
});
