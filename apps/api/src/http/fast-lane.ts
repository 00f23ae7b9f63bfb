import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * A request the lane takes runs the very middleware and route handlers Express would run for it, in
 * Express's order, without Express's router walking to them: during a flash sale the walk, the JSON
 * body parser's content negotiation and the cookie parser cost a reserve more CPU than its share of
 * the database statement (profiled: ~20% of the API process). Only requests whose answer cannot
 * depend on what the lane skips take it (decided from the request line and headers alone); every
 * other request, including every malformed one, goes through Express as before.
 */
export interface FastLane {
  accepts(req: IncomingMessage): boolean;
  /**
   * Runs before anything else for an accepted request, on node's own request and response: true when
   * it has answered the request by itself (admission control's 429 under overload), and nothing more runs.
   */
  answersFirst?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Express's route path, as `req.route.path` for the metrics' route label. */
  routePath: string;
  /** Everything Express would run for an accepted request, in order (body reading included). */
  handlers: RequestHandler[];
  /** What Express runs when the handlers end without an answer (`next()` past the last one). */
  notFound: RequestHandler;
  onError: ErrorRequestHandler;
}

type Dispatch = (req: IncomingMessage, res: ServerResponse, done?: (error?: unknown) => void) => void;

/**
 * Puts the lanes in front of Express's own dispatch, on the app itself: `app.listen`, a cluster's
 * workers and supertest in the tests all serve through it, so the whole test suite runs the lane.
 */
export function installFastLanes(app: Express, lanes: readonly FastLane[]): void {
  const dispatching = app as unknown as { handle: Dispatch; request: object; response: object };
  const expressDispatch = dispatching.handle.bind(app);
  const routes = new Map(lanes.map((lane) => [lane, Object.freeze({ path: lane.routePath })]));
  dispatching.handle = (incoming, outgoing, done) => {
    const lane = lanes.find((candidate) => candidate.accepts(incoming));
    if (!lane) {
      expressDispatch(incoming, outgoing, done);
      return;
    }
    if (lane.answersFirst?.(incoming, outgoing)) return;
    // What express's app.handle and router.handle set up before the first middleware runs.
    const req = incoming as Request;
    const res = outgoing as Response;
    req.res = res;
    res.req = req;
    Object.setPrototypeOf(req, dispatching.request);
    Object.setPrototypeOf(res, dispatching.response);
    if (!res.locals) res.locals = Object.create(null) as Response['locals'];
    req.originalUrl = req.originalUrl || req.url;
    req.baseUrl = '';
    req.params = {};
    req.route = routes.get(lane);
    runChain(lane, req, res);
  };
}

function runChain(lane: FastLane, req: Request, res: Response): void {
  let index = 0;
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) {
      // The error handler itself failed: nothing sensible can be sent any more.
      res.destroy();
      return;
    }
    failed = true;
    invoke(() => lane.onError(error, req, res, fail));
  };
  const next: NextFunction = (error?: unknown) => {
    if (error === 'route' || error === 'router') {
      index = lane.handlers.length;
      invoke(() => lane.notFound(req, res, next));
      return;
    }
    if (error !== undefined && error !== null) {
      fail(error);
      return;
    }
    const handler = lane.handlers[index];
    index += 1;
    if (handler) invoke(() => handler(req, res, next));
    else if (index === lane.handlers.length + 1) invoke(() => lane.notFound(req, res, next));
  };
  // As Express 5: a handler that throws, or whose promise rejects, passes its error on.
  const invoke = (call: () => unknown) => {
    try {
      const result = call();
      if (result instanceof Promise) result.catch(next);
    } catch (error) {
      next(error ?? new Error('a handler threw nothing'));
    }
  };
  next();
}

/** body-parser's errors carry these, and the error handler answers them as it does body-parser's. */
const bodyError = (type: string, status: number, message: string) =>
  Object.assign(new Error(message), { type, status, statusCode: status, expose: true });

/**
 * `express.json({ strict: true })` for a body the lane accepted (UTF-8 JSON whose Content-Length is
 * within the limit, no Content-Encoding): the same `req.body`, and body-parser's own error types for
 * what it would refuse (a body that is not a JSON object or array is MALFORMED_JSON).
 */
export const readJsonBody: RequestHandler = (req, _res, next) => {
  const chunks: Buffer[] = [];
  let settled = false;
  const settle = (error?: Error) => {
    if (settled) return;
    settled = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('aborted', onAborted);
    req.off('error', onError);
    next(error);
  };
  const onData = (chunk: Buffer) => chunks.push(chunk);
  const onEnd = () => {
    const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
    // iconv-lite, body-parser's decoder, drops a byte order mark; JSON.parse would not.
    const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let body: unknown;
    try {
      body = JSON.parse(json);
    } catch {
      settle(bodyError('entity.parse.failed', 400, 'The request body is not valid JSON'));
      return;
    }
    // strict: only an object or an array, as body-parser checks by the first character.
    if (typeof body !== 'object' || body === null) {
      settle(bodyError('entity.parse.failed', 400, 'The request body is not a JSON object or array'));
      return;
    }
    req.body = body;
    settle();
  };
  const onAborted = () => settle(bodyError('request.aborted', 400, 'request aborted'));
  const onError = (error: Error) => settle(error);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('aborted', onAborted);
  req.on('error', onError);
};

// Shared and frozen: a null-prototype object per request is a hash table per request, and nothing
// writes to a request's cookies.
const NO_COOKIES = Object.freeze(Object.create(null) as Record<string, string>);

/** cookie-parser's result for a request without a Cookie header. */
export const withoutCookies: RequestHandler = (req, _res, next) => {
  req.cookies = NO_COOKIES;
  req.signedCookies = NO_COOKIES;
  next();
};

const JSON_TYPES = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
]);

/**
 * A JSON body the lane reads exactly as body-parser would: declared UTF-8 JSON, a Content-Length of
 * at most `limitBytes` (no chunked or compressed body), no credentials to resolve (no Cookie, no
 * Authorization), and no query string.
 */
export function isPlainJsonPost(req: IncomingMessage, url: string, limitBytes: number): boolean {
  if (req.method !== 'POST' || req.url !== url) return false;
  const { headers } = req;
  if (headers.cookie !== undefined || headers.authorization !== undefined) return false;
  if (headers['transfer-encoding'] !== undefined || headers['content-encoding'] !== undefined) return false;
  const type = headers['content-type'];
  if (type === undefined || !JSON_TYPES.has(type.toLowerCase())) return false;
  const declared = headers['content-length'];
  if (declared === undefined || !/^\d{1,7}$/.test(declared)) return false;
  const length = Number(declared);
  return length > 0 && length <= limitBytes;
}
