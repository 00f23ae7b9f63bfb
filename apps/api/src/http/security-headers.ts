import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's defaults (a strict same-origin Content-Security-Policy among them), widened only as far as
 * Stripe Elements needs when Stripe takes the payments: Stripe.js from js.stripe.com, its card fields
 * in frames from js.stripe.com (and 3-D Secure from hooks.stripe.com), its calls to api.stripe.com.
 * With the test provider the page may load nothing from anywhere but this server.
 */
export function securityHeaders(options: { allowStripe: boolean }): RequestHandler {
  const headers = securityHeaderValues(options);
  // The same headers on every response: computed once, set in one call (helmet runs 13 steps a request).
  return (_req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}

/** The headers `securityHeaders` sets on every response, by name, for answers written without it. */
export function securityHeaderValues(options: { allowStripe: boolean }): Map<string, string> {
  return headersSetBy(helmetFor(options));
}

function helmetFor(options: { allowStripe: boolean }) {
  if (!options.allowStripe) return helmet();
  return helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", 'https://js.stripe.com'],
        frameSrc: ["'self'", 'https://js.stripe.com', 'https://hooks.stripe.com'],
        connectSrc: ["'self'", 'https://api.stripe.com'],
        imgSrc: ["'self'", 'data:', 'https://*.stripe.com'],
      },
    },
  });
}

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** What a header-setting middleware sets, run once on a response that is never sent. */
function headersSetBy(middleware: NodeMiddleware): Map<string, string> {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  let isDone = false;
  middleware(req, res, (error) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    isDone = true;
  });
  if (!isDone) throw new Error('the security headers middleware did not finish at once');
  return new Map(Object.entries(res.getHeaders()).map(([name, value]) => [name, String(value)]));
}
