import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { importSPKI, jwtVerify } from 'jose';
import { DateTime } from 'luxon';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { openSale } from './checkout-helpers';
import { type Actor, anonymous, createWorld, type World } from './factories';
import { buildTestApp, TEST_CONFIG, TEST_SECRET, type TestApp } from './harness';
import { buyTickets, expectProblem, refundOrder } from './insight-helpers';
import {
  KEY_PASSPHRASE,
  makeTestGoogleKey,
  makeTestPassCertificates,
  type TestPassCertificates,
} from './support/wallet-certificates';
import { readZip } from './support/zip';

const PASS_TYPE_ID = 'pass.test.zevents';
const TEAM_ID = 'ABCDE12345';
const ISSUER_ID = '3388000000012345678';
const SERVICE_ACCOUNT = 'wallet@zevents-test.iam.gserviceaccount.com';
const PKPASS = 'application/vnd.apple.pkpass';

let certificates: TestPassCertificates;
let google: ReturnType<typeof makeTestGoogleKey>;
let t: TestApp;
let world: World;
/** The same platform without any wallet settings. */
let bare: TestApp;

beforeAll(async () => {
  certificates = makeTestPassCertificates();
  google = makeTestGoogleKey();
  // Through loadConfig, as main.ts does: a key file with its passphrase, inline certificates.
  const { wallet } = loadConfig({
    APP_SECRET: TEST_SECRET,
    APPLE_PASS_TYPE_ID: PASS_TYPE_ID,
    APPLE_PASS_TEAM_ID: TEAM_ID,
    APPLE_PASS_CERT: certificates.signerCert,
    APPLE_PASS_KEY: certificates.files.encryptedKey,
    APPLE_PASS_KEY_PASSPHRASE: KEY_PASSPHRASE,
    APPLE_PASS_WWDR: certificates.wwdr,
    GOOGLE_WALLET_ISSUER_ID: ISSUER_ID,
    GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL: SERVICE_ACCOUNT,
    GOOGLE_WALLET_PRIVATE_KEY: google.privateKeyPem,
  });
  t = buildTestApp({ config: { ...TEST_CONFIG, wallet } });
  bare = buildTestApp();
  world = await createWorld(t.app, t.database.db);
});

afterAll(() => certificates?.cleanup());

async function paidTicket() {
  const sale = await openSale(t, world, [{ name: 'Standing', priceCents: 2500, capacity: 50 }]);
  const type = sale.types[0];
  if (!type) throw new Error('no ticket type');
  const order = await buyTickets(world.anonymous, sale.event.id, [[type.id, 2]]);
  const ticket = order.tickets[0];
  if (!ticket) throw new Error('no ticket');
  return { event: sale.event, order, ticket };
}

/** Collects a binary answer into `res.body` (supertest parses only text and JSON by itself). */
function binary(test: request.Test): request.Test {
  return test.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

function downloadPass(actor: Actor, ticketId: string, token?: string) {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return binary(actor.get(`/api/tickets/${ticketId}/pass.pkpass${query}`));
}

interface PassJson {
  passTypeIdentifier: string;
  teamIdentifier: string;
  serialNumber: string;
  authenticationToken: string;
  webServiceURL: string;
  voided: boolean;
  relevantDate: string;
  barcodes: Array<{ format: string; message: string; altText: string }>;
  eventTicket: Record<string, Array<{ key: string; value: string }>>;
}

/** The pass.json of a .pkpass, after checking the archive is whole and signed by our signer. */
function openPass(archive: Buffer): { pass: PassJson; files: Map<string, Buffer> } {
  const files = readZip(archive);
  const manifestFile = files.get('manifest.json');
  const signature = files.get('signature');
  const passFile = files.get('pass.json');
  if (!manifestFile || !signature || !passFile) throw new Error(`missing files: ${[...files.keys()]}`);
  // Every other file is in the manifest with its SHA-1, and nothing else is.
  const manifest = JSON.parse(manifestFile.toString('utf8')) as Record<string, string>;
  const hashed = [...files.keys()].filter((name) => name !== 'manifest.json' && name !== 'signature');
  expect(Object.keys(manifest).sort()).toEqual(hashed.sort());
  for (const name of hashed)
    expect(manifest[name], name).toBe(
      createHash('sha1')
        .update(files.get(name) ?? '')
        .digest('hex'),
    );
  expectSignedManifest(manifestFile, signature);
  return { pass: JSON.parse(passFile.toString('utf8')) as PassJson, files };
}

/**
 * The signature is a detached PKCS#7 over manifest.json, made by our signer certificate and
 * chaining to our "WWDR": openssl checks both, then names the signer.
 */
function expectSignedManifest(manifest: Buffer, signature: Buffer): void {
  const name = randomBytes(6).toString('hex');
  const at = (suffix: string) => path.join(certificates.dir, `${name}-${suffix}`);
  writeFileSync(at('manifest.json'), manifest);
  writeFileSync(at('signature'), signature);
  const verify = (extra: string[]) =>
    execFileSync(
      'openssl',
      [
        'smime',
        '-verify',
        '-inform',
        'DER',
        '-binary',
        '-content',
        at('manifest.json'),
        '-in',
        at('signature'),
      ]
        .concat(['-out', at('content')])
        .concat(extra),
      { stdio: 'pipe' },
    );
  verify(['-noverify']);
  verify(['-CAfile', certificates.files.wwdr, '-purpose', 'any', '-signer', at('signer.pem')]);
  const signer = execFileSync('openssl', [
    'x509',
    '-in',
    at('signer.pem'),
    '-noout',
    '-fingerprint',
    '-sha256',
  ]);
  const ours = execFileSync('openssl', [
    'x509',
    '-in',
    certificates.files.signerCert,
    '-noout',
    '-fingerprint',
    '-sha256',
  ]);
  expect(signer.toString()).toBe(ours.toString());
}

const field = (pass: PassJson, key: string) =>
  Object.values(pass.eventTicket)
    .flat()
    .find((candidate) => candidate.key === key)?.value;

describe('GET /api/tickets/{ticketId}/pass.pkpass', () => {
  it('is a signed eventTicket pass with the ticket’s QR, the event in its own time zone and the web service', async () => {
    const { event, order, ticket } = await paidTicket();
    const res = await downloadPass(world.anonymous, ticket.id, order.accessToken);
    expect(res.status, String(res.body)).toBe(200);
    expect(res.headers['content-type']).toContain(PKPASS);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ticket-${ticket.code}.pkpass"`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const archive = res.body as Buffer;
    expect(archive.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
    const { pass, files } = openPass(archive);
    expect(files.has('icon.png') && files.has('icon@2x.png') && files.has('logo.png')).toBe(true);
    expect(pass).toMatchObject({
      passTypeIdentifier: PASS_TYPE_ID,
      teamIdentifier: TEAM_ID,
      serialNumber: ticket.id,
      webServiceURL: 'http://localhost:3000/api/wallet',
      voided: false,
    });
    expect(pass.authenticationToken.length).toBeGreaterThanOrEqual(16);
    // The same string the ticket's PDF and page encode in their QR.
    expect(pass.barcodes[0]).toMatchObject({
      format: 'PKBarcodeFormatQR',
      message: ticket.qr,
      altText: ticket.code,
    });
    expect(field(pass, 'event')).toBe(event.title);
    expect(field(pass, 'venue')).toBe(event.venue);
    expect(field(pass, 'ticketType')).toBe('Standing');
    expect(field(pass, 'attendee')).toBe(ticket.attendeeName);
    expect(field(pass, 'order')).toBe(order.id);
    const paris = DateTime.fromISO(event.startsAt, { zone: 'Europe/Paris' });
    expect(field(pass, 'starts')).toBe(paris.toISO({ suppressMilliseconds: true }));
    expect(field(pass, 'starts')).toMatch(/\+0[12]:00$/);
    expect(new Date(pass.relevantDate).toISOString()).toBe(new Date(event.startsAt).toISOString());
  });

  it('opens for the holder and the organizers only, as the PDF does', async () => {
    const { order, ticket } = await paidTicket();
    expectProblem(await world.anonymous.get(`/api/tickets/${ticket.id}/pass.pkpass`), 404, 'NOT_FOUND');
    expectProblem(
      await world.anonymous.get(`/api/tickets/${ticket.id}/pass.pkpass?token=not-the-token`),
      404,
      'NOT_FOUND',
    );
    // Another ticket's order token does not open this one.
    const other = await paidTicket();
    expectProblem(
      await world.anonymous.get(`/api/tickets/${ticket.id}/pass.pkpass?token=${other.order.accessToken}`),
      404,
      'NOT_FOUND',
    );
    expectProblem(await world.outsider.get(`/api/tickets/${ticket.id}/pass.pkpass`), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.get('/api/tickets/not-a-uuid/pass.pkpass'), 404, 'NOT_FOUND');
    expect((await downloadPass(world.staff, ticket.id)).status).toBe(200);
    expect((await downloadPass(world.owner, ticket.id)).status).toBe(200);

    // Passed on: the new holder's token opens it with the new QR, the order's token no longer does.
    const moved = await world.owner.post(`/api/tickets/${ticket.id}/transfer`, {
      name: 'Grace Hopper',
      email: 'grace@example.test',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expectProblem(
      await world.anonymous.get(`/api/tickets/${ticket.id}/pass.pkpass?token=${order.accessToken}`),
      404,
      'NOT_FOUND',
    );
    const held = await downloadPass(world.anonymous, ticket.id, moved.body.ticketToken);
    expect(held.status).toBe(200);
    const { pass } = openPass(held.body as Buffer);
    expect(pass.barcodes[0]?.message).toBe(moved.body.ticket.qr);
    expect(field(pass, 'attendee')).toBe('Grace Hopper');
  });

  it('gives a voided pass for a refunded ticket', async () => {
    const { order, ticket } = await paidTicket();
    await refundOrder(world.owner, order.id);
    const res = await downloadPass(world.anonymous, ticket.id, order.accessToken);
    expect(res.status).toBe(200);
    expect(openPass(res.body as Buffer).pass.voided).toBe(true);
  });
});

describe('without wallet settings', () => {
  it('hides the buttons and answers 404 WALLET_NOT_CONFIGURED', async () => {
    const { order, ticket } = await paidTicket();
    expect((await world.anonymous.get('/api/public/wallet-config')).body).toEqual({
      apple: true,
      google: true,
    });
    const outsider = anonymous(bare.app);
    expect((await outsider.get('/api/public/wallet-config')).body).toEqual({ apple: false, google: false });
    for (const url of [
      `/api/tickets/${ticket.id}/pass.pkpass?token=${order.accessToken}`,
      `/api/tickets/${ticket.id}/google-wallet?token=${order.accessToken}`,
      `/api/wallet/v1/passes/${PASS_TYPE_ID}/${ticket.id}`,
      `/api/wallet/v1/devices/device1/registrations/${PASS_TYPE_ID}`,
    ])
      expectProblem(await outsider.get(url), 404, 'WALLET_NOT_CONFIGURED');
    expectProblem(
      await outsider.post(`/api/wallet/v1/devices/device1/registrations/${PASS_TYPE_ID}/${ticket.id}`, {
        pushToken: 'abc',
      }),
      404,
      'WALLET_NOT_CONFIGURED',
    );
  });
});

describe("Apple's pass web service", () => {
  const device = () => `device${randomBytes(8).toString('hex')}`;
  const registration = (deviceId: string, ticketId: string, passTypeId = PASS_TYPE_ID) =>
    `/api/wallet/v1/devices/${deviceId}/registrations/${passTypeId}/${ticketId}`;
  const updates = (deviceId: string, since?: string) =>
    `/api/wallet/v1/devices/${deviceId}/registrations/${PASS_TYPE_ID}` +
    (since === undefined ? '' : `?passesUpdatedSince=${since}`);

  /** A paid ticket and its pass's authenticationToken, as the iPhone got them. */
  async function passOnPhone() {
    const paid = await paidTicket();
    const res = await downloadPass(world.anonymous, paid.ticket.id, paid.order.accessToken);
    const { pass } = openPass(res.body as Buffer);
    return { ...paid, auth: `ApplePass ${pass.authenticationToken}` };
  }

  it('registers a device (201, then 200), lists changed passes, serves the latest with 304, unregisters', async () => {
    const { event, ticket, auth } = await passOnPhone();
    const phone = device();
    const first = await world.anonymous
      .post(registration(phone, ticket.id), { pushToken: 'a1b2c3' })
      .set('Authorization', auth);
    expect(first.status, first.text).toBe(201);
    const again = await world.anonymous
      .post(registration(phone, ticket.id), { pushToken: 'd4e5f6' })
      .set('Authorization', auth);
    expect(again.status, again.text).toBe(200);

    // Every registered pass at first, then nothing until something changes.
    const all = await world.anonymous.get(updates(phone));
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ serialNumbers: [ticket.id], lastUpdated: expect.stringMatching(/^\d+$/) });
    expect((await world.anonymous.get(updates(phone, all.body.lastUpdated))).status).toBe(204);

    // The latest pass, then 304 for the same version.
    const latest = await binary(
      world.anonymous.get(`/api/wallet/v1/passes/${PASS_TYPE_ID}/${ticket.id}`).set('Authorization', auth),
    );
    expect(latest.status).toBe(200);
    expect(latest.headers['content-type']).toContain(PKPASS);
    const lastModified = latest.headers['last-modified'];
    expect(lastModified).toBeTruthy();
    const unchanged = await world.anonymous
      .get(`/api/wallet/v1/passes/${PASS_TYPE_ID}/${ticket.id}`)
      .set('Authorization', auth)
      .set('If-Modified-Since', String(lastModified));
    expect(unchanged.status).toBe(304);

    // The organizer moves the event: the pass counts as updated, with the new start on it.
    const startsAt = new Date(new Date(event.startsAt).getTime() + 86_400_000).toISOString();
    const endsAt = new Date(new Date(event.endsAt).getTime() + 86_400_000).toISOString();
    const moved = await world.owner.patch(`/api/events/${event.id}`, { startsAt, endsAt });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const changed = await world.anonymous.get(updates(phone, all.body.lastUpdated));
    expect(changed.status).toBe(200);
    expect(changed.body.serialNumbers).toEqual([ticket.id]);
    expect(Number(changed.body.lastUpdated)).toBeGreaterThan(Number(all.body.lastUpdated));
    const refreshed = await binary(
      world.anonymous
        .get(`/api/wallet/v1/passes/${PASS_TYPE_ID}/${ticket.id}`)
        .set('Authorization', auth)
        .set('If-Modified-Since', String(lastModified)),
    );
    expect(refreshed.status).toBe(200);
    expect(Date.parse(String(refreshed.headers['last-modified']))).toBeGreaterThan(
      Date.parse(String(lastModified)),
    );
    const { pass } = openPass(refreshed.body as Buffer);
    expect(new Date(field(pass, 'starts') ?? '').toISOString()).toBe(startsAt);

    const gone = await world.anonymous.delete(registration(phone, ticket.id)).set('Authorization', auth);
    expect(gone.status).toBe(200);
    expect((await world.anonymous.get(updates(phone))).status).toBe(204);
  });

  it('refuses a missing or wrong token (401) and another pass type (404); no CSRF token is needed', async () => {
    const { ticket, auth } = await passOnPhone();
    const other = await passOnPhone();
    const phone = device();
    const tries = [
      undefined,
      'ApplePass not-the-token-of-this-pass',
      `Bearer ${auth.slice('ApplePass '.length)}`,
      other.auth,
    ];
    for (const header of tries) {
      const req = world.anonymous.post(registration(phone, ticket.id), { pushToken: 'a1' });
      const res = await (header === undefined ? req : req.set('Authorization', header));
      expect(res.status, `${header}: ${res.text}`).toBe(401);
    }
    expectProblem(
      await world.anonymous
        .get(`/api/wallet/v1/passes/${PASS_TYPE_ID}/${ticket.id}`)
        .set('Authorization', other.auth),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(
      await world.anonymous.delete(registration(phone, ticket.id)).set('Authorization', 'ApplePass x'),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(
      await world.anonymous
        .post(registration(phone, ticket.id, 'pass.other.issuer'), { pushToken: 'a1' })
        .set('Authorization', auth),
      404,
      'NOT_FOUND',
    );
    // A logged-in browser's cookies do not turn this into a CSRF-checked session call.
    const withCookies = await world.owner
      .withoutCsrf()
      .post(registration(phone, ticket.id), { pushToken: 'a1' })
      .set('Authorization', auth);
    expect(withCookies.status, withCookies.text).toBe(201);
  });

  it('stops serving a pass to its previous holder once the ticket is transferred', async () => {
    const { ticket, auth } = await passOnPhone();
    const moved = await world.owner.post(`/api/tickets/${ticket.id}/transfer`, {
      name: 'New Holder',
      email: 'new-holder@example.test',
    });
    expect(moved.status).toBe(200);
    expectProblem(
      await world.anonymous
        .get(`/api/wallet/v1/passes/${PASS_TYPE_ID}/${ticket.id}`)
        .set('Authorization', auth),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('takes device logs', async () => {
    const res = await world.anonymous.post('/api/wallet/v1/log', { logs: ['Pass download failed'] });
    expect(res.status, res.text).toBe(200);
    expectProblem(
      await world.anonymous.post('/api/wallet/v1/log', { logs: 'nope' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('GET /api/tickets/{ticketId}/google-wallet', () => {
  async function verified(url: string) {
    expect(url.startsWith('https://pay.google.com/gp/v/save/')).toBe(true);
    const jwt = url.slice('https://pay.google.com/gp/v/save/'.length);
    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      await importSPKI(google.publicKeyPem, 'RS256'),
      {
        issuer: SERVICE_ACCOUNT,
        audience: 'google',
      },
    );
    expect(protectedHeader.alg).toBe('RS256');
    return payload as {
      typ: string;
      origins: string[];
      payload: {
        eventTicketClasses: Array<Record<string, unknown>>;
        eventTicketObjects: Array<Record<string, unknown>>;
      };
    };
  }

  it('is a save link whose JWT, signed by the service account, carries the event class and the ticket', async () => {
    const { event, order, ticket } = await paidTicket();
    const res = await world.anonymous.get(
      `/api/tickets/${ticket.id}/google-wallet?token=${order.accessToken}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const claims = await verified(res.body.url);
    expect(claims.typ).toBe('savetowallet');
    expect(claims.origins).toEqual(['http://localhost:3000']);
    expect(claims.payload.eventTicketClasses).toEqual([
      expect.objectContaining({
        id: `${ISSUER_ID}.${event.id}`,
        eventName: { defaultValue: { language: 'en', value: event.title } },
        issuerName: world.org.name,
        reviewStatus: 'UNDER_REVIEW',
        dateTime: {
          start: DateTime.fromISO(event.startsAt, { zone: 'Europe/Paris' }).toISO({
            suppressMilliseconds: true,
          }),
          end: DateTime.fromISO(event.endsAt, { zone: 'Europe/Paris' }).toISO({ suppressMilliseconds: true }),
        },
      }),
    ]);
    expect(claims.payload.eventTicketObjects).toEqual([
      expect.objectContaining({
        id: `${ISSUER_ID}.${ticket.id}`,
        classId: `${ISSUER_ID}.${event.id}`,
        state: 'ACTIVE',
        barcode: { type: 'QR_CODE', value: ticket.qr, alternateText: ticket.code },
        ticketHolderName: ticket.attendeeName,
        ticketType: { defaultValue: { language: 'en', value: 'Standing' } },
      }),
    ]);
  });

  it('opens as the PDF does, and a refunded ticket is saved INACTIVE', async () => {
    const { order, ticket } = await paidTicket();
    expectProblem(await world.anonymous.get(`/api/tickets/${ticket.id}/google-wallet`), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.get(`/api/tickets/${ticket.id}/google-wallet`), 404, 'NOT_FOUND');
    expect((await world.staff.get(`/api/tickets/${ticket.id}/google-wallet`)).status).toBe(200);
    await refundOrder(world.owner, order.id);
    const res = await world.anonymous.get(
      `/api/tickets/${ticket.id}/google-wallet?token=${order.accessToken}`,
    );
    expect(res.status).toBe(200);
    expect((await verified(res.body.url)).payload.eventTicketObjects[0]).toMatchObject({ state: 'INACTIVE' });
  });
});
