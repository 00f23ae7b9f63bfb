import type { Image } from '@zevents/contracts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalImageStore } from '../src/modules/media';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp, testDatabase } from './harness';

/** Event pages of the web app carry Open Graph and Twitter tags for link previews. */

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Z-Events: find events, buy tickets, check in at the door." />
    <title>Z-Events</title>
  </head>
  <body><div id="root"></div></body>
</html>
`;

const database = testDatabase();
const dir = mkdtempSync(path.join(tmpdir(), 'zevents-preview-test-'));
const webDistDir = path.join(dir, 'dist');
// Before the app is built: it serves the web app only when a built index.html exists.
mkdirSync(webDistDir);
writeFileSync(path.join(webDistDir, 'index.html'), INDEX_HTML);
const t = buildTestApp({
  database,
  webDistDir,
  imageStore: createLocalImageStore(path.join(dir, 'media')),
});
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, database.db);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The content of a meta tag of the page, decoded. */
function meta(html: string, key: string): string | undefined {
  const match = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)" />`).exec(html);
  return match?.[1]?.replace(/&#(\d+);/g, (_all, code: string) => String.fromCharCode(Number(code)));
}

describe('event page previews', () => {
  it('renders title, description and the cover for crawlers, escaped', async () => {
    const { event } = await createEvent(database.db, world, {
      input: {
        title: 'Jazz & "Blues" <night> $&',
        description: 'An **evening** of [music](https://x.test).',
      },
      ticketTypes: [{ name: 'GA', priceCents: 1_000, capacity: 10 }],
      publish: true,
    });
    const plain = await request(t.app).get(`/events/${event.slug}`);
    expect(plain.status).toBe(200);
    expect(meta(plain.text, 'twitter:card')).toBe('summary');
    expect(meta(plain.text, 'og:image')).toBeUndefined();

    const cover = await sharp({ create: { width: 1800, height: 900, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    const uploaded = await request(t.app)
      .put(`/api/events/${event.id}/cover`)
      .set(world.owner.headers)
      .attach('file', cover, 'cover.jpg')
      .field('alt', 'A saxophone');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const image = uploaded.body as Image;

    const res = await request(t.app).get(`/events/${event.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).toContain('<title>Jazz &#38; &#34;Blues&#34; &#60;night&#62; $&#38; · Z-Events</title>');
    expect(html).not.toContain('<night>');
    expect(meta(html, 'og:title')).toBe('Jazz & "Blues" <night> $&');
    expect(meta(html, 'og:description')).toMatch(/An evening of music\.$/);
    expect(meta(html, 'og:url')).toBe(`http://localhost:3000/events/${event.slug}`);
    expect(meta(html, 'og:image')).toBe(image.url.replace('cover960', 'cover1600'));
    expect(meta(html, 'og:image:width')).toBe('1600');
    expect(meta(html, 'og:image:height')).toBe('800');
    expect(meta(html, 'og:image:alt')).toBe('A saxophone');
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:image')).toBe(meta(html, 'og:image'));
    expect(html).toContain('<div id="root"></div>');
  });

  it('serves the plain app for drafts and unknown events', async () => {
    const { event } = await createEvent(database.db, world, { input: { title: 'Secret draft' } });
    for (const url of [`/events/${event.id}`, '/events/no-such-event', '/events/not%20a%20slug']) {
      const res = await request(t.app).get(url);
      expect(res.status, url).toBe(200);
      expect(res.text).toContain('<title>Z-Events</title>');
      expect(res.text).not.toContain('og:title');
    }
  });
});
