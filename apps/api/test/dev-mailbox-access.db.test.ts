import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, openSale, orderBody, reserveOk } from './checkout-helpers';
import { createWorld } from './factories';
import { buildTestApp, TEST_CONFIG } from './harness';

/**
 * Issue #10 (10): the development mailbox holds order links with their access tokens and invitation
 * links. It answers this machine only (the socket's address, or X-Forwarded-For only through a proxy
 * TRUST_PROXY names), and nobody in production: everyone else gets the 404 of an unknown route.
 */

// supertest connects from 127.0.0.1, so "a remote client" is a local proxy (trusted through
// TRUST_PROXY=loopback) forwarding one, or a real connection to this machine's network address.
const local = buildTestApp();
const behindProxy = buildTestApp({
  config: {
    ...TEST_CONFIG,
    trustProxy: ['loopback'],
  },
});
const REMOTE = '203.0.113.9';
let emailId: string;

beforeAll(async () => {
  // One email in the outbox, so the mailbox has something to leak.
  const world = await createWorld(local.app, local.database.db);
  const sale = await openSale(local, world, [{ name: 'GA', priceCents: 0, capacity: 5 }]);
  await reserveOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: buyer() }));
  const { rows } = await local.database.pool.query<{ id: string }>(
    'SELECT id FROM emails ORDER BY created_at DESC LIMIT 1',
  );
  emailId = rows[0]!.id;
});

const DEV_PATHS = () => [
  '/api/dev/emails',
  `/api/dev/emails/${emailId}`,
  '/dev/mailbox',
  `/dev/mailbox/${emailId}`,
  '/API/DEV/EMAILS',
  '/Dev/Mailbox',
];

function expectUnknownRoute(res: request.Response): void {
  expect(res.status, `${res.status} ${res.text.slice(0, 200)}`).toBe(404);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  expect(res.text).not.toContain('token=');
}

describe('the development mailbox', () => {
  it('answers a client on this machine', async () => {
    const list = await request(local.app).get('/api/dev/emails');
    expect(list.status).toBe(200);
    expect((list.body as { items: Array<{ id: string }> }).items.map((item) => item.id)).toContain(emailId);
    expect((await request(local.app).get('/dev/mailbox')).status).toBe(200);
    expect((await request(local.app).get(`/api/dev/emails/${emailId}`)).status).toBe(200);
  });

  it('answers 404, like an unknown route, to a client a trusted proxy forwards from elsewhere', async () => {
    for (const devPath of DEV_PATHS())
      expectUnknownRoute(await request(behindProxy.app).get(devPath).set('X-Forwarded-For', REMOTE));
    // A spoofed local address to the left of what the proxy saw changes nothing.
    expectUnknownRoute(
      await request(behindProxy.app).get('/api/dev/emails').set('X-Forwarded-For', `127.0.0.1, ${REMOTE}`),
    );
    expectUnknownRoute(
      await request(behindProxy.app).get('/api/dev/emails').set('X-Forwarded-For', `::ffff:${REMOTE}`),
    );
  });

  it('answers a local client the trusted proxy forwards', async () => {
    const res = await request(behindProxy.app).get('/api/dev/emails').set('X-Forwarded-For', '127.0.0.1');
    expect(res.status).toBe(200);
  });

  it('answers 404 to a request forwarded by a proxy TRUST_PROXY does not name (nginx on this machine)', async () => {
    // A same-host reverse proxy connects from 127.0.0.1 for every remote client: without TRUST_PROXY
    // its requests must not pass for local ones, whatever address they carry.
    for (const header of ['X-Forwarded-For', 'X-Real-IP']) {
      expectUnknownRoute(await request(local.app).get('/api/dev/emails').set(header, REMOTE));
      expectUnknownRoute(await request(local.app).get('/dev/mailbox').set(header, '127.0.0.1'));
    }
    expectUnknownRoute(await request(local.app).get('/api/dev/emails').set('Forwarded', `for=${REMOTE}`));
    // A proxy that is not the one named (10.0.0.0/8, not loopback) is not believed either.
    const otherProxy = buildTestApp({ config: { ...TEST_CONFIG, trustProxy: ['10.0.0.0/8'] } });
    expectUnknownRoute(await request(otherProxy.app).get('/api/dev/emails').set('X-Forwarded-For', REMOTE));
    // Without any forwarding header, this machine's own client is answered.
    expect((await request(otherProxy.app).get('/api/dev/emails')).status).toBe(200);
  });

  it('answers 404 to a client connecting over the network, X-Forwarded-For or not', async () => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((candidate) => candidate && !candidate.internal && candidate.family === 'IPv4')?.address;
    if (!address) return; // a machine without a network interface: the proxy cases above cover it
    const server = local.app.listen(0, '0.0.0.0');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const devPath of DEV_PATHS()) {
        const res = await fetch(`http://${address}:${port}${devPath}`, {
          headers: { 'X-Forwarded-For': '127.0.0.1' },
        });
        expect(res.status, devPath).toBe(404);
        expect(await res.text()).not.toContain('token=');
      }
      // The rest of the platform still answers over the network.
      expect((await fetch(`http://${address}:${port}/api/public/events`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('in production', () => {
  const webDist = mkdtempSync(path.join(tmpdir(), 'zevents-web-'));
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Z-Events</title>');
  let production: Express;

  beforeAll(() => {
    production = buildTestApp({
      config: { ...TEST_CONFIG, isProduction: true },
      webDistDir: webDist,
    }).app;
  });

  it('answers 404 even on this machine, and the web app does not serve the mailbox path', async () => {
    for (const devPath of DEV_PATHS()) expectUnknownRoute(await request(production).get(devPath));
    // The rest of the web app is still served.
    expect((await request(production).get('/events/anything')).status).toBe(200);
  });
});
