import type { ApiKeyScope } from '@zevents/contracts';
import type { RequestHandler } from 'express';
import { type AuthContext, hasAnyScope } from './auth-context';
import { AppError } from './errors';
import { SESSION_COOKIE } from './session-cookie';

export interface AuthResolvers {
  resolveSessionToken(token: string): Promise<AuthContext | undefined>;
  resolveApiKey(key: string): Promise<AuthContext | undefined>;
}

/**
 * Resolves the caller once per request into `req.auth`. A Bearer key wins over a cookie; an
 * unknown key is 401 (the integrator must know), an unknown or expired cookie is just anonymous.
 */
export function authenticate(resolvers: AuthResolvers): RequestHandler {
  return async (req, _res, next) => {
    req.auth = { kind: 'anonymous' };
    const header = req.headers.authorization;
    if (header !== undefined) {
      // Apple Wallet's pass web service (modules/wallet) sends the pass's own token: not a
      // principal, so the caller stays anonymous and those routes check the token themselves.
      if (/^ApplePass\s/i.test(header)) return next();
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const resolved = match?.[1] ? await resolvers.resolveApiKey(match[1]) : undefined;
      if (!resolved) throw new AppError('UNAUTHENTICATED', 'The API key is missing, malformed or revoked');
      req.auth = resolved;
      return next();
    }
    const cookies = req.cookies as Record<string, unknown> | undefined;
    const token = cookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token.length > 0 && token.length < 200) {
      req.auth = (await resolvers.resolveSessionToken(token)) ?? { kind: 'anonymous' };
    }
    next();
  };
}

/**
 * Refuses an API key that holds none of the scopes a route accepts (403 INSUFFICIENT_SCOPE). Sessions
 * and anonymous callers pass: their rights are the member's role, checked by the policies.
 */
export function requireScope(auth: AuthContext, accepted: readonly ApiKeyScope[]): void {
  if (auth.kind !== 'apiKey' || hasAnyScope(auth.scopes, accepted)) return;
  throw new AppError(
    'INSUFFICIENT_SCOPE',
    `This API key lacks the scope this needs (${accepted.join(' or ')}; \`write\` includes every scope)`,
  );
}
