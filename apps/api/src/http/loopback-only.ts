import type { RequestHandler } from 'express';
import { clientAddress, isLoopback } from './client-address';
import { AppError } from './errors';

/**
 * Development tools (the mailbox with every email's order and invitation links) answer this machine
 * only: a client elsewhere, or anyone at all in production, gets the same 404 as an unknown route, so
 * the tools' existence is not advertised either. The address is the socket's, or X-Forwarded-For's
 * only through proxies named by TRUST_PROXY, so a spoofed header does not help.
 */
export function loopbackOnly(options: { isProduction: boolean }): RequestHandler {
  return (req, _res, next) => {
    if (!options.isProduction && isLoopback(clientAddress(req))) {
      next();
      return;
    }
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    next(new AppError('NOT_FOUND', `No route for ${req.method} ${path}`));
  };
}
