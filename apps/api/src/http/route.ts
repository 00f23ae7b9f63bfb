import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { type ApiKeyScope, Problem } from '@zevents/contracts';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { requireScope } from './auth';
import type { AuthContext, Principal, SessionAuth } from './auth-context';
import { AppError, TITLE_BY_STATUS, unauthenticated } from './errors';
import { IDEMPOTENCY_KEY_PATTERN, replayResponse, type StoredResponse } from './idempotency';
import { RouteBuckets } from './route-buckets';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type AnyObject = z.ZodType<Record<string, unknown>>;
type Status = 200 | 201 | 202 | 204;

/**
 * Who may call a route, enforced by the router before the handler runs: `public` needs nothing (an
 * optional session or an order token is the handler's business); `user` and `member` need a
 * principal (a session or an API key), anyone else is 401; `session` needs a logged-in person, and
 * an API key, being nobody's account, is 401 there too (`/api/me`). A `member` route may also name
 * the `permission` it needs (the member's role in the organization of the path's resource): the
 * router then asks that resource's authorizer, after the params parse and before the handler.
 */
export type Access = 'public' | 'user' | 'member' | 'session';

/**
 * `optional`: a client may send `Idempotency-Key`; `required`: it must. The router validates and
 * documents the header, hands the key to the handler, and answers with what the handler's run of
 * that key gave (first answer or replay, a stored refusal thrown again as the same problem).
 */
export type Idempotency = 'optional' | 'required';

/**
 * Checks that a principal holds `permission` on the resource a path id names, throwing the module
 * policy's problem otherwise: 404 for an unknown id and for another organization's (the two look the
 * same), 403 for a role too small. The router knows no modules: app.ts hands it one per path param.
 */
export type ResourceAuthorizer<Permission extends string> = (
  auth: Principal,
  id: string,
  permission: Permission,
) => Promise<void>;

/** The authorizer of each resource a path param names (`orgId`, `eventId`, ...). */
export type ResourceAuthorizers<Permission extends string> = Readonly<
  Record<string, ResourceAuthorizer<Permission>>
>;

/**
 * `permission` only with `access: 'member'`: anyone else is not a member of anything. The services
 * keep their own checks for now: they need the row the policy loads, and a second check costs one
 * query where a missed one would leak another organization's data.
 */
type AccessSpec<Permission extends string> =
  { access: Exclude<Access, 'member'>; permission?: never } | { access: 'member'; permission?: Permission };

export type RouteSpec<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  Permission extends string = string,
> = RouteFields<P, Q, B> & AccessSpec<Permission>;

interface RouteFields<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: Method;
  /** OpenAPI style: `/api/events/{eventId}`. */
  path: string;
  summary: string;
  tags: readonly string[];
  description?: string;
  /**
   * The API-key scopes that may call the route (any one of them; `write` always may). Derived when
   * absent: GET (and HEAD) needs `read`, every other method `write`. Sessions are not scoped.
   */
  scopes?: readonly ApiKeyScope[];
  /** Ids in it use `UuidParam`: a malformed id names nothing, so the router answers 404. */
  params?: P;
  query?: Q;
  /** Request headers worth validating and documenting (lower-case names). */
  headers?: AnyObject;
  body?: B;
  status: Status;
  response?: z.ZodType;
  /** Other than JSON, e.g. `text/csv`; the handler then writes the response itself. */
  responseContentType?: string;
  idempotency?: Idempotency;
  errors?: readonly number[];
  /** Checks run before validation (rate limits); they throw to refuse. */
  before?: ReadonlyArray<(req: Request) => Promise<void>>;
  /**
   * The body may also come as `text/plain` holding JSON: what `navigator.sendBeacon` sends without
   * a CORS preflight (app.ts reads such bodies as text for these routes).
   */
  acceptsTextPlain?: boolean;
  /**
   * A `multipart/form-data` body (uploads), documented from this schema but not parsed by the router:
   * the handler streams it (readMultipartForm), so a file never sits in memory past its limit.
   */
  multipartBody?: AnyObject;
}

type AnyRouteSpec<Permission extends string = string> = RouteSpec<
  AnyObject,
  AnyObject,
  z.ZodType,
  Permission
>;

type Parsed<S, K extends 'params' | 'query' | 'body'> = S extends { [key in K]: infer T extends z.ZodType }
  ? z.output<T>
  : Record<string, never>;

export interface RouteContext<S extends AnyRouteSpec> {
  params: Parsed<S, 'params'>;
  query: Parsed<S, 'query'>;
  body: Parsed<S, 'body'>;
  headers: Record<string, unknown>;
  auth: S['access'] extends 'public' ? AuthContext : S['access'] extends 'session' ? SessionAuth : Principal;
  /** The validated `Idempotency-Key` of a route with the `idempotency` option. */
  idempotencyKey: S extends { idempotency: 'required' } ? string : string | undefined;
  req: Request;
  res: Response;
}

/**
 * What a handler returns, checked against the spec at compile time: the JSON the response schema
 * describes (its input type: what serializes into it); nothing for 204 and for responses the
 * handler writes itself (CSV, PDF); an idempotent run's stored answer, whose body may be a replayed
 * refusal and so is only known to be what was stored.
 */
export type RouteResult<S extends AnyRouteSpec> = S extends { idempotency: Idempotency }
  ? StoredResponse
  : S extends { status: 204 } | { responseContentType: string }
    ? void
    : S extends { response: infer R extends z.ZodType }
      ? z.input<R>
      : void;

const COMMON_ERRORS = [400, 404, 500];

/**
 * A read answers through Express (an ETag, and 304 to a matching If-None-Match); a write's answer is
 * never served from a cache, so it is written as it is: no SHA-1 of every reserve's body for an ETag
 * nobody will send back.
 */
function sendJson(req: Request, res: Response, status: number, body: unknown): void {
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.status(status).json(body);
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body) ?? '');
}

/**
 * Registers one route on the Express router and, from the very same schemas, in the OpenAPI
 * registry: the published document cannot drift from what the server validates.
 */
export class ApiRouter<Permission extends string = never> {
  private readonly buckets = new RouteBuckets();
  /** The middleware that serves every route added (app.ts mounts it). */
  readonly router: RequestHandler = this.buckets.handle;

  constructor(
    private readonly registry: OpenAPIRegistry,
    private readonly resourceAuthorizers: ResourceAuthorizers<Permission> = {},
  ) {}

  /** The handlers of a route added here, by its method and path as written in its spec. */
  handlersOf(method: 'get' | 'post' | 'patch' | 'put' | 'delete', specPath: string): RequestHandler[] {
    const handlers = this.buckets.handlersOf(method, specPath.replace(/\{(\w+)\}/g, ':$1'));
    if (!handlers) throw new Error(`no route ${method.toUpperCase()} ${specPath}`);
    return handlers;
  }

  /**
   * `options.precheck`: a check of the parsed input that needs no database, run before the route's
   * `permission`: e.g. a forged ticket QR is refused without a query, whoever sends it. It throws.
   */
  add<S extends AnyRouteSpec<Permission>>(
    spec: S,
    handler: (ctx: RouteContext<S>) => Promise<RouteResult<S>>,
    options: { precheck?: (input: Pick<RouteContext<S>, 'params' | 'body'>) => void } = {},
  ): void {
    const authorizeResource = this.resourceAuthorization(spec);
    const headersSchema = withIdempotencyHeader(spec);
    this.registry.registerPath(toOpenApi(spec, headersSchema));
    const expressPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    const run: RequestHandler = async (req, res) => {
      // The API's order of answers: a malformed request (400) before a missing principal (401),
      // before an id that cannot exist (404, and after the 401 so an anonymous caller learns
      // nothing about ids), before the handler's own 404 and 403.
      const query = spec.query ? parseInput(spec.query, req.query, 'query') : {};
      const body = spec.body ? parseBody(spec.body, req, spec.acceptsTextPlain === true) : {};
      const headers = headersSchema
        ? (parseInput(headersSchema, req.headers, 'headers') as Record<string, unknown>)
        : {};
      const auth = authorize(spec.access, req.auth);
      const params = spec.params ? parseParams(spec.params, req.params) : {};
      options.precheck?.({ params: params as Parsed<S, 'params'>, body: body as Parsed<S, 'body'> });
      // After the 404 of a malformed id, before the handler: the policy's 404 and 403 come before
      // the handler's own answers, as they did when only the service checked.
      if (authorizeResource) {
        // authorize() answered 401 to an anonymous caller of a member route already.
        if (auth.kind === 'anonymous') throw unauthenticated();
        await authorizeResource(auth, params as Record<string, unknown>);
      }
      const idempotencyKey = headers[IDEMPOTENCY_HEADER] as string | undefined;
      // The casts are the one place where the parsed values meet the types the spec promises.
      const result: unknown = await handler({
        params: params as Parsed<S, 'params'>,
        query: query as Parsed<S, 'query'>,
        body: body as Parsed<S, 'body'>,
        headers,
        auth: auth as RouteContext<S>['auth'],
        idempotencyKey: idempotencyKey as RouteContext<S>['idempotencyKey'],
        req,
        res,
      });
      if (res.headersSent) return;
      if (spec.idempotency) {
        const stored = result as StoredResponse;
        sendJson(req, res, stored.status, replayResponse(stored));
      } else if (spec.status === 204) res.status(204).end();
      else sendJson(req, res, spec.status, result);
    };
    const scopes = requiredScopes(spec);
    // First, before rate limits and validation: a key without the scope learns nothing more.
    const scoped: RequestHandler = (req, _res, next) => {
      requireScope(req.auth, scopes);
      next();
    };
    const before = (spec.before ?? []).map((check): RequestHandler => (req, _res, next) => {
      check(req).then(() => next(), next);
    });
    this.buckets.add(spec.method, expressPath, [scoped, ...before, run]);
  }

  /**
   * For a route with a `permission`: the check of the first path param that names a resource with
   * an authorizer. A route whose path names none is a programming error, refused at startup.
   */
  private resourceAuthorization(
    spec: AnyRouteSpec<Permission>,
  ): ((auth: Principal, params: Record<string, unknown>) => Promise<void>) | undefined {
    const { permission } = spec;
    if (permission === undefined) return undefined;
    if (spec.access !== 'member')
      throw new Error(`${spec.method.toUpperCase()} ${spec.path}: only a member route may name a permission`);
    const param = pathParams(spec.path).find((name) => Object.hasOwn(this.resourceAuthorizers, name));
    const authorizer = param === undefined ? undefined : this.resourceAuthorizers[param];
    if (param === undefined || !authorizer)
      throw new Error(
        `${spec.method.toUpperCase()} ${spec.path}: no path param names a resource to authorize`,
      );
    return (auth, params) => authorizer(auth, String(params[param]), permission);
  }
}

/** The names of a path's params, in order: `/api/events/{eventId}/x/{id}` → eventId, id. */
function pathParams(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

/** Refuses (401) a caller the route's access does not admit; returns who is calling. */
export function authorize(access: Access, auth: AuthContext): AuthContext {
  if (access !== 'public' && auth.kind === 'anonymous') throw unauthenticated();
  if (access === 'session' && auth.kind !== 'session') throw unauthenticated();
  return auth;
}

const IDEMPOTENCY_HEADER = 'idempotency-key';

const IdempotencyKeyHeader = z
  .string()
  .regex(IDEMPOTENCY_KEY_PATTERN, '1-200 letters, digits, or . _ : -')
  .describe('The same key and body return the first response again and do the work once');

/** The route's declared headers, plus `Idempotency-Key` for a route with the idempotency option. */
function withIdempotencyHeader(spec: AnyRouteSpec): AnyObject | undefined {
  if (!spec.idempotency) return spec.headers;
  const key = spec.idempotency === 'required' ? IdempotencyKeyHeader : IdempotencyKeyHeader.optional();
  const declared = spec.headers instanceof z.ZodObject ? spec.headers.shape : {};
  return z.object({ ...declared, [IDEMPOTENCY_HEADER]: key });
}

/** What an API key needs to call a route: declared, or read for GET and write for anything else. */
export function requiredScopes(spec: Pick<AnyRouteSpec, 'method' | 'scopes'>) {
  return spec.scopes ?? (spec.method === 'get' ? (['read'] as const) : (['write'] as const));
}

/** Path ids that do not fit the schema cannot name anything: 404, like any unknown id. */
function parseParams(schema: z.ZodType, raw: unknown): unknown {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'Resource not found');
  return parsed.data;
}

function parseBody(schema: z.ZodType, req: Request, acceptsTextPlain: boolean): unknown {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && acceptsTextPlain && req.is('text/plain')) {
    let json: unknown;
    try {
      json = typeof req.body === 'string' ? JSON.parse(req.body) : undefined;
    } catch {
      throw new AppError('MALFORMED_JSON', 'The request body is not valid JSON');
    }
    return parseInput(schema, json ?? {}, 'body');
  }
  if (hasBody && !req.is('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  // No body at all is validated as an empty object so optional-only bodies still work.
  return parseInput(schema, req.body ?? {}, 'body');
}

export function parseInput(schema: z.ZodType, raw: unknown, where: 'query' | 'body' | 'headers'): unknown {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION_FAILED', `The request ${where} is invalid`, {
    errors: parsed.error.issues.map((issue) => ({
      path: issue.path.length ? issue.path.join('.') : where,
      message: issue.message,
      code: issue.code,
    })),
  });
}

/** A reader of the reference learns which permission a route needs without reading the source. */
function withPermission(description: string | undefined, permission: string | undefined): string | undefined {
  if (permission === undefined) return description;
  const needs = `Needs the \`${permission}\` permission in the organization.`;
  return description ? `${description}\n\n${needs}` : needs;
}

function toOpenApi(spec: AnyRouteSpec, headers: AnyObject | undefined): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  if (spec.status === 204) responses[204] = { description: 'Done' };
  else if (spec.responseContentType && !spec.response)
    responses[spec.status] = {
      description: 'OK',
      content: { [spec.responseContentType]: { schema: { type: 'string' } } },
    };
  else
    responses[spec.status] = {
      description: 'OK',
      content: spec.response ? { 'application/json': { schema: spec.response } } : undefined,
    };
  const errorStatuses = new Set([...COMMON_ERRORS, ...(spec.errors ?? [])]);
  if (spec.access !== 'public') errorStatuses.add(401);
  if (spec.body || spec.multipartBody) errorStatuses.add(413).add(415);
  for (const status of [...errorStatuses].sort()) {
    responses[status] = {
      description: TITLE_BY_STATUS[status] ?? 'Error',
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  const objectParams = (schema: AnyObject | undefined) =>
    schema instanceof z.ZodObject ? (schema as z.ZodObject) : undefined;
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: withPermission(spec.description, spec.permission),
    ...(spec.permission === undefined ? {} : { 'x-permission': spec.permission }),
    tags: [...spec.tags],
    // For a bearer scheme OpenAPI lists required roles: one requirement per scope that suffices.
    security:
      spec.access === 'public'
        ? []
        : spec.access === 'user' || spec.access === 'session'
          ? [{ session: [] }]
          : [{ session: [] }, ...requiredScopes(spec).map((scope) => ({ apiKey: [scope] }))],
    request: {
      params: objectParams(spec.params),
      query: objectParams(spec.query),
      headers: objectParams(headers),
      body: spec.body
        ? {
            content: {
              'application/json': { schema: spec.body },
              ...(spec.acceptsTextPlain ? { 'text/plain': { schema: spec.body } } : {}),
            },
          }
        : spec.multipartBody
          ? { content: { 'multipart/form-data': { schema: spec.multipartBody } } }
          : undefined,
    },
    responses,
  };
}
