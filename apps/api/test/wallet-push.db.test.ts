import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type WalletSettings } from '../src/config';
import { PUSH_PASS_UPDATES } from '../src/modules/wallet';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, drainJobs, TEST_CONFIG, TEST_SECRET, type TestApp } from './harness';
import { buyTickets } from './insight-helpers';
import { makeTestPassCertificates, type TestPassCertificates } from './support/wallet-certificates';
import { readZip } from './support/zip';

const PASS_TYPE_ID = 'pass.test.zevents';

/** What the APNs stand-in was sent. */
interface ReceivedPush {
  path: string;
  topic: string | undefined;
  body: string;
  /** The CN of the client certificate the pusher presented ('' when none). */
  clientCertificate: string;
}

let certificates: TestPassCertificates;
let apns: http2.Http2SecureServer;
const received: ReceivedPush[] = [];
/** Tokens the stand-in answers 410 Unregistered for, as Apple does for a device that removed the pass. */
const goneTokens = new Set<string>();
let wallet: WalletSettings;
let t: TestApp;
let world: World;

/** A self-signed certificate for 127.0.0.1: the pusher must trust exactly this one (apnsCa). */
function makeServerCertificate(dir: string): { cert: string; key: string } {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'apns.key', '-out', 'apns.pem'].concat([
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]),
    { cwd: dir, stdio: 'pipe' },
  );
  return {
    cert: readFileSync(path.join(dir, 'apns.pem'), 'utf8'),
    key: readFileSync(path.join(dir, 'apns.key'), 'utf8'),
  };
}

/** An HTTP/2 TLS server that records each push and answers as APNs would. */
async function startApnsStandIn(server: { cert: string; key: string }): Promise<string> {
  apns = http2.createSecureServer({ ...server, requestCert: true, rejectUnauthorized: false });
  apns.on('stream', (stream, headers) => {
    const socket = stream.session?.socket as TLSSocket | undefined;
    const peer = socket?.getPeerCertificate();
    const requestPath = String(headers[':path']);
    let body = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      body += chunk;
    });
    stream.on('end', () => {
      const topic = headers['apns-topic'];
      received.push({
        path: requestPath,
        topic: typeof topic === 'string' ? topic : undefined,
        body,
        clientCertificate: typeof peer?.subject?.CN === 'string' ? peer.subject.CN : '',
      });
      const token = requestPath.replace('/3/device/', '');
      if (goneTokens.has(token)) {
        stream.respond({ ':status': 410, 'content-type': 'application/json' });
        stream.end(JSON.stringify({ reason: 'Unregistered', timestamp: Date.now() }));
      } else {
        stream.respond({ ':status': 200, 'apns-id': randomBytes(16).toString('hex') });
        stream.end();
      }
    });
  });
  await new Promise<void>((resolve) => apns.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(apns.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  certificates = makeTestPassCertificates();
  const server = makeServerCertificate(certificates.dir);
  const apnsUrl = await startApnsStandIn(server);
  const loaded = loadConfig({
    APP_SECRET: TEST_SECRET,
    APPLE_PASS_TYPE_ID: PASS_TYPE_ID,
    APPLE_PASS_TEAM_ID: 'ABCDE12345',
    APPLE_PASS_CERT: certificates.signerCert,
    APPLE_PASS_KEY: certificates.signerKey,
    APPLE_PASS_WWDR: certificates.wwdr,
    APPLE_PASS_APNS_URL: apnsUrl,
  }).wallet;
  if (!loaded.apple) throw new Error('Apple passes not configured');
  wallet = { ...loaded, apple: { ...loaded.apple, apnsCa: server.cert } };
  t = buildTestApp({ config: { ...TEST_CONFIG, wallet } });
  world = await createWorld(t.app, t.database.db);
});

afterAll(async () => {
  await new Promise<void>((resolve) => (apns ? apns.close(() => resolve()) : resolve()));
  certificates?.cleanup();
});

const hexToken = () => randomBytes(32).toString('hex');
const device = () => `device${randomBytes(8).toString('hex')}`;

/** The authenticationToken Apple's web service expects, read from the ticket's downloaded pass. */
async function passAuthorization(ticketId: string, accessToken: string): Promise<string> {
  const res = await world.anonymous
    .get(`/api/tickets/${ticketId}/pass.pkpass?token=${encodeURIComponent(accessToken)}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  const passFile = readZip(res.body as Buffer).get('pass.json');
  if (!passFile) throw new Error('no pass.json');
  const pass = JSON.parse(passFile.toString('utf8')) as { authenticationToken: string };
  return `ApplePass ${pass.authenticationToken}`;
}

async function register(deviceId: string, ticketId: string, auth: string, pushToken: string) {
  const res = await world.anonymous
    .post(`/api/wallet/v1/devices/${deviceId}/registrations/${PASS_TYPE_ID}/${ticketId}`, { pushToken })
    .set('Authorization', auth);
  expect(res.status, res.text).toBe(201);
}

async function registrationsOf(pushToken: string): Promise<number> {
  const result = await t.database.pool.query(
    'SELECT count(*)::int AS n FROM wallet_registrations WHERE push_token = $1',
    [pushToken],
  );
  return (result.rows[0] as { n: number }).n;
}

const shifted = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

describe('pushing pass updates to APNs', () => {
  it('pushes once per device when the event moves, is renamed or is cancelled, with the pass certificate, and forgets gone devices', async () => {
    const sale = await openSale(t, world, [{ name: 'Standing', priceCents: 2500, capacity: 50 }]);
    const type = sale.types[0];
    if (!type) throw new Error('no ticket type');
    const order = await buyTickets(world.anonymous, sale.event.id, [[type.id, 2]]);
    const [first, second] = order.tickets;
    if (!first || !second) throw new Error('two tickets expected');
    const firstAuth = await passAuthorization(first.id, order.accessToken);
    const secondAuth = await passAuthorization(second.id, order.accessToken);

    // One phone holds both passes (one token), another phone holds one and has since been wiped.
    const kept = hexToken();
    const gone = hexToken();
    goneTokens.add(gone);
    const phone = device();
    await register(phone, first.id, firstAuth, kept);
    await register(phone, second.id, secondAuth, kept);
    await register(device(), first.id, firstAuth, gone);
    // Nothing changed yet: nothing queued by registering.
    expect(await drainJobs(t, [PUSH_PASS_UPDATES], { wallet })).toBe(0);

    const moved = await world.owner.patch(`/api/events/${sale.event.id}`, {
      startsAt: shifted(sale.event.startsAt, 1),
      endsAt: shifted(sale.event.endsAt, 1),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    received.length = 0;
    expect(await drainJobs(t, [PUSH_PASS_UPDATES], { wallet })).toBe(1);

    expect(received.map((push) => push.path).sort()).toEqual(
      [`/3/device/${kept}`, `/3/device/${gone}`].sort(),
    );
    for (const push of received) {
      expect(push.topic).toBe(PASS_TYPE_ID);
      expect(push.body).toBe('{}');
      expect(push.clientCertificate).toBe('Pass Type ID: pass.test.zevents');
    }
    expect(await registrationsOf(gone)).toBe(0);
    expect(await registrationsOf(kept)).toBe(2);

    // A new title is on the pass too; a new description is not.
    received.length = 0;
    expect((await world.owner.patch(`/api/events/${sale.event.id}`, { title: 'Renamed night' })).status).toBe(
      200,
    );
    expect(await drainJobs(t, [PUSH_PASS_UPDATES], { wallet })).toBe(1);
    expect(received.map((push) => push.path)).toEqual([`/3/device/${kept}`]);
    expect(
      (await world.owner.patch(`/api/events/${sale.event.id}`, { description: 'Doors at seven' })).status,
    ).toBe(200);
    expect(await drainJobs(t, [PUSH_PASS_UPDATES], { wallet })).toBe(0);

    // Cancelling pushes again, now only to the device still registered.
    received.length = 0;
    const cancelled = await world.owner.post(`/api/events/${sale.event.id}/cancel`, {});
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await drainJobs(t, [PUSH_PASS_UPDATES], { wallet })).toBe(1);
    expect(received.map((push) => push.path)).toEqual([`/3/device/${kept}`]);
  });

  it('fails the job (for a retry) when APNs cannot be reached, and keeps every registration', async () => {
    const sale = await openSale(t, world, [{ name: 'Standing', priceCents: 2500, capacity: 50 }]);
    const type = sale.types[0];
    if (!type) throw new Error('no ticket type');
    const order = await buyTickets(world.anonymous, sale.event.id, [[type.id, 1]]);
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    const token = hexToken();
    await register(device(), ticket.id, await passAuthorization(ticket.id, order.accessToken), token);
    const moved = await world.owner.patch(`/api/events/${sale.event.id}`, {
      startsAt: shifted(sale.event.startsAt, 2),
      endsAt: shifted(sale.event.endsAt, 2),
    });
    expect(moved.status).toBe(200);
    // The same server, no longer trusted: the TLS handshake fails, as an unreachable APNs would.
    const untrusted: WalletSettings = {
      ...wallet,
      apple: wallet.apple && { ...wallet.apple, apnsCa: certificates.wwdr },
    };
    await expect(drainJobs(t, [PUSH_PASS_UPDATES], { wallet: untrusted })).rejects.toThrow(/APNs connection/);
    expect(await registrationsOf(token)).toBe(1);
  });

  it('queues nothing when Apple passes are not configured', async () => {
    const bare = buildTestApp();
    const bareWorld = await createWorld(bare.app, bare.database.db);
    const sale = await openSale(bare, bareWorld, [{ name: 'Standing', priceCents: 2500, capacity: 50 }]);
    const type = sale.types[0];
    if (!type) throw new Error('no ticket type');
    await buyTickets(bareWorld.anonymous, sale.event.id, [[type.id, 1]]);
    const moved = await bareWorld.owner.patch(`/api/events/${sale.event.id}`, {
      startsAt: shifted(sale.event.startsAt, 1),
      endsAt: shifted(sale.event.endsAt, 1),
    });
    expect(moved.status).toBe(200);
    expect((await bareWorld.owner.post(`/api/events/${sale.event.id}/cancel`, {})).status).toBe(200);
    expect(await drainJobs(bare, [PUSH_PASS_UPDATES])).toBe(0);
  });
});
