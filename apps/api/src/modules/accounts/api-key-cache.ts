import type { AuthContext } from '../../http/auth-context';
import type { Clock } from '../../shared/clock';
import { createTtlCache } from '../../shared/ttl-cache';

type ApiKeyAuth = Extract<AuthContext, { kind: 'apiKey' }>;

/**
 * Verified API keys, kept `ttlMs` in this process so a door scanner's every request does not read
 * its key (and its creator's role) again. The price is a bounded delay: a key revoked by another
 * process, or whose creator was removed or demoted, still works here for at most `ttlMs`. A revoke
 * handled by this process takes effect at once (`forget`). Keyed by the key's hash, never the key.
 */
export function createApiKeyCache(clock: Clock, ttlMs: number) {
  // Enough for every key of a large deployment.
  const cache = createTtlCache<string, ApiKeyAuth>({ clock, ttlMs, maxEntries: 10_000 });
  return {
    get: (keyHash: string): ApiKeyAuth | undefined => cache.get(keyHash),
    set: (keyHash: string, auth: ApiKeyAuth): void => cache.set(keyHash, auth),
    /** Drops a revoked key at once (in this process). */
    forget: (apiKeyId: string): void => cache.deleteWhere((auth) => auth.apiKeyId === apiKeyId),
  };
}
