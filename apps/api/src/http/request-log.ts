import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { redactUrl } from './log-redaction';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id: the caller's X-Request-Id when it is sane, else a new one. */
    id?: string;
  }
}

const SANE_REQUEST_ID = /^[\w.-]{1,100}$/;
/** Probes and scrapes every few seconds would drown the lines operators read. */
const QUIET_PATHS = new Set(['/healthz', '/metrics']);

/** The caller's X-Request-Id when it is sane, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The request id (X-Request-Id, echoed) and one log line per request when it ends: method, URL with
 * its secrets redacted, status and time, at `error` for a 5xx and `info` otherwise (pino-http's
 * lines, field for field). Written for the hot path: nothing is allocated for a line the log level
 * drops (no per-request child logger), which pino-http could not avoid on every reserve of a sale.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestIdOf(req);
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (!logger.isLevelEnabled('error') || QUIET_PATHS.has(req.url)) {
      next();
      return;
    }
    const started = performance.now();
    const url = req.originalUrl;
    res.once('close', () => {
      const failed = res.statusCode >= 500;
      const finished = res.writableFinished;
      const level = failed ? 'error' : finished ? 'info' : 'warn';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: redactUrl(url) },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        finished ? (failed ? 'request errored' : 'request completed') : 'request aborted',
      );
    });
    next();
  };
}
