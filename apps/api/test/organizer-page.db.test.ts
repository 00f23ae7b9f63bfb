import type { Image, OrganizerPage } from '@zevents/contracts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalImageStore } from '../src/modules/media';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp, testDatabase } from './harness';
import { expectProblem } from './insight-helpers';

/** The public organizer page (/o/{slug}): its API answer and the web page's link preview tags. */

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
const dir = mkdtempSync(path.join(tmpdir(), 'zevents-organizer-page-test-'));
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

const DAY = 86_400_000;

/** A published event of the world's organization, moved to start `days` from now (negative: past). */
async function eventInDays(days: number, title: string, options: { publish?: boolean } = {}) {
  const { event } = await createEvent(database.db, world, {
    input: { title },
    ticketTypes: [{ name: 'GA', priceCents: 1_500, capacity: 40 }],
    publish: options.publish ?? true,
  });
  const startsAt = new Date(Date.now() + days * DAY);
  // Through SQL: the API refuses to create events in the past, and an ended event is what we need.
  await database.pool.query('update events set starts_at = $2, ends_at = $3 where id = $1', [
    event.id,
    startsAt,
    new Date(startsAt.getTime() + 2 * 3_600_000),
  ]);
  return event;
}

const getPage = (slug: string) => request(t.app).get(`/api/public/organizations/${slug}`);

/** The content of a meta tag of the page, decoded. */
function meta(html: string, key: string): string | undefined {
  const match = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)" />`).exec(html);
  return match?.[1]?.replace(/&#(\d+);/g, (_all, code: string) => String.fromCharCode(Number(code)));
}

describe('GET /api/public/organizations/{slug}', () => {
  it('shows the profile, upcoming events soonest first and past events latest first', async () => {
    await database.pool.query(
      `update organizations set description = $2, website = $3, links = $4::jsonb where id = $1`,
      [
        world.org.id,
        'Concerts by the sea.\nEvery summer since 2009.',
        'https://harbour.example',
        JSON.stringify([
          { label: 'Instagram', url: 'https://instagram.example/harbour' },
          { label: 'Newsletter', url: 'https://news.example/harbour' },
        ]),
      ],
    );
    const later = await eventInDays(20, 'Later show');
    const sooner = await eventInDays(5, 'Sooner show');
    // Started yesterday, ends tomorrow: not over, so still upcoming.
    const running = await eventInDays(-0.5, 'Running now');
    await database.pool.query(`update events set ends_at = now() + interval '1 day' where id = $1`, [
      running.id,
    ]);
    const lastMonth = await eventInDays(-30, 'Last month');
    const lastWeek = await eventInDays(-7, 'Last week');
    const draft = await eventInDays(3, 'Secret draft', { publish: false });
    const pastDraft = await eventInDays(-3, 'Old draft', { publish: false });
    const cancelled = await eventInDays(10, 'Called off');
    await world.owner.post(`/api/events/${cancelled.id}/cancel`).expect(200);

    // An online event: its kind shows, its join link is for ticket holders only.
    await database.pool.query(
      `update events set kind = 'online', online_url = 'https://meet.example/secret-room', category = 'music', city = 'Marseille' where id = $1`,
      [later.id],
    );

    const res = await getPage(world.org.slug);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const page = res.body as OrganizerPage;
    expect(page).toMatchObject({
      id: world.org.id,
      name: world.org.name,
      slug: world.org.slug,
      description: 'Concerts by the sea.\nEvery summer since 2009.',
      website: 'https://harbour.example',
      links: [
        { label: 'Instagram', url: 'https://instagram.example/harbour' },
        { label: 'Newsletter', url: 'https://news.example/harbour' },
      ],
    });
    expect(page.logo).toBeUndefined();
    expect(page.upcoming.map((event) => event.id)).toEqual([running.id, sooner.id, later.id]);
    expect(page.past.map((event) => event.id)).toEqual([lastWeek.id, lastMonth.id]);
    const shown = [...page.upcoming, ...page.past].map((event) => event.id);
    for (const hidden of [draft.id, pastDraft.id, cancelled.id]) expect(shown).not.toContain(hidden);
    // The storefront's card, exactly.
    expect(page.upcoming[1]).toMatchObject({
      id: sooner.id,
      slug: sooner.slug,
      title: 'Sooner show',
      organizationName: world.org.name,
      minPriceCents: 1_500,
      maxPriceCents: 1_500,
      available: 40,
      isSoldOut: false,
      organizationSlug: world.org.slug,
      kind: 'in_person',
      category: null,
      city: null,
    });
    expect(page.upcoming[2]).toMatchObject({ kind: 'online', category: 'music', city: 'Marseille' });
    expect(res.text).not.toContain('secret-room');
  });

  it('keeps another organization out', async () => {
    const { event } = await createEvent(database.db, world, {});
    // An event moved to the outsider's organization in SQL: published there, not here.
    await database.pool.query(`update events set organization_id = $2, status = 'published' where id = $1`, [
      event.id,
      world.outsiderOrg.id,
    ]);
    const ours = (await getPage(world.org.slug)).body as OrganizerPage;
    expect([...ours.upcoming, ...ours.past].map((row) => row.id)).not.toContain(event.id);
    const slug = (
      await database.pool.query<{ slug: string }>('select slug from organizations where id = $1', [
        world.outsiderOrg.id,
      ])
    ).rows[0]?.slug;
    const theirs = (await getPage(slug ?? '')).body as OrganizerPage;
    expect(theirs.upcoming.map((row) => row.id)).toEqual([event.id]);
    expect(theirs.description).toBeNull();
    expect(theirs.links).toEqual([]);
  });

  it('shows the logo once uploaded, and event covers on the cards', async () => {
    const logo = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#4f46e5' } })
      .jpeg()
      .toBuffer();
    const uploaded = await request(t.app)
      .put(`/api/organizations/${world.org.id}/logo`)
      .set(world.owner.headers)
      .attach('file', logo, { filename: 'logo.jpg', contentType: 'image/jpeg' });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const event = await eventInDays(40, 'With a cover');
    const cover = await sharp({ create: { width: 1600, height: 800, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    await request(t.app)
      .put(`/api/events/${event.id}/cover`)
      .set(world.owner.headers)
      .attach('file', cover, { filename: 'cover.jpg', contentType: 'image/jpeg' })
      .expect(200);

    const page = (await getPage(world.org.slug)).body as OrganizerPage;
    expect(page.logo?.url).toBe((uploaded.body as Image).url);
    expect(page.logo?.srcset.webp).toMatch(/\/media\//);
    expect(page.upcoming.find((row) => row.id === event.id)?.cover?.srcset.avif).toMatch(/\/media\//);
  });

  it('answers 404 problem+json for unknown and malformed slugs', async () => {
    const slugs = [
      'no-such-organization-here',
      'UPPER-case',
      '..',
      'a',
      '%00',
      'x'.repeat(100),
      'x'.repeat(101),
    ];
    for (const slug of slugs) expectProblem(await getPage(slug), 404, 'NOT_FOUND');
    expect((await getPage('no-such-organization-here')).body).toMatchObject({
      detail: 'Organization not found',
    });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body as { paths: Record<string, unknown> };
    expect(doc.paths['/api/public/organizations/{slug}']).toBeDefined();
  });
});

describe('the /o/{slug} page preview', () => {
  // After the logo upload above: the preview shows it.
  it('renders name, description and logo for crawlers, escaped', async () => {
    const { event } = await createEvent(database.db, world, {});
    const orgId = event.organizationId;
    await database.pool.query(`update organizations set name = $2, description = $3 where id = $1`, [
      orgId,
      'Jazz & "Blues" <club> $&',
      'Live <b>music</b>\n\nevery   Friday & Saturday.',
    ]);
    const res = await request(t.app).get(`/o/${world.org.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).toContain('<title>Jazz &#38; &#34;Blues&#34; &#60;club&#62; $&#38; · Z-Events</title>');
    expect(html).not.toContain('<club>');
    expect(html).not.toContain('<b>');
    expect(meta(html, 'og:title')).toBe('Jazz & "Blues" <club> $&');
    expect(meta(html, 'twitter:title')).toBe('Jazz & "Blues" <club> $&');
    expect(meta(html, 'og:description')).toBe('Live <b>music</b> every Friday & Saturday.');
    expect(html).toContain(
      '<meta name="description" content="Live &#60;b&#62;music&#60;/b&#62; every Friday &#38; Saturday." />',
    );
    expect(meta(html, 'og:url')).toBe(`http://localhost:3000/o/${world.org.slug}`);
    // The logo uploaded above: its largest JPEG.
    expect(meta(html, 'og:image')).toMatch(/^http:\/\/localhost:3000\/media\/.+\.jpg$/);
    expect(meta(html, 'og:image:width')).toBe(meta(html, 'og:image:height'));
    expect(meta(html, 'twitter:image')).toBe(meta(html, 'og:image'));
    expect(meta(html, 'twitter:card')).toBe('summary');
    expect(html).toContain('<div id="root"></div>');
  });

  it('serves the plain app for unknown slugs', async () => {
    for (const url of ['/o/no-such-organization-here', '/o/NOT%20a%20slug']) {
      const res = await request(t.app).get(url);
      expect(res.status, url).toBe(200);
      expect(res.text).toContain('<title>Z-Events</title>');
      expect(res.text).not.toContain('og:title');
    }
  });
});
