import { readFile } from 'node:fs/promises';
import type { RequestHandler } from 'express';
import type { Db } from '../../db/client';
import { systemClock } from '../../shared/clock';
import { createTtlCache } from '../../shared/ttl-cache';
import { withFrameAncestors } from './embed-headers';
import { findEventEmbedOrigins, findOrderEmbedOrigins } from './embed.repository';
import { EMBED_SCRIPT } from './embed-script';

/** How long an organization's origins are trusted from memory: a change shows within seconds. */
const ORIGINS_TTL_MS = 5_000;

/**
 * GET /embed.js: the script a host page includes. Public and cacheable for a few minutes; loaded
 * cross-site as a plain script, so its resource policy must let other origins use it.
 */
export const serveEmbedScript: RequestHandler = (_req, res) => {
  res
    .set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    })
    .send(EMBED_SCRIPT);
};

/**
 * The web app's /embed/* pages: index.html as every page gets it, except that the organization's
 * allowed origins may frame it (CSP frame-ancestors) and X-Frame-Options, which knows no list, is
 * dropped. An unknown event or order, or a failed lookup, keeps frame-ancestors 'self' alone.
 */
export function createEmbedPageHandlers(deps: { db: Db; indexFile: string; ttlMs?: number }) {
  // Bounded, so ids chosen by visitors cannot grow it without end.
  const cache = createTtlCache<string, readonly string[]>({
    clock: systemClock,
    ttlMs: deps.ttlMs ?? ORIGINS_TTL_MS,
    maxEntries: 5_000,
  });
  let indexHtml: Promise<string> | undefined;

  const handler =
    (kind: 'event' | 'order', lookup: (id: string) => Promise<string[] | undefined>): RequestHandler =>
    async (req, res, next) => {
      const id = req.params.id;
      if (typeof id !== 'string') return next();
      let html: string;
      try {
        html = await (indexHtml ??= readFile(deps.indexFile, 'utf8'));
      } catch {
        // Read again next time: the build may be being replaced.
        indexHtml = undefined;
        return next();
      }
      let origins: readonly string[] = [];
      try {
        const key = `${kind}:${id}`;
        const cached = cache.get(key);
        if (cached) origins = cached;
        else {
          const readAt = systemClock.now();
          origins = (await lookup(id)) ?? [];
          cache.set(key, origins, readAt);
        }
      } catch {
        // No answer from the database: the page still opens, framed by the platform alone.
        origins = [];
      }
      const csp = res.getHeader('Content-Security-Policy');
      if (typeof csp === 'string') res.setHeader('Content-Security-Policy', withFrameAncestors(csp, origins));
      res.removeHeader('X-Frame-Options');
      res.set('Cache-Control', 'no-cache').type('html').send(html);
    };

  return {
    event: handler('event', (idOrSlug) => findEventEmbedOrigins(deps.db, idOrSlug)),
    order: handler('order', (orderId) => findOrderEmbedOrigins(deps.db, orderId)),
  };
}
