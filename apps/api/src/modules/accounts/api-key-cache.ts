import type { AuthContext } from '../../http/auth-context';
import type { Clock } from '../../shared/clock';

type ApiKeyAuth = Extract<AuthContext, { kind: 'apiKey' }>;

/** Enough for every key of a large deployment; past it the oldest entries go first. */
const MAX_ENTRIES = 10_000;

/**
 * Verified API keys, kept `ttlMs` in this process so a door scanner's every request does not read
 * its key (and its creator's role) again. The price is a bounded delay: a key revoked by another
 * process, or whose creator was removed or demoted, still works here for at most `ttlMs`. A revoke
 * handled by this process takes effect at once (`forget`). Keyed by the key's hash, never the key.
 */
export function createApiKeyCache(clock: Clock, ttlMs: number) {
  const entries = new Map<string, { auth: ApiKeyAuth; expiresAt: number }>();
  return {
    isEnabled: ttlMs > 0,
    get(keyHash: string): ApiKeyAuth | undefined {
      const entry = entries.get(keyHash);
      if (!entry) return undefined;
      if (entry.expiresAt > clock.now().getTime()) return entry.auth;
      entries.delete(keyHash);
      return undefined;
    },
    set(keyHash: string, auth: ApiKeyAuth): void {
      if (ttlMs <= 0) return;
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(keyHash, { auth, expiresAt: clock.now().getTime() + ttlMs });
    },
    /** Drops a revoked key at once (in this process). */
    forget(apiKeyId: string): void {
      for (const [hash, entry] of entries) if (entry.auth.apiKeyId === apiKeyId) entries.delete(hash);
    },
  };
}
