import type { Image, MeResponse, PublicEvent, PublicEventSummary } from '@zevents/contracts';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStorageUrl } from '../src/config';
import { createLocalImageStore, createS3ImageStore } from '../src/modules/media';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp, type TestApp, testDatabase } from './harness';
import { expectProblem } from './insight-helpers';
import { type FakeS3, startFakeS3 } from './support/fake-s3';

/** Covers and logos: uploads, processing, storage on disk and in S3, serving, and where they show. */

const database = testDatabase();
const mediaDir = mkdtempSync(path.join(tmpdir(), 'zevents-media-test-'));
// A public page cache as in production, so the test proves an upload drops it.
const t = buildTestApp({
  database,
  imageStore: createLocalImageStore(mediaDir),
  publicEventCacheMs: 1_000,
});
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, database.db);
});
afterAll(() => rmSync(mediaDir, { recursive: true, force: true }));

/**
 * A camera photo: 2000 x 1200 stored sideways with EXIF orientation 6 (upright: 1200 x 2000), with
 * the camera's name and a GPS position that must never reach a served file.
 */
async function cameraJpeg(background = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1200, channels: 3, background } })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Pocket 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 24/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 3/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

const transparentPng = () =>
  sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();

const webp = () =>
  sharp({ create: { width: 1000, height: 600, channels: 3, background: '#22aa44' } })
    .webp()
    .toBuffer();

/** The app-relative path of a served URL (they are absolute, for emails and previews). */
const pathOf = (url: string) => new URL(url).pathname;

/** Every URL a srcset string lists, with its width descriptor. */
const srcsetEntries = (srcset: string | undefined) =>
  (srcset ?? '')
    .split(', ')
    .filter(Boolean)
    .map((entry) => {
      const [url = '', width = ''] = entry.split(' ');
      return { url, width: Number(width.replace('w', '')) };
    });

function upload(
  app: TestApp['app'],
  headers: Record<string, string>,
  url: string,
  file: Buffer,
  name = 'photo.jpg',
) {
  return request(app)
    .put(url)
    .set(headers)
    .attach('file', file, { filename: name, contentType: 'image/jpeg' });
}

async function publishedEvent() {
  const { event } = await createEvent(database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 1_000, capacity: 10 }],
    publish: true,
  });
  return event;
}

describe('covers', () => {
  it('turns a camera photo upright, strips its metadata and serves immutable variants', async () => {
    const photo = await cameraJpeg();
    const original = await sharp(photo).metadata();
    expect(original.exif, 'the fixture carries EXIF').toBeDefined();
    expect(original.orientation).toBe(6);
    const event = await publishedEvent();

    const res = await upload(t.app, world.owner.headers, `/api/events/${event.id}/cover`, photo).field(
      'alt',
      'The stage at night',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const image = res.body as Image;
    expect(image).toMatchObject({
      kind: 'cover',
      eventId: event.id,
      organizationId: world.org.id,
      alt: 'The stage at night',
    });
    // Upright 1200 x 2000: never enlarged, so 480 and 960 wide only.
    expect(image.width).toBe(960);
    expect(image.height).toBe(1600);
    for (const format of ['avif', 'webp', 'jpeg'] as const)
      expect(srcsetEntries(image.srcset[format]).map((entry) => entry.width)).toEqual([480, 960]);
    expect(image.srcset.png).toBeUndefined();
    expect(image.url).toMatch(/^http:\/\/localhost:3000\/media\/[0-9a-f]{32}-cover960\.jpg$/);
    expect(readdirSync(mediaDir).filter((file) => !file.startsWith('.'))).toEqual(
      expect.arrayContaining(srcsetEntries(image.srcset.avif).map((entry) => path.basename(entry.url))),
    );

    const served = await request(t.app).get(pathOf(image.url)).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers.etag).toBeTruthy();
    const body = served.body as Buffer;
    const metadata = await sharp(body).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 960, height: 1600 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(body.includes(Buffer.from('TestCam'))).toBe(false);

    const again = await request(t.app)
      .get(pathOf(image.url))
      .set('If-None-Match', String(served.headers.etag));
    expect(again.status).toBe(304);

    for (const [format, type] of [
      ['avif', 'image/avif'],
      ['webp', 'image/webp'],
    ] as const) {
      const [first] = srcsetEntries(image.srcset[format]);
      const file = await request(t.app)
        .get(pathOf(first?.url ?? ''))
        .buffer(true);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe(type);
      const fileMetadata = await sharp(file.body as Buffer).metadata();
      expect(fileMetadata.exif).toBeUndefined();
      expect(fileMetadata.width).toBe(480);
    }
  });

  it('accepts WebP and PNG whatever their names say, and refuses what is not an image', async () => {
    const event = await publishedEvent();
    const coverPath = `/api/events/${event.id}/cover`;
    const fromWebp = await upload(t.app, world.admin.headers, coverPath, await webp(), 'cover.png');
    expect(fromWebp.status, JSON.stringify(fromWebp.body)).toBe(200);
    expect((fromWebp.body as Image).width).toBe(960);
    const fromPng = await upload(t.app, world.owner.headers, coverPath, await transparentPng(), 'cover');
    expect(fromPng.status, JSON.stringify(fromPng.body)).toBe(200);
    // A small picture is never enlarged: one size, its own.
    expect(srcsetEntries((fromPng.body as Image).srcset.jpeg).map((entry) => entry.width)).toEqual([300]);

    const text = Buffer.from('this is not a picture at all, just words\n'.repeat(100));
    expectProblem(
      await upload(t.app, world.owner.headers, coverPath, text, 'holiday.jpg'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expectProblem(
      await upload(t.app, world.owner.headers, coverPath, gif, 'x.jpg'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const truncated = (await cameraJpeg()).subarray(0, 2000);
    expectProblem(
      await upload(t.app, world.owner.headers, coverPath, truncated),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses a decompression bomb without decoding it', async () => {
    const event = await publishedEvent();
    // 50 megapixels of one colour: a small file that would take 150 MB of memory to decode.
    const bomb = await sharp({ create: { width: 10_000, height: 5_000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expectProblem(
      await upload(t.app, world.owner.headers, `/api/events/${event.id}/cover`, bomb, 'bomb.png'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses more than 10 MB with 413, never a 500', async () => {
    const event = await publishedEvent();
    const big = Buffer.alloc(11 * 1024 * 1024, 0xff);
    expectProblem(
      await upload(t.app, world.owner.headers, `/api/events/${event.id}/cover`, big),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    // Streamed without a Content-Length (chunked): counted as it arrives.
    const server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const parts = [
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
        big,
        '\r\n--XYZ--\r\n',
      ];
      const res = await fetch(`http://127.0.0.1:${port}/api/events/${event.id}/cover`, {
        method: 'PUT',
        headers: { ...world.owner.headers, 'Content-Type': 'multipart/form-data; boundary=XYZ' },
        body: Readable.toWeb(
          Readable.from(parts.map((part) => Buffer.from(part))),
        ) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    } finally {
      server.close();
    }
  });

  it('needs a file, and a multipart body', async () => {
    const event = await publishedEvent();
    const coverPath = `/api/events/${event.id}/cover`;
    const noFile = await request(t.app).put(coverPath).set(world.owner.headers).field('alt', 'nothing');
    expectProblem(noFile, 400, 'VALIDATION_FAILED');
    expect(noFile.body).toMatchObject({ errors: [{ path: 'file' }] });
    expectProblem(await world.owner.put(coverPath, { file: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 for foreign and unknown events, 403 to staff, and checks CSRF', async () => {
    const event = await publishedEvent();
    const photo = await webp();
    const coverPath = `/api/events/${event.id}/cover`;
    expectProblem(await upload(t.app, world.outsider.headers, coverPath, photo), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.delete(coverPath), 404, 'NOT_FOUND');
    expectProblem(
      await upload(
        t.app,
        world.owner.headers,
        '/api/events/00000000-0000-4000-8000-000000000000/cover',
        photo,
      ),
      404,
      'NOT_FOUND',
    );
    expectProblem(await upload(t.app, world.staff.headers, coverPath, photo), 403, 'FORBIDDEN');
    expectProblem(await world.staff.delete(coverPath), 403, 'FORBIDDEN');
    expectProblem(
      await upload(t.app, world.owner.withoutCsrf().headers, coverPath, photo),
      403,
      'CSRF_FAILED',
    );
    expectProblem(await upload(t.app, {}, coverPath, photo), 401, 'UNAUTHENTICATED');
  });

  it('shows on the public page (cache dropped), the storefront and the organizer view; delete removes it', async () => {
    const event = await publishedEvent();
    const before = await request(t.app).get(`/api/public/events/${event.id}`);
    expect(before.status).toBe(200);
    expect((before.body as PublicEvent).cover).toBeUndefined();

    const res = await upload(t.app, world.owner.headers, `/api/events/${event.id}/cover`, await webp()).field(
      'alt',
      'Crowd',
    );
    expect(res.status).toBe(200);
    const image = res.body as Image;
    const expected = {
      url: image.url,
      srcset: image.srcset,
      width: image.width,
      height: image.height,
      alt: 'Crowd',
    };

    const page = await request(t.app).get(`/api/public/events/${event.id}`);
    expect((page.body as PublicEvent).cover).toEqual(expected);
    const list = await request(t.app).get(`/api/public/events?q=${encodeURIComponent(event.title)}`);
    const card = (list.body as { items: PublicEventSummary[] }).items.find((item) => item.id === event.id);
    expect(card?.cover).toEqual(expected);
    const organizer = await world.staff.get(`/api/events/${event.id}`);
    expect(organizer.body).toMatchObject({ cover: expected });

    const deleted = await world.owner.delete(`/api/events/${event.id}/cover`);
    expect(deleted.status).toBe(204);
    expectProblem(await request(t.app).get(pathOf(image.url)), 404, 'NOT_FOUND');
    expect((await request(t.app).get(`/api/public/events/${event.id}`)).body).not.toHaveProperty('cover');
    expect((await world.owner.delete(`/api/events/${event.id}/cover`)).status).toBe(204);
  });
});

describe('logos', () => {
  it('keeps transparency in square PNG fallbacks; owners only; shown on the public page', async () => {
    const logoPath = `/api/organizations/${world.org.id}/logo`;
    const res = await upload(t.app, world.owner.headers, logoPath, await transparentPng(), 'logo.jpg');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const logo = res.body as Image;
    expect(logo).toMatchObject({
      kind: 'logo',
      eventId: null,
      organizationId: world.org.id,
      width: 256,
      height: 256,
    });
    expect(logo.srcset.jpeg).toBeUndefined();
    expect(srcsetEntries(logo.srcset.png).map((entry) => entry.width)).toEqual([64, 128, 256]);
    const served = await request(t.app).get(pathOf(logo.url)).buffer(true);
    expect(served.headers['content-type']).toBe('image/png');
    expect(await sharp(served.body as Buffer).metadata()).toMatchObject({
      width: 256,
      height: 256,
      hasAlpha: true,
    });
    // Half-transparent red keeps its colour (neither darkened nor brightened by alpha), the padding is clear.
    const pixels = await sharp(served.body as Buffer)
      .raw()
      .toBuffer();
    const at = (x: number, y: number) => [...pixels.subarray((y * 256 + x) * 4, (y * 256 + x) * 4 + 4)];
    const [red = 0, green = 0, blue = 0, alpha = 0] = at(128, 128);
    expect(red).toBeGreaterThan(190);
    expect(red).toBeLessThan(210);
    expect(green + blue).toBeLessThan(10);
    expect(alpha).toBeGreaterThan(120);
    expect(alpha).toBeLessThan(136);
    expect(at(128, 2)[3]).toBe(0);

    const event = await publishedEvent();
    const page = await request(t.app).get(`/api/public/events/${event.id}`);
    expect((page.body as PublicEvent).organizationLogo?.url).toBe(logo.url);
    const me = await world.staff.get('/api/me');
    const mine = (me.body as MeResponse).organizations.find(
      (organization) => organization.id === world.org.id,
    );
    expect(mine?.logo?.url).toBe(logo.url);

    expectProblem(await upload(t.app, world.staff.headers, logoPath, await webp()), 403, 'FORBIDDEN');
    expectProblem(await upload(t.app, world.outsider.headers, logoPath, await webp()), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.delete(logoPath), 404, 'NOT_FOUND');
    expect((await world.owner.delete(logoPath)).status).toBe(204);
    expect((await request(t.app).get(`/api/public/events/${event.id}`)).body).not.toHaveProperty(
      'organizationLogo',
    );
  });
});

describe('serving', () => {
  it('answers 404 problem+json for unknown and malformed keys, never a file outside the store', async () => {
    expectProblem(await request(t.app).get(`/media/${'a'.repeat(32)}-cover480.jpg`), 404, 'NOT_FOUND');
    expectProblem(await request(t.app).get('/media/..%2F..%2Fpackage.json'), 404, 'NOT_FOUND');
    expectProblem(await request(t.app).get('/media/%2e%2e'), 404, 'NOT_FOUND');
    expectProblem(await request(t.app).get(`/media/${'a'.repeat(32)}-cover480.svg`), 404, 'NOT_FOUND');
  });
});

describe('S3 store', () => {
  let fake: FakeS3;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    fake = await startFakeS3(['zevents-media']);
    // The SDK's standard credential chain, as in production.
    process.env.AWS_ACCESS_KEY_ID = 'test-access-key';
    process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-key';
  });
  afterAll(async () => {
    process.env = savedEnv;
    await fake.close();
  });

  const settings = () => {
    const parsed = parseStorageUrl(
      `s3://zevents-media/images?endpoint=${fake.endpoint}&region=us-east-1&forcePathStyle=true`,
    );
    if (!parsed) throw new Error('STORAGE_URL did not parse');
    return parsed;
  };

  it('puts, gets and deletes objects through the AWS SDK', async () => {
    const store = createS3ImageStore(settings());
    const key = `${'b'.repeat(32)}-logo64.png`;
    expect(await store.get(key)).toBeUndefined();
    await store.put(key, Buffer.from('png bytes'), 'image/png');
    const object = fake.buckets.get('zevents-media')?.get(`images/${key}`);
    expect(object?.body.toString()).toBe('png bytes');
    expect(object?.contentType).toBe('image/png');
    const found = await store.get(key);
    expect(found?.contentType).toBe('image/png');
    const chunks: Buffer[] = [];
    for await (const chunk of found?.body ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('png bytes');
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    await store.delete(key);
    expect(fake.requests.every((entry) => entry.isSigned)).toBe(true);
    await expect(store.put('../escape', Buffer.from('x'), 'image/png')).rejects.toThrow();
  });

  it('stores uploads in the bucket and serves them through /media', async () => {
    const s3App = buildTestApp({ database, imageStore: createS3ImageStore(settings()) });
    const event = await publishedEvent();
    // A picture of its own: files made from the same upload as another image are kept for it.
    const photo = await cameraJpeg('#aa3300');
    const res = await upload(s3App.app, world.owner.headers, `/api/events/${event.id}/cover`, photo);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const image = res.body as Image;
    const objectKey = `images/${path.basename(image.url)}`;
    expect(fake.buckets.get('zevents-media')?.has(objectKey)).toBe(true);
    const served = await request(s3App.app).get(pathOf(image.url)).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await sharp(served.body as Buffer).metadata()).exif).toBeUndefined();
    const deleted = await request(s3App.app).delete(`/api/events/${event.id}/cover`).set(world.owner.headers);
    expect(deleted.status).toBe(204);
    expect(fake.buckets.get('zevents-media')?.has(objectKey)).toBe(false);
  });
});
