import { doubleCsrf } from 'csrf-csrf';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from './errors';
import { CSRF_COOKIE } from './session-cookie';

const EXEMPT_PATHS = new Set(['/api/auth/signup', '/api/auth/login']);
// Apple Wallet's pass web service: iPhones call it with the pass's own token, never a session's.
const EXEMPT_PREFIXES = ['/api/wallet/v1/'];
// Analytics beacons: `navigator.sendBeacon` cannot set a header, and a beacon changes nothing anyone owns.
const EXEMPT_PATTERNS = [/^\/api\/public\/events\/[^/]+\/views$/];

/**
 * Double-submit CSRF (csrf-csrf): the `zevents_csrf` cookie is readable by scripts and must be echoed
 * in `X-CSRF-Token`. The token is an HMAC bound to the session, so a cookie planted from a sibling
 * domain is useless. Only cookie-authenticated unsafe requests are checked: Bearer calls and
 * anonymous calls carry no ambient credential to abuse.
 */
export function createCsrf(secret: string, isProduction: boolean) {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => (req.auth.kind === 'session' ? req.auth.sessionId : ''),
    cookieName: CSRF_COOKIE,
    cookieOptions: { httpOnly: false, sameSite: 'lax', secure: isProduction, path: '/' },
    getCsrfTokenFromRequest: (req) => req.headers['x-csrf-token'],
  });

  const protect: RequestHandler = (req, _res, next) => {
    const isUnsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    const isExempt =
      EXEMPT_PATHS.has(req.path) ||
      EXEMPT_PREFIXES.some((prefix) => req.path.startsWith(prefix)) ||
      EXEMPT_PATTERNS.some((pattern) => pattern.test(req.path));
    if (!isUnsafe || req.auth.kind !== 'session' || isExempt) return next();
    if (!validateRequest(req)) throw new AppError('CSRF_FAILED', 'Missing or invalid X-CSRF-Token header');
    next();
  };

  /** Issues a fresh token (and cookie) bound to the request's current session. */
  const issue = (req: Request, res: Response): string => generateCsrfToken(req, res, { overwrite: true });

  return { protect, issue };
}

export type Csrf = ReturnType<typeof createCsrf>;
