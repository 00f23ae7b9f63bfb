import { randomInt, randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { count, eq, sql } from 'drizzle-orm';
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiKeys, events, memberships, organizations, sessions, users } from '../src/db/schema';
import { generateToken, sha256 } from '../src/shared/crypto';
import { Actor, createWorld, eventInput, TEST_PASSWORD, createUser } from './factories';
import { buildTestApp } from './harness';

const { app, database } = buildTestApp();
const db = database.db;

const uniqueEmail = (tag: string) => `${tag}-${randomUUID()}@example.test`;
const PASSWORD = 'a long enough password';

type Res = request.Response;

/** An RFC 9457 problem with the given status and stable code. */
function expectProblem(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(typeof res.body.detail).toBe('string');
}

interface SetCookie {
  value: string;
  attributes: string[];
}

function setCookies(res: Res): Map<string, SetCookie> {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies = new Map<string, SetCookie>();
  for (const line of raw ?? []) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    cookies.set(pair.slice(0, eq), {
      value: decodeURIComponent(pair.slice(eq + 1)),
      attributes: attributes.map((attribute) => attribute.toLowerCase()),
    });
  }
  return cookies;
}

/** The caller a signup or login response created: its cookies, and its CSRF token as the header. */
function actorFromResponse(res: Res): Actor {
  const cookies = setCookies(res);
  const session = cookies.get('zevents_session')?.value;
  const csrf = cookies.get('zevents_csrf')?.value;
  if (!session || !csrf) throw new Error('the response set no session or CSRF cookie');
  return new Actor(app, {
    Cookie: `zevents_session=${session}; zevents_csrf=${encodeURIComponent(csrf)}`,
    'X-CSRF-Token': csrf,
  });
}

const signup = (body: unknown, on: Express = app) =>
  request(on)
    .post('/api/auth/signup')
    .send(body as object);
const login = (body: unknown, on: Express = app) =>
  request(on)
    .post('/api/auth/login')
    .send(body as object);

async function countUsers(email: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row?.n ?? 0;
}

async function countSessions(userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

async function countApiKeys(organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, organizationId));
  return row?.n ?? 0;
}

async function countOrganizationsNamed(name: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organizations).where(eq(organizations.name, name));
  return row?.n ?? 0;
}

/**
 * An HTTP agent whose connections come from a loopback address of their own (127.x.y.z), so
 * per-IP rate limits start from a fresh key even though the limiter table is shared by every test
 * file. Undefined where the platform only answers on 127.0.0.1 (macOS, some containers).
 */
async function freshClientAddress(): Promise<http.Agent | undefined> {
  const address = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
  const canBind = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(0, address, () => server.close(() => resolve(true)));
  });
  return canBind ? new http.Agent({ localAddress: address }) : undefined;
}

/** Strict limits for the rule under test, generous ones for the others (they share keys with every app). */
const GENEROUS = { points: 10_000, durationSeconds: 60 };

describe('POST /api/auth/signup', () => {
  it('creates the user, answers 201 {user} and sets the session and CSRF cookies', async () => {
    const email = uniqueEmail('signup');
    const res = await signup({ email, password: PASSWORD, name: 'Ada Lovelace' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: { id: expect.any(String), email, name: 'Ada Lovelace', emailVerified: false },
    });

    const cookies = setCookies(res);
    const session = cookies.get('zevents_session');
    expect(session?.value).toMatch(/.{20,}/);
    expect(session?.attributes).toContain('httponly');
    expect(session?.attributes).toContain('samesite=lax');
    expect(session?.attributes).toContain('path=/');
    expect(session?.attributes.some((attribute) => attribute.startsWith('expires='))).toBe(true);
    const csrf = cookies.get('zevents_csrf');
    expect(csrf?.value).toMatch(/.{20,}/);
    expect(csrf?.attributes).not.toContain('httponly');
    expect(csrf?.attributes).toContain('samesite=lax');

    // Only the hash of the cookie is stored; the password is an argon2id hash.
    const [row] = await db.select().from(users).where(eq(users.id, res.body.user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
    const stored = await db.select().from(sessions).where(eq(sessions.userId, res.body.user.id));
    expect(stored.map((s) => s.id)).toEqual([sha256(session?.value ?? '')]);
  });

  it('logs the new user in: the cookies work for GET /api/me and for a CSRF-protected POST', async () => {
    const email = uniqueEmail('signup-session');
    const res = await signup({ email, password: PASSWORD, name: 'Grace' });
    const actor = actorFromResponse(res);

    const me = await actor.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: res.body.user, organizations: [] });

    const created = await actor.post('/api/organizations', { name: `Signup Org ${randomUUID()}` });
    expect(created.status).toBe(201);
  });

  it('lower-cases and trims the email and trims the name', async () => {
    const email = uniqueEmail('MiXeD-Case').toUpperCase();
    const res = await signup({ email: `  ${email} `, password: PASSWORD, name: '  Alan Turing  ' });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(email.toLowerCase());
    expect(res.body.user.name).toBe('Alan Turing');
    const [row] = await db.select().from(users).where(eq(users.id, res.body.user.id));
    expect(row?.email).toBe(email.toLowerCase());
  });

  it('refuses a taken email, in any case, with 409 EMAIL_TAKEN and changes nothing', async () => {
    const email = uniqueEmail('taken');
    const first = await signup({ email, password: PASSWORD, name: 'First' });
    expect(first.status).toBe(201);
    const userId = first.body.user.id as string;

    for (const again of [email, email.toUpperCase(), ` ${email.replace(/^t/, 'T')}`]) {
      const res = await signup({ email: again, password: 'another password', name: 'Second' });
      expectProblem(res, 409, 'EMAIL_TAKEN');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(await countUsers(email)).toBe(1);
    expect(await countSessions(userId)).toBe(1);
    // The original password still works: the account was not overwritten.
    expect((await login({ email, password: PASSWORD })).status).toBe(200);
  });

  it('accepts exactly 8 characters of password', async () => {
    const res = await signup({ email: uniqueEmail('pw8'), password: '12345678', name: 'Eight' });
    expect(res.status).toBe(201);
  });

  const invalidBodies: Array<[string, (email: string) => unknown, string]> = [
    ['a password of 7 characters', (email) => ({ email, password: '1234567', name: 'N' }), 'password'],
    [
      'a password over 200 characters',
      (email) => ({ email, password: 'x'.repeat(201), name: 'N' }),
      'password',
    ],
    ['a missing password', (email) => ({ email, name: 'N' }), 'password'],
    ['a bad email', () => ({ email: 'not-an-email', password: PASSWORD, name: 'N' }), 'email'],
    ['an email with no domain', () => ({ email: 'someone@', password: PASSWORD, name: 'N' }), 'email'],
    ['a number as email', () => ({ email: 12345, password: PASSWORD, name: 'N' }), 'email'],
    ['an array as email', (email) => ({ email: [email], password: PASSWORD, name: 'N' }), 'email'],
    ['a missing name', (email) => ({ email, password: PASSWORD }), 'name'],
    ['a blank name', (email) => ({ email, password: PASSWORD, name: '   ' }), 'name'],
    ['a name over 100 characters', (email) => ({ email, password: PASSWORD, name: 'n'.repeat(101) }), 'name'],
    ['an object as name', (email) => ({ email, password: PASSWORD, name: { first: 'A' } }), 'name'],
    ['a number as password', (email) => ({ email, password: 12345678, name: 'N' }), 'password'],
    ['an unknown extra field', (email) => ({ email, password: PASSWORD, name: 'N', isAdmin: true }), 'body'],
    ['an array body', (email) => [{ email, password: PASSWORD, name: 'N' }], 'body'],
    ['an empty object', () => ({}), 'email'],
  ];

  it.each(invalidBodies)(
    'answers 400 VALIDATION_FAILED for %s and creates nobody',
    async (_label, body, path) => {
      const email = uniqueEmail('invalid');
      const res = await signup(body(email));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await countUsers(email)).toBe(0);
    },
  );

  it('answers 400 MALFORMED_JSON for broken JSON and for a bare JSON scalar', async () => {
    const email = uniqueEmail('malformed');
    for (const raw of [
      `{"email": "${email}", "password": `,
      `{'email': '${email}'}`,
      'null',
      '"text"',
      '42',
    ]) {
      const res = await request(app)
        .post('/api/auth/signup')
        .set('Content-Type', 'application/json')
        .send(raw);
      expectProblem(res, 400, 'MALFORMED_JSON');
    }
    expect(await countUsers(email)).toBe(0);
  });

  // PostgreSQL refuses U+0000 in text (SQLSTATE 22021); the error handler answers 400, not 500.
  it('answers 400 (not 500) for a text value the database cannot store (U+0000)', async () => {
    const email = `nul-${Date.now()}@example.test`;
    const res = await request(app)
      .post('/api/auth/signup')
      .send({ email, password: 'long enough password', name: 'Null\u0000Byte' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(await countUsers(email)).toBe(0);
  });

  it('answers 400 VALIDATION_FAILED for an empty body', async () => {
    const res = await request(app).post('/api/auth/signup');
    expectProblem(res, 400, 'VALIDATION_FAILED');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over 100 kB', async () => {
    const email = uniqueEmail('large');
    const res = await signup({ email, password: PASSWORD, name: 'Big', padding: 'x'.repeat(110 * 1024) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await countUsers(email)).toBe(0);
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const email = uniqueEmail('media');
    const json = JSON.stringify({ email, password: PASSWORD, name: 'Media' });
    const asText = await request(app).post('/api/auth/signup').set('Content-Type', 'text/plain').send(json);
    expectProblem(asText, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const asForm = await request(app)
      .post('/api/auth/signup')
      .type('form')
      .send({ email, password: PASSWORD, name: 'Media' });
    expectProblem(asForm, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const asLatin1 = await request(app)
      .post('/api/auth/signup')
      .set('Content-Type', 'application/json; charset=latin1')
      .send(json);
    expectProblem(asLatin1, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countUsers(email)).toBe(0);
  });

  it('lets exactly one of several concurrent signups for one email win; the others get 409', async () => {
    const email = uniqueEmail('race');
    const variants = [email, email.toUpperCase(), email, email.toUpperCase()];
    const responses = await Promise.all(
      variants.map((variant, index) =>
        signup({ email: variant, password: PASSWORD, name: `Racer ${index}` }),
      ),
    );
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const res of responses.filter((r) => r.status === 409)) expectProblem(res, 409, 'EMAIL_TAKEN');
    expect(await countUsers(email)).toBe(1);
  });

  it('limits signups per client address: 429 RATE_LIMITED with Retry-After', async () => {
    const points = 2;
    const limited = buildTestApp({
      rateLimits: { login: GENEROUS, loginPerIp: GENEROUS, signupPerIp: { points, durationSeconds: 60 } },
    }).app;
    // The limiter keys on the client address, and its table is shared by every app and test file.
    // From a loopback address of our own the key is fresh, so exactly `points` signups pass. Where
    // only 127.0.0.1 exists, other files' signups may already have used the window, so all we can
    // assert is that the refusal comes within points + 1 attempts and nothing was refused before.
    const agent = await freshClientAddress();
    const emails: string[] = [];
    const statuses: number[] = [];
    let refused: Res | undefined;
    for (let attempt = 0; attempt <= points && !refused; attempt++) {
      const email = uniqueEmail('signup-limit');
      emails.push(email);
      const pending = request(limited).post('/api/auth/signup');
      const res = await (agent ? pending.agent(agent) : pending).send({
        email,
        password: PASSWORD,
        name: 'L',
      });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    agent?.destroy();

    if (agent) expect(statuses).toEqual([201, 201, 429]);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 201)).toBe(true);
    if (!refused) throw new Error('never rate limited');
    expectProblem(refused, 429, 'RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await countUsers(emails.at(-1) ?? '')).toBe(0);
  });
});

describe('POST /api/auth/login', () => {
  it('answers 200 {user} with fresh session and CSRF cookies, whatever the email case', async () => {
    const user = await createUser(db, { email: uniqueEmail('login') });
    const res = await login({ email: ` ${user.email.toUpperCase()} `, password: TEST_PASSWORD });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { ...user, emailVerified: true } });
    const cookies = setCookies(res);
    expect(cookies.get('zevents_session')?.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']),
    );
    expect(cookies.get('zevents_csrf')?.attributes).not.toContain('httponly');
    expect(await countSessions(user.id)).toBe(1);

    const actor = actorFromResponse(res);
    expect((await actor.get('/api/me')).body.user).toEqual({ ...user, emailVerified: true });
    expect((await actor.post('/api/organizations', { name: `Login Org ${randomUUID()}` })).status).toBe(201);
  });

  it('gives a wrong password and an unknown email the same 401 INVALID_CREDENTIALS', async () => {
    const user = await createUser(db, { email: uniqueEmail('creds') });
    const wrongPassword = await login({ email: user.email, password: 'not the password' });
    const unknownEmail = await login({ email: uniqueEmail('nobody'), password: TEST_PASSWORD });

    expectProblem(wrongPassword, 401, 'INVALID_CREDENTIALS');
    expectProblem(unknownEmail, 401, 'INVALID_CREDENTIALS');
    const { requestId: idA, ...bodyA } = wrongPassword.body;
    const { requestId: idB, ...bodyB } = unknownEmail.body;
    expect(idA).not.toBe(idB);
    expect(bodyA).toEqual(bodyB);
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
    expect(unknownEmail.headers['set-cookie']).toBeUndefined();
    expect(await countSessions(user.id)).toBe(0);
  });

  it('answers 400 for an invalid body and opens no session', async () => {
    const user = await createUser(db, { email: uniqueEmail('login-invalid') });
    const cases: unknown[] = [
      { email: user.email },
      { email: user.email, password: '' },
      { email: user.email, password: TEST_PASSWORD, remember: true },
      { email: 42, password: TEST_PASSWORD },
      [{ email: user.email, password: TEST_PASSWORD }],
    ];
    for (const body of cases) expectProblem(await login(body), 400, 'VALIDATION_FAILED');
    const malformed = await request(app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{');
    expectProblem(malformed, 400, 'MALFORMED_JSON');
    const text = await request(app).post('/api/auth/login').set('Content-Type', 'text/plain').send('hello');
    expectProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countSessions(user.id)).toBe(0);
  });

  it('answers 401, not 500, for the longest valid email', async () => {
    // 254 characters: the per-account rate-limit key must still fit its column.
    const email = `${'l'.repeat(64)}@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(62)}.test`;
    expect(email).toHaveLength(254);
    const res = await login({ email, password: TEST_PASSWORD });
    expectProblem(res, 401, 'INVALID_CREDENTIALS');
  });

  it('limits attempts per account: the 4th within the window is 429 RATE_LIMITED with Retry-After', async () => {
    const limited = buildTestApp({
      rateLimits: { login: { points: 3, durationSeconds: 60 }, loginPerIp: GENEROUS, signupPerIp: GENEROUS },
    }).app;
    // A unique email gives a fresh limiter key (email + address) even though the table is shared.
    const user = await createUser(db, { email: uniqueEmail('login-limit') });

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++)
      statuses.push((await login({ email: user.email, password: 'wrong password' }, limited)).status);
    expect(statuses).toEqual([401, 401, 401]);

    const fourth = await login({ email: user.email, password: 'wrong password' }, limited);
    expectProblem(fourth, 429, 'RATE_LIMITED');
    const retryAfter = Number(fourth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Even the right password is refused now, in another case too, and no session is opened.
    const right = await login({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, limited);
    expectProblem(right, 429, 'RATE_LIMITED');
    expect(await countSessions(user.id)).toBe(0);

    // Another account from the same address is not locked out.
    const other = await createUser(db, { email: uniqueEmail('login-limit-other') });
    expect((await login({ email: other.email, password: TEST_PASSWORD }, limited)).status).toBe(200);
  });
});

describe('POST /api/auth/logout', () => {
  it('answers 204, deletes the session and clears the cookies; the old cookie is then anonymous', async () => {
    const res = await signup({ email: uniqueEmail('logout'), password: PASSWORD, name: 'Bye' });
    const actor = actorFromResponse(res);
    const userId = res.body.user.id as string;
    expect(await countSessions(userId)).toBe(1);

    const out = await actor.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const cleared = setCookies(out);
    for (const name of ['zevents_session', 'zevents_csrf']) {
      expect(cleared.get(name)?.value).toBe('');
      expect(cleared.get(name)?.attributes).toContain('expires=thu, 01 jan 1970 00:00:00 gmt');
    }
    expect(await countSessions(userId)).toBe(0);

    expectProblem(await actor.get('/api/me'), 401, 'UNAUTHENTICATED');
    // The stale cookie does not authenticate an unsafe request either (401, not a CSRF 403).
    expectProblem(await actor.post('/api/organizations', { name: 'After logout' }), 401, 'UNAUTHENTICATED');
  });

  it('is CSRF-protected for a session: without the header it is 403 and the session survives', async () => {
    const res = await signup({ email: uniqueEmail('logout-csrf'), password: PASSWORD, name: 'Stay' });
    const actor = actorFromResponse(res);
    expectProblem(await actor.withoutCsrf().post('/api/auth/logout'), 403, 'CSRF_FAILED');
    expect(await countSessions(res.body.user.id)).toBe(1);
    expect((await actor.get('/api/me')).status).toBe(200);
  });

  it('answers 204 for an anonymous caller', async () => {
    expect((await request(app).post('/api/auth/logout')).status).toBe(204);
  });

  it('ends only its own session: another session of the same user stays valid', async () => {
    const user = await createUser(db, { email: uniqueEmail('two-sessions') });
    const first = actorFromResponse(await login({ email: user.email, password: TEST_PASSWORD }));
    const second = actorFromResponse(await login({ email: user.email, password: TEST_PASSWORD }));
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    expect((await first.get('/api/me')).status).toBe(401);
    expect((await second.get('/api/me')).status).toBe(200);
  });
});

describe('GET /api/me', () => {
  it('answers 401 UNAUTHENTICATED to an anonymous caller, an unknown cookie and an expired session', async () => {
    expectProblem(await request(app).get('/api/me'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await request(app).get('/api/me').set('Cookie', `zevents_session=${generateToken()}`),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(
      await request(app).get('/api/me').set('Cookie', 'zevents_session=j:{"a":1}'),
      401,
      'UNAUTHENTICATED',
    );

    const user = await createUser(db);
    const token = generateToken();
    await db
      .insert(sessions)
      .values({ id: sha256(token), userId: user.id, expiresAt: new Date(Date.now() - 1000) });
    expectProblem(
      await request(app).get('/api/me').set('Cookie', `zevents_session=${token}`),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('lists the organizations of a member with their role in each', async () => {
    const world = await createWorld(app, db);
    const secondOrg = await world.admin.post('/api/organizations', { name: `Second ${randomUUID()}` });
    expect(secondOrg.status).toBe(201);

    const me = await world.admin.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual({ ...world.admin.user, emailVerified: true });
    expect(me.body.organizations).toHaveLength(2);
    expect(me.body.organizations).toEqual(
      expect.arrayContaining([
        { id: world.org.id, name: world.org.name, slug: world.org.slug, role: 'admin' },
        { ...secondOrg.body, role: 'owner' },
      ]),
    );

    const roles = async (actor: Actor) =>
      ((await actor.get('/api/me')).body.organizations as Array<{ id: string; role: string }>).map((org) => [
        org.id,
        org.role,
      ]);
    expect(await roles(world.owner)).toEqual([[world.org.id, 'owner']]);
    expect(await roles(world.staff)).toEqual([[world.org.id, 'staff']]);
    expect(await roles(world.outsider)).toEqual([[world.outsiderOrg.id, 'owner']]);
  });

  it('gives a new CSRF cookie to a session that lost it', async () => {
    const world = await createWorld(app, db);
    const sessionOnly = world.staff.headers.Cookie?.split('; ')[0] ?? '';
    const res = await request(app).get('/api/me').set('Cookie', sessionOnly);
    expect(res.status).toBe(200);
    expect(setCookies(res).get('zevents_csrf')?.value).toMatch(/.{20,}/);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated POST without X-CSRF-Token (403 CSRF_FAILED) and creates nothing', async () => {
    const world = await createWorld(app, db);
    const name = `No CSRF ${randomUUID()}`;
    expectProblem(await world.owner.withoutCsrf().post('/api/organizations', { name }), 403, 'CSRF_FAILED');
    expect(await countOrganizationsNamed(name)).toBe(0);
  });

  it("refuses another session's token (403), a forged token and a header without its cookie", async () => {
    const world = await createWorld(app, db);
    const name = `Foreign CSRF ${randomUUID()}`;
    const ownerSession = world.owner.headers.Cookie?.split('; ')[0] ?? '';
    const ownerCsrf = world.owner.headers['X-CSRF-Token'] ?? '';
    const otherCsrf = world.staff.headers['X-CSRF-Token'] ?? '';
    const attempt = (cookie: string, header: string) =>
      request(app)
        .post('/api/organizations')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', header)
        .send({ name });

    // The other session's cookie and header, consistent with each other but bound to the wrong session.
    expectProblem(
      await attempt(`${ownerSession}; zevents_csrf=${encodeURIComponent(otherCsrf)}`, otherCsrf),
      403,
      'CSRF_FAILED',
    );
    // The right cookie, the other session's header.
    expectProblem(
      await attempt(`${ownerSession}; zevents_csrf=${encodeURIComponent(ownerCsrf)}`, otherCsrf),
      403,
      'CSRF_FAILED',
    );
    // The header alone, no CSRF cookie.
    expectProblem(await attempt(ownerSession, ownerCsrf), 403, 'CSRF_FAILED');
    // A made-up token in both places.
    const forged = `${'0'.repeat(64)}.${'1'.repeat(64)}`;
    expectProblem(await attempt(`${ownerSession}; zevents_csrf=${forged}`, forged), 403, 'CSRF_FAILED');
    expect(await countOrganizationsNamed(name)).toBe(0);

    const ok = await attempt(`${ownerSession}; zevents_csrf=${encodeURIComponent(ownerCsrf)}`, ownerCsrf);
    expect(ok.status).toBe(201);
    expect(await countOrganizationsNamed(name)).toBe(1);
  });

  it('does not check safe methods', async () => {
    const world = await createWorld(app, db);
    expect((await world.owner.withoutCsrf().get('/api/me')).status).toBe(200);
  });

  it('does not check Bearer requests, even with a session cookie next to the key', async () => {
    const world = await createWorld(app, db);
    const created = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'ci' });
    expect(created.status).toBe(201);
    const res = await request(app)
      .post(`/api/organizations/${world.org.id}/events`)
      .set('Authorization', `Bearer ${created.body.key}`)
      .set('Cookie', world.staff.headers.Cookie?.split('; ')[0] ?? '')
      .send(eventInput());
    expect(res.status).toBe(201);
    expect(res.body.organizationId).toBe(world.org.id);
  });

  it('does not check anonymous requests: they fail authentication with 401 instead', async () => {
    const name = `Anonymous ${randomUUID()}`;
    expectProblem(await request(app).post('/api/organizations').send({ name }), 401, 'UNAUTHENTICATED');
    // An unknown session cookie is anonymous too.
    const stale = await request(app)
      .post('/api/organizations')
      .set('Cookie', `zevents_session=${generateToken()}`)
      .send({ name });
    expectProblem(stale, 401, 'UNAUTHENTICATED');
    expect(await countOrganizationsNamed(name)).toBe(0);
  });
});

describe('POST /api/organizations/{orgId}/api-keys', () => {
  it('lets an owner and an admin create a key, shown once and stored only as a hash', async () => {
    const world = await createWorld(app, db);
    for (const actor of [world.owner, world.admin]) {
      const res = await actor.post(`/api/organizations/${world.org.id}/api-keys`, {
        name: '  Ticket sync  ',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'Ticket sync',
        key: expect.any(String),
        scopes: ['write'],
      });
      const key = res.body.key as string;
      expect(key).toMatch(/^zev_[\w-]{32,}$/);

      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, res.body.id));
      expect(row).toMatchObject({
        organizationId: world.org.id,
        name: 'Ticket sync',
        keyHash: sha256(key),
        createdBy: actor.user?.id,
        revokedAt: null,
      });
      expect(row?.prefix).toBe(key.slice(0, 10));
      expect(JSON.stringify(row)).not.toContain(key);
    }
    expect(await countApiKeys(world.org.id)).toBe(2);
  });

  it('answers 403 to staff, 404 to outsiders and unknown ids, 401 to anonymous; nothing is created', async () => {
    const world = await createWorld(app, db);
    const path = `/api/organizations/${world.org.id}/api-keys`;
    expectProblem(await world.staff.post(path, { name: 'k' }), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.post(path, { name: 'k' }), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.post(path, { name: 'k' }), 401, 'UNAUTHENTICATED');
    expectProblem(
      await world.owner.post(`/api/organizations/${randomUUID()}/api-keys`, { name: 'k' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await world.owner.post('/api/organizations/not-a-uuid/api-keys', { name: 'k' }),
      404,
      'NOT_FOUND',
    );
    expect(await countApiKeys(world.org.id)).toBe(0);
  });

  it('answers 400 for an invalid name and 403 when an API key asks for another key', async () => {
    const world = await createWorld(app, db);
    const path = `/api/organizations/${world.org.id}/api-keys`;
    for (const body of [
      {},
      { name: '' },
      { name: '   ' },
      { name: 'k'.repeat(101) },
      { name: 1 },
      { name: 'k', x: 1 },
    ])
      expectProblem(await world.owner.post(path, body), 400, 'VALIDATION_FAILED');

    const created = await world.owner.post(path, { name: 'first' });
    const byKey = await request(app)
      .post(path)
      .set('Authorization', `Bearer ${created.body.key}`)
      .send({ name: 'k' });
    expectProblem(byKey, 403, 'FORBIDDEN');
    expect(await countApiKeys(world.org.id)).toBe(1);
  });

  it("lets the key read its organization's events but not another organization's", async () => {
    const world = await createWorld(app, db);
    const created = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'reader' });
    const bearer = { Authorization: `Bearer ${created.body.key}` };
    const event = await world.owner.post(`/api/organizations/${world.org.id}/events`, eventInput());
    expect(event.status).toBe(201);

    const own = await request(app).get(`/api/organizations/${world.org.id}/events`).set(bearer);
    expect(own.status).toBe(200);
    expect(own.body.items.map((item: { id: string }) => item.id)).toEqual([event.body.id]);
    expect(own.body.nextCursor).toBeNull();

    const other = await request(app).get(`/api/organizations/${world.outsiderOrg.id}/events`).set(bearer);
    expectProblem(other, 404, 'NOT_FOUND');
    const unknown = await request(app).get(`/api/organizations/${randomUUID()}/events`).set(bearer);
    expectProblem(unknown, 404, 'NOT_FOUND');

    // The lower-case scheme is accepted too.
    const lower = await request(app)
      .get(`/api/organizations/${world.org.id}/events`)
      .set('Authorization', `bearer ${created.body.key}`);
    expect(lower.status).toBe(200);
  });

  it('answers 401 to a garbage, unknown, malformed or revoked bearer key', async () => {
    const world = await createWorld(app, db);
    const path = `/api/organizations/${world.org.id}/events`;
    const created = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, {
      name: 'soon revoked',
    });
    const headers = [
      'Bearer garbage',
      `Bearer zev_${generateToken()}`,
      'Bearer ',
      'Bearer',
      `Basic ${Buffer.from('user:pass').toString('base64')}`,
      `Bearer ${created.body.key} extra`,
      `Bearer ${'x'.repeat(5000)}`,
    ];
    for (const header of headers)
      expectProblem(await request(app).get(path).set('Authorization', header), 401, 'UNAUTHENTICATED');

    // A bad key is refused even when a valid session cookie comes along: the key wins.
    const withCookie = await world.owner.get(path).set('Authorization', 'Bearer garbage');
    expectProblem(withCookie, 401, 'UNAUTHENTICATED');

    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, created.body.id));
    expectProblem(
      await request(app).get(path).set('Authorization', `Bearer ${created.body.key}`),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('acts for its organization only when writing, too', async () => {
    const world = await createWorld(app, db);
    const created = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'writer' });
    const bearer = { Authorization: `Bearer ${created.body.key}` };
    const res = await request(app)
      .post(`/api/organizations/${world.outsiderOrg.id}/events`)
      .set(bearer)
      .send(eventInput());
    expectProblem(res, 404, 'NOT_FOUND');
    const [row] = await db
      .select({ n: count() })
      .from(events)
      .where(eq(events.organizationId, world.outsiderOrg.id));
    expect(row?.n).toBe(0);
    // Nor can it manage members.
    const member = await request(app)
      .post(`/api/organizations/${world.org.id}/members`)
      .set(bearer)
      .send({ email: world.outsider.user?.email, role: 'staff' });
    expectProblem(member, 403, 'FORBIDDEN');
    const [members] = await db
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.organizationId, world.org.id));
    expect(members?.n).toBe(3);
  });
});
