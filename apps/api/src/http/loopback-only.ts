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
    if (!options.isProduction && isLoopback(clientAddress(req)) && !isForwardedUntrusted(req)) {
      next();
      return;
    }
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    next(new AppError('NOT_FOUND', `No route for ${req.method} ${path}`));
  };
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/**
 * A reverse proxy on this same machine (nginx in front of a staging server) connects from
 * 127.0.0.1 for every remote client. So a forwarded request counts as local only when the peer
 * that sent it is a proxy TRUST_PROXY names: then `req.ip` is the client that proxy names, and
 * that client must itself be on this machine.
 */
function isForwardedUntrusted(req: Parameters<RequestHandler>[0]): boolean {
  const isForwarded = FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined);
  if (!isForwarded) return false;
  const trusts = req.app.get('trust proxy fn') as ((address: string, hop: number) => boolean) | undefined;
  const peer = req.socket.remoteAddress ?? '';
  return !trusts || !trusts(peer, 0);
}
