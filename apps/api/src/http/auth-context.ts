import type { ApiKeyScope, MemberRole } from '@zevents/contracts';

/** Who is calling, resolved once per request by the auth middleware. */
export type AuthContext =
  | { kind: 'anonymous' }
  | { kind: 'session'; userId: string; sessionId: string }
  | {
      kind: 'apiKey';
      apiKeyId: string;
      organizationId: string;
      /** At most the creator's current role (never owner); see apiKeyRole. */
      role: MemberRole;
      scopes: readonly ApiKeyScope[];
    };

/**
 * A caller who proved who they are: what a service of a `user` or `member` route is given, since the
 * router refuses anonymous callers of those (401) before their handlers run.
 */
export type Principal = Exclude<AuthContext, { kind: 'anonymous' }>;

/** A logged-in person's session. */
export type SessionAuth = Extract<AuthContext, { kind: 'session' }>;

declare global {
  // Express's own augmentation point; the only way to type what middleware attaches to a request.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth: AuthContext;
      /** The unparsed body, kept only for payment webhooks (their signature covers the exact bytes). */
      rawBody?: Buffer;
    }
  }
}

/** `write` includes `read` and `check-in`; otherwise a key needs one of the scopes a route accepts. */
export function hasAnyScope(granted: readonly ApiKeyScope[], accepted: readonly ApiKeyScope[]): boolean {
  return granted.includes('write') || accepted.some((scope) => granted.includes(scope));
}
