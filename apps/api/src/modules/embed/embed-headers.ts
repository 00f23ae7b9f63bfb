import { EmbedOrigin } from '@zevents/contracts';

/**
 * The platform's Content-Security-Policy with its `frame-ancestors` widened to the organization's
 * origins: every other directive stays as the security headers set it. Origins are checked again
 * here, as a stored value that is not an origin (hand-edited data) must never inject a directive.
 */
export function withFrameAncestors(csp: string, origins: readonly string[]): string {
  const allowed = origins.filter((origin) => EmbedOrigin.safeParse(origin).success);
  const ancestors = ["frame-ancestors 'self'", ...allowed].join(' ');
  const directives = csp
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !/^frame-ancestors(\s|$)/i.test(directive));
  return [...directives, ancestors].join(';');
}

/** A small per-process memory of lookups, each trusted for `ttlMs`, bounded so ids cannot fill it. */
export function createTtlCache<V>(ttlMs: number, maxEntries = 5_000) {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now) return hit.value;
      const value = await load();
      if (ttlMs <= 0) return value;
      // Dropping everything at the bound is crude but cheap: the entries live seconds anyway.
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, { value, expiresAt: now + ttlMs });
      return value;
    },
  };
}
