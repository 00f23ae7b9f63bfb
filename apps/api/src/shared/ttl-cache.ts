import type { Clock } from './clock';

/**
 * A small in-process cache whose entries expire `ttlMs` after they were stored (0 stores nothing).
 * At `maxEntries` the oldest entry makes room, so keys chosen by callers cannot grow it without end.
 */
export function createTtlCache<K, V>(options: { clock: Clock; ttlMs: number; maxEntries: number }) {
  const { clock, ttlMs, maxEntries } = options;
  const entries = new Map<K, { value: V; expiresAt: number }>();
  return {
    get(key: K): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt > clock.now().getTime()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    /** `since`: when the value was read, if earlier than now; it expires `ttlMs` after that. */
    set(key: K, value: V, since: Date = clock.now()): void {
      if (ttlMs <= 0) return;
      if (entries.size >= maxEntries && !entries.has(key)) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { value, expiresAt: since.getTime() + ttlMs });
    },
    delete(key: K): void {
      entries.delete(key);
    },
    /** Drops every entry whose value matches (rare: a revoke). */
    deleteWhere(matches: (value: V) => boolean): void {
      for (const [key, entry] of entries) if (matches(entry.value)) entries.delete(key);
    },
  };
}
