import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFrameAncestors } from '../src/modules/embed';
import { openSale, orderBody, reserveOk, type Sale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * The embeddable checkout: /embed.js for host pages, and the /embed/* pages of the web app, which the
 * organization's allowed origins (and nobody else) may frame.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'zevents-embed-test-'));
const webDistDir = path.join(dir, 'dist');
// Before the app is built: it serves the web app only when a built index.html exists.
mkdirSync(webDistDir);
writeFileSync(
  path.join(webDistDir, 'index.html'),
  '<!doctype html><title>Z-Events</title><div id="root"></div>',
);
const t = buildTestApp({ webDistDir });
let world: World;
let other: World;
let sale: Sale;
let plainSale: Sale;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
  other = await createWorld(t.app, t.database.db);
  const saved = await world.owner.patch(`/api/organizations/${world.org.id}`, {
    embedOrigins: ['https://shop.example.com', 'http://localhost:4321'],
  });
  expect(saved.status).toBe(200);
  sale = await openSale(t, world, [{ name: 'GA', priceCents: 1_500, capacity: 10 }]);
  plainSale = await openSale(t, other, [{ name: 'GA', priceCents: 1_500, capacity: 10 }]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CSP's frame-ancestors sources, in order. */
function frameAncestors(res: request.Response): string[] {
  const csp = String(res.headers['content-security-policy'] ?? '');
  const directive = csp.split(';').find((part) => part.trim().startsWith('frame-ancestors'));
  return directive?.trim().split(/\s+/).slice(1) ?? [];
}

describe('GET /embed.js', () => {
  it('is a small cacheable script other sites may load', async () => {
    const res = await request(t.app).get('/embed.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(Buffer.byteLength(res.text)).toBeLessThan(6 * 1024);
    expect(res.text).toContain('zevents:order-paid');
    // It parses (without running): a syntax error would break every host page.
    expect(() => new Function(res.text)).not.toThrow();
  });
});

describe('/embed/* pages', () => {
  it("let the organization's origins frame the event page, by id or slug, without X-Frame-Options", async () => {
    for (const idOrSlug of [sale.event.id, sale.event.slug]) {
      const res = await request(t.app).get(`/embed/events/${idOrSlug}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(frameAncestors(res)).toEqual(["'self'", 'https://shop.example.com', 'http://localhost:4321']);
      expect(res.headers['x-frame-options']).toBeUndefined();
      // Every other directive stays as strict as on every page.
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it("frame checkout and order pages by the order's event's organization", async () => {
    const order = await reserveOk(world.anonymous, orderBody(sale.event, [[sale.types[0]?.id ?? '', 1]]));
    for (const page of ['checkout', 'orders']) {
      const res = await request(t.app).get(`/embed/${page}/${order.id}?token=${order.accessToken ?? ''}`);
      expect(res.status).toBe(200);
      expect(frameAncestors(res)).toEqual(["'self'", 'https://shop.example.com', 'http://localhost:4321']);
    }
  });

  it("keep 'self' alone for an organization with no origins, an unknown event or order", async () => {
    for (const url of [
      `/embed/events/${plainSale.event.slug}`,
      '/embed/events/no-such-event',
      '/embed/events/00000000-0000-4000-8000-000000000000',
      '/embed/checkout/00000000-0000-4000-8000-000000000000',
      '/embed/orders/not-an-id',
    ]) {
      const res = await request(t.app).get(url);
      expect(res.status, url).toBe(200);
      expect(frameAncestors(res), url).toEqual(["'self'"]);
    }
  });

  it('leave every other page framed by the platform alone, as before', async () => {
    for (const url of ['/', `/events/${sale.event.slug}`, '/checkout/x', '/organizer/profile', '/embed.js']) {
      const res = await request(t.app).get(url);
      expect(frameAncestors(res), url).toEqual(["'self'"]);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });
});

describe('withFrameAncestors', () => {
  it('replaces only frame-ancestors and drops values that are not origins', () => {
    const csp = "default-src 'self';frame-ancestors 'self';img-src 'self' data:";
    expect(withFrameAncestors(csp, ['https://a.example', 'https://b.example;script-src *'])).toBe(
      "default-src 'self';img-src 'self' data:;frame-ancestors 'self' https://a.example",
    );
  });
});
