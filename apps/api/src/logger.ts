import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    // pid: with WEB_CONCURRENCY several processes write to the same output.
    base: { service: 'z-events', pid: process.pid },
    // Never log credentials, even when a request object is logged whole.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
}
