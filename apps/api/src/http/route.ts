import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { type ApiKeyScope, Problem } from '@zevents/contracts';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { requireScope } from './auth';
import type { AuthContext } from './auth-context';
import { AppError, TITLE_BY_STATUS } from './errors';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type AnyObject = z.ZodType<Record<string, unknown>>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: Method;
  /** OpenAPI style: `/api/events/{eventId}`. */
  path: string;
  summary: string;
  tags: string[];
  description?: string;
  /** `public` needs nothing; `user` needs a session; `member` a session or an API key. */
  access: 'public' | 'user' | 'member';
  /**
   * The API-key scopes that may call the route (any one of them; `write` always may). Derived when
   * absent: GET (and HEAD) needs `read`, every other method `write`. Sessions are not scoped.
   */
  scopes?: readonly ApiKeyScope[];
  params?: P;
  query?: Q;
  /** Request headers worth validating and documenting (lower-case names), e.g. `idempotency-key`. */
  headers?: AnyObject;
  body?: B;
  status: 200 | 201 | 204;
  response?: z.ZodType;
  /** Other than JSON, e.g. `text/csv`; the handler then writes the response itself. */
  responseContentType?: string;
  errors?: readonly number[];
  /** Checks run before validation (rate limits); they throw to refuse. */
  before?: Array<(req: Request) => Promise<void>>;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  headers: Record<string, unknown>;
  auth: AuthContext;
  req: Request;
  res: Response;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;

const COMMON_ERRORS = [400, 404, 500];

/**
 * Registers one route on the Express router and, from the very same schemas, in the OpenAPI
 * registry: the published document cannot drift from what the server validates.
 */
export class ApiRouter {
  readonly router = express.Router();

  constructor(private readonly registry: OpenAPIRegistry) {}

  add<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
    spec: RouteSpec<P, Q, B>,
    handler: (ctx: RouteContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown>,
  ): void {
    this.registry.registerPath(toOpenApi(spec));
    const expressPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    const run: RequestHandler = async (req, res) => {
      const params = spec.params ? parseParams(spec.params, req.params) : {};
      const query = spec.query ? parseInput(spec.query, req.query, 'query') : {};
      const body = spec.body ? parseBody(spec.body, req) : {};
      const headers = spec.headers
        ? (parseInput(spec.headers, req.headers, 'headers') as Record<string, unknown>)
        : {};
      const result = await handler({
        params: params as Infer<P>,
        query: query as Infer<Q>,
        body: body as Infer<B>,
        headers,
        auth: req.auth,
        req,
        res,
      });
      if (res.headersSent) return;
      if (spec.status === 204) res.status(204).end();
      else res.status(spec.status).json(result);
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
    this.router[spec.method](expressPath, scoped, ...before, run);
  }
}

/** What an API key needs to call a route: declared, or read for GET and write for anything else. */
export function requiredScopes(spec: Pick<RouteSpec<AnyObject, AnyObject, z.ZodType>, 'method' | 'scopes'>) {
  return spec.scopes ?? (spec.method === 'get' ? (['read'] as const) : (['write'] as const));
}

/** Path ids that do not fit the schema cannot name anything: 404, like any unknown id. */
function parseParams(schema: z.ZodType, raw: unknown): unknown {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'Resource not found');
  return parsed.data;
}

function parseBody(schema: z.ZodType, req: Request): unknown {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
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

function toOpenApi(spec: RouteSpec<AnyObject, AnyObject, z.ZodType>): RouteConfig {
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
  if (spec.body) errorStatuses.add(413).add(415);
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
    description: spec.description,
    tags: spec.tags,
    // For a bearer scheme OpenAPI lists required roles: one requirement per scope that suffices.
    security:
      spec.access === 'public'
        ? []
        : spec.access === 'user'
          ? [{ session: [] }]
          : [{ session: [] }, ...requiredScopes(spec).map((scope) => ({ apiKey: [scope] }))],
    request: {
      params: objectParams(spec.params),
      query: objectParams(spec.query),
      headers: objectParams(spec.headers),
      body: spec.body ? { content: { 'application/json': { schema: spec.body } } } : undefined,
    },
    responses,
  };
}
