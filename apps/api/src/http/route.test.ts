import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { UuidParam } from '@zevents/contracts';
import express, { type RequestHandler } from 'express';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AuthContext } from './auth-context';
import { createErrorHandler } from './error-handler';
import { AppError, forbidden, notFound } from './errors';
import { type Access, ApiRouter, type ResourceAuthorizers } from './route';

const SESSION: AuthContext = { kind: 'session', userId: 'user-1', sessionId: 'session-1' };
const API_KEY: AuthContext = {
  kind: 'apiKey',
  apiKeyId: 'key-1',
  organizationId: 'org-1',
  role: 'admin',
  scopes: ['write'],
};
const ID = '0b6d7a36-3c1e-4d4e-9a51-7b0c1f7e2a10';

/** One route on a bare app; `x-test-session: 1` makes the caller logged in, `x-test-key: 1` an API key. */
function appWith<Permission extends string = never>(
  register: (api: ApiRouter<Permission>) => void,
  resourceAuthorizers?: ResourceAuthorizers<Permission>,
) {
  const api = new ApiRouter<Permission>(new OpenAPIRegistry(), resourceAuthorizers);
  register(api);
  const authenticate: RequestHandler = (req, _res, next) => {
    req.auth = req.headers['x-test-session']
      ? SESSION
      : req.headers['x-test-key']
        ? API_KEY
        : { kind: 'anonymous' };
    next();
  };
  const app = express();
  app.use(express.json(), authenticate, api.router, createErrorHandler(pino({ level: 'silent' })));
  return app;
}

/** A route on `/things/{thingId}` that counts the handler's runs. */
function thingRoute(access: Access) {
  const runs: string[] = [];
  const app = appWith((api) =>
    api.add(
      {
        method: 'post',
        path: '/things/{thingId}',
        summary: 'A thing',
        tags: ['Test'],
        access,
        params: z.object({ thingId: UuidParam }),
        body: z.object({ name: z.string() }),
        status: 200,
        response: z.object({ id: z.string(), name: z.string() }),
      },
      async ({ params, body }) => {
        runs.push(params.thingId);
        return { id: params.thingId, name: body.name };
      },
    ),
  );
  return { app, runs };
}

describe('ApiRouter access', () => {
  it.each(['user', 'member', 'session'] as const)(
    'refuses an anonymous caller of a %s route with 401 before the handler',
    async (access) => {
      const { app, runs } = thingRoute(access);
      const res = await request(app).post(`/things/${ID}`).send({ name: 'a' });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(runs).toEqual([]);
    },
  );

  it('answers 401 to an anonymous caller even for a malformed id: ids are nobody’s business before login', async () => {
    const { app, runs } = thingRoute('member');
    const res = await request(app).post('/things/not-a-uuid').send({ name: 'a' });
    expect(res.status).toBe(401);
    expect(runs).toEqual([]);
  });

  it('validates the body before access, as it always did: a malformed body is 400 for anyone', async () => {
    const { app, runs } = thingRoute('member');
    const res = await request(app).post(`/things/${ID}`).send({ name: 42 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(runs).toEqual([]);
  });

  it('refuses an API key on a session route with 401 (it is nobody’s account), and lets it through a member route', async () => {
    const session = thingRoute('session');
    const refused = await request(session.app)
      .post(`/things/${ID}`)
      .set('x-test-key', '1')
      .send({ name: 'a' });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    expect(session.runs).toEqual([]);
    expect(
      (await request(session.app).post(`/things/${ID}`).set('x-test-session', '1').send({ name: 'a' }))
        .status,
    ).toBe(200);
    const member = thingRoute('member');
    expect(
      (await request(member.app).post(`/things/${ID}`).set('x-test-key', '1').send({ name: 'a' })).status,
    ).toBe(200);
  });

  it('lets a principal through to the handler, and anyone through a public route', async () => {
    const member = thingRoute('member');
    const ok = await request(member.app).post(`/things/${ID}`).set('x-test-session', '1').send({ name: 'a' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: ID, name: 'a' });
    const open = thingRoute('public');
    expect((await request(open.app).post(`/things/${ID}`).send({ name: 'b' })).status).toBe(200);
    expect(open.runs).toEqual([ID]);
  });
});

describe('ApiRouter path ids', () => {
  it.each(['not-a-uuid', `${ID}x`, 'a'.repeat(5000), "1' OR '1'='1"])(
    'answers 404 to a malformed id %#, before the handler',
    async (id) => {
      const { app, runs } = thingRoute('member');
      const res = await request(app)
        .post(`/things/${encodeURIComponent(id)}`)
        .set('x-test-session', '1')
        .send({ name: 'a' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(runs).toEqual([]);
    },
  );
});

describe('ApiRouter idempotency option', () => {
  function idempotentApp(idempotency: 'optional' | 'required') {
    const keys: Array<string | undefined> = [];
    const app = appWith((api) =>
      api.add(
        {
          method: 'post',
          path: '/orders',
          summary: 'An order',
          tags: ['Test'],
          access: 'public',
          idempotency,
          body: z.object({ refuse: z.boolean().optional() }),
          status: 201,
          response: z.object({ id: z.string() }),
        },
        async ({ body, idempotencyKey }) => {
          keys.push(idempotencyKey);
          // What runIdempotent gives: the first answer, or a stored refusal replayed.
          if (body.refuse) return { status: 409, body: { code: 'SOLD_OUT', detail: 'Gone', remaining: [] } };
          return { status: 201, body: { id: 'order-1' } };
        },
      ),
    );
    return { app, keys };
  }

  it('hands the validated key to the handler and answers with the run’s status and body', async () => {
    const { app, keys } = idempotentApp('optional');
    const res = await request(app).post('/orders').set('Idempotency-Key', 'key-1').send({});
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'order-1' });
    expect((await request(app).post('/orders').send({})).status).toBe(201);
    expect(keys).toEqual(['key-1', undefined]);
  });

  it('replays a stored refusal as the same problem', async () => {
    const { app } = idempotentApp('optional');
    const res = await request(app).post('/orders').set('Idempotency-Key', 'key-2').send({ refuse: true });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'SOLD_OUT', detail: 'Gone', remaining: [] });
  });

  it('refuses a malformed key with 400, and a missing one when the key is required', async () => {
    const optional = idempotentApp('optional');
    const bad = await request(optional.app).post('/orders').set('Idempotency-Key', 'has spaces').send({});
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const required = idempotentApp('required');
    expect((await request(required.app).post('/orders').send({})).status).toBe(400);
    expect((await request(required.app).post('/orders').set('Idempotency-Key', 'k').send({})).status).toBe(
      201,
    );
    expect([...optional.keys, ...required.keys]).toEqual(['k']);
  });

  it('documents the header in the OpenAPI registry', () => {
    const registry = new OpenAPIRegistry();
    new ApiRouter(registry).add(
      {
        method: 'post',
        path: '/orders',
        summary: 'An order',
        tags: ['Test'],
        access: 'public',
        idempotency: 'optional',
        status: 201,
      },
      async () => ({ status: 201, body: {} }),
    );
    const route = registry.definitions.find((definition) => definition.type === 'route');
    expect(route?.type === 'route' && route.route.request?.headers).toBeInstanceOf(z.ZodObject);
  });
});

describe('ApiRouter errors', () => {
  it('passes an AppError thrown by the handler to the error middleware', async () => {
    const app = appWith((api) =>
      api.add(
        { method: 'get', path: '/boom', summary: 'Boom', tags: ['Test'], access: 'public', status: 204 },
        async () => {
          throw new AppError('FORBIDDEN', 'No');
        },
      ),
    );
    expect((await request(app).get('/boom')).status).toBe(403);
  });
});

describe('ApiRouter permission', () => {
  type ThingPermission = 'things.view' | 'things.manage';
  const FOREIGN = '5f0c9a3e-8d7b-4c2a-9e1f-3a6b7c8d9e0f';

  /**
   * A member route needing `permission` on `/things/{thingId}`: the caller may view ID but not manage
   * it, and FOREIGN (like any other id) is someone else's. Counts the authorizer's and handler's runs.
   */
  function guardedThing(permission: ThingPermission) {
    const checks: string[] = [];
    const runs: string[] = [];
    const app = appWith<ThingPermission>(
      (api) =>
        api.add(
          {
            method: 'post',
            path: '/things/{thingId}',
            summary: 'A thing',
            tags: ['Test'],
            access: 'member',
            permission,
            params: z.object({ thingId: UuidParam }),
            body: z.object({ name: z.string() }),
            status: 204,
          },
          async ({ params }) => {
            runs.push(params.thingId);
          },
        ),
      {
        thingId: async (_auth, id, needed) => {
          checks.push(`${id} ${needed}`);
          if (id !== ID) throw notFound('Thing');
          if (needed !== 'things.view') throw forbidden();
        },
      },
    );
    return { app, checks, runs };
  }

  const post = (app: ReturnType<typeof guardedThing>['app'], id: string) =>
    request(app).post(`/things/${id}`).set('x-test-session', '1').send({ name: 'a' });

  it('refuses a role too small with 403 before the handler runs', async () => {
    const { app, checks, runs } = guardedThing('things.manage');
    const res = await post(app, ID);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(checks).toEqual([`${ID} things.manage`]);
    expect(runs).toEqual([]);
  });

  it('answers 404 for an unknown or foreign id before the handler runs', async () => {
    const { app, runs } = guardedThing('things.view');
    const res = await post(app, FOREIGN);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(runs).toEqual([]);
  });

  it('runs the handler once the permission is held', async () => {
    const { app, checks, runs } = guardedThing('things.view');
    expect((await post(app, ID)).status).toBe(204);
    expect(checks).toEqual([`${ID} things.view`]);
    expect(runs).toEqual([ID]);
  });

  it('keeps the order of answers: 400 body, then 401, then 404 for a malformed id, before any look-up', async () => {
    const { app, checks, runs } = guardedThing('things.view');
    expect(
      (await request(app).post(`/things/${ID}`).set('x-test-session', '1').send({ name: 1 })).status,
    ).toBe(400);
    expect((await request(app).post(`/things/${ID}`).send({ name: 'a' })).status).toBe(401);
    expect((await post(app, 'not-a-uuid')).status).toBe(404);
    expect(checks).toEqual([]);
    expect(runs).toEqual([]);
  });

  it('documents the permission in the OpenAPI operation', () => {
    const registry = new OpenAPIRegistry();
    new ApiRouter<ThingPermission>(registry, { thingId: async () => undefined }).add(
      {
        method: 'get',
        path: '/things/{thingId}',
        summary: 'A thing',
        tags: ['Test'],
        access: 'member',
        permission: 'things.view',
        params: z.object({ thingId: UuidParam }),
        status: 204,
      },
      async () => undefined,
    );
    const route = registry.definitions.find((definition) => definition.type === 'route');
    expect(route?.type === 'route' && route.route['x-permission']).toBe('things.view');
    expect(route?.type === 'route' && route.route.description).toContain('`things.view`');
  });

  it('refuses at registration a permission whose path names no resource with an authorizer', () => {
    const api = new ApiRouter<ThingPermission>(new OpenAPIRegistry(), { thingId: async () => undefined });
    expect(() =>
      api.add(
        {
          method: 'get',
          path: '/others/{otherId}',
          summary: 'Another',
          tags: ['Test'],
          access: 'member',
          permission: 'things.view',
          status: 204,
        },
        async () => undefined,
      ),
    ).toThrow(/no path param/);
  });

  it('accepts a permission only on a member route, and only one the router knows', () => {
    const api = new ApiRouter<ThingPermission>(new OpenAPIRegistry(), { thingId: async () => undefined });
    const path = '/things/{thingId}';
    const thing = { method: 'get', path, summary: 'A thing', tags: ['Test'], status: 204 } as const;
    const none = async () => undefined;
    const onUserRoute = () =>
      // @ts-expect-error a user is a member of nothing: no permission to check
      api.add({ ...thing, access: 'user', permission: 'things.view' }, none);
    // Refused at startup too, for a spec the compiler did not see.
    expect(onUserRoute).toThrow(/only a member route/);
    // @ts-expect-error not one of the router's permissions
    api.add({ ...thing, access: 'member', permission: 'things.delete' }, none);
  });
});
