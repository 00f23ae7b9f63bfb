import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { emailVerifications, emails, memberships, users } from '../src/db/schema';
import { createWorkerJobs } from '../src/jobs/worker-jobs';
import { createMailer } from '../src/modules/notifications/mailer';
import { SEND_EMAIL } from '../src/modules/notifications/notifications.jobs';
import { ManualClock } from '../src/shared/clock';
import { type Actor, actorFor, createActor, createEvent, createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET } from './harness';

/**
 * Email verification (a one-time link proves the address) and what it guards: joining a team through
 * an invitation. Also `GET /api/session`, and `POST members`, which invites and never tells whether
 * an address has an account.
 */

const clock = new ManualClock();
const { app, database, openApiDocument } = buildTestApp({ clock });
const db = database.db;
const PUBLIC_URL = 'http://localhost:3000';
const HOUR = 3_600_000;
const PASSWORD = 'a long enough password';

const newEmail = (what = 'person') => `${what}-${randomUUID().slice(0, 8)}@example.test`;
type Res = request.Response;

function expectProblem(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(typeof res.body.detail).toBe('string');
}

/** The send-email job as a worker runs it (on the same clock), delivering to nobody. */
const sendEmail = createWorkerJobs({
  database,
  clock,
  logger: pino({ level: 'silent' }),
  mailer: createMailer({ smtpUrl: undefined, from: 'Z-Events <no-reply@example.test>' }),
  enqueuer: { enqueue: async () => undefined, enqueueMany: async () => undefined },
  config: { publicUrl: PUBLIC_URL, appSecret: TEST_SECRET, payments: { provider: 'test' } },
}).find((job) => job.name === SEND_EMAIL.name);

const emailsTo = (recipient: string, kind: string) =>
  db
    .select()
    .from(emails)
    .where(and(eq(emails.recipient, recipient), eq(emails.kind, kind)))
    .orderBy(asc(emails.createdAt), asc(emails.id));

/** Sends the latest email of `kind` to `recipient`; returns the sent row (text, status). */
async function deliver(recipient: string, kind: string) {
  const row = (await emailsTo(recipient, kind)).at(-1);
  if (!row || !sendEmail) throw new Error(`no ${kind} email for ${recipient}`);
  await sendEmail.handle({ emailId: row.id });
  const [sent] = await db.select().from(emails).where(eq(emails.id, row.id));
  if (!sent) throw new Error('email vanished');
  return sent;
}

/** Delivers the latest verification email and returns the token from its link. */
async function verificationToken(recipient: string): Promise<string> {
  const sent = await deliver(recipient, 'email_verification');
  expect(sent.status).toBe('captured');
  const match = new RegExp(`${PUBLIC_URL}/verify-email\\?token=([A-Za-z0-9_-]+)`).exec(sent.text ?? '');
  if (!match?.[1]) throw new Error(`no verification link in: ${sent.text}`);
  return match[1];
}

async function invitationToken(recipient: string): Promise<string> {
  const sent = await deliver(recipient, 'team_invitation');
  const match = new RegExp(`${PUBLIC_URL}/invitations/([A-Za-z0-9_-]+)`).exec(sent.text ?? '');
  if (!match?.[1]) throw new Error(`no invitation link in: ${sent.text}`);
  return match[1];
}

/** Signs up through the API and returns the logged-in actor (its session from the answer). */
async function signUp(
  email: string,
  extra: Record<string, unknown> = {},
): Promise<{ actor: Actor; res: Res }> {
  const res = await request(app)
    .post('/api/auth/signup')
    .send({ email, password: PASSWORD, name: 'Nia Newcomer', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { actor: await actorFor(app, db, res.body.user), res };
}

const verify = (token: string) => request(app).post('/api/auth/verify-email').send({ token });

async function roleIn(organizationId: string, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row?.role;
}

describe('signup sends a verification link', () => {
  it('signup -> email with a link -> verify-email -> emailVerified on /api/me; the token is never stored', async () => {
    const email = newEmail();
    const { actor, res } = await signUp(email.toUpperCase());
    expect(res.body.user).toEqual({
      id: expect.any(String),
      email,
      name: 'Nia Newcomer',
      emailVerified: false,
    });
    expect((await actor.get('/api/me')).body.user.emailVerified).toBe(false);

    // In the outbox, committed with the account; the params hold an id, never the token.
    const queued = await emailsTo(email, 'email_verification');
    expect(queued).toHaveLength(1);
    expect(queued[0]?.params).toEqual({ verificationId: expect.any(String) });
    const token = await verificationToken(email);
    const [sent] = await emailsTo(email, 'email_verification');
    expect(sent?.subject).toBe('Confirm your email address for Z-Events');
    expect(sent?.html).toContain(`${PUBLIC_URL}/verify-email?token=${token}`);
    const [stored] = await db
      .select()
      .from(emailVerifications)
      .where(eq(emailVerifications.userId, res.body.user.id));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.email).toBe(email);
    expect((stored?.expiresAt.getTime() ?? 0) - (stored?.createdAt.getTime() ?? 0)).toBe(48 * HOUR);
    expect(JSON.stringify([stored, queued[0]?.params])).not.toContain(token);

    // No login needed: the link may be opened on another device.
    const verified = await verify(token);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toEqual({ email, wasAlreadyVerified: false });
    expect((await actor.get('/api/me')).body.user).toEqual({ ...res.body.user, emailVerified: true });
    const [used] = await db
      .select()
      .from(emailVerifications)
      .where(eq(emailVerifications.userId, res.body.user.id));
    expect(used?.usedAt).toBeInstanceOf(Date);

    // Opening the link again is harmless.
    expect((await verify(token)).body).toEqual({ email, wasAlreadyVerified: true });
  });

  it('lets an unverified account log in and buy tickets', async () => {
    const email = newEmail();
    await signUp(email);
    const login = await request(app).post('/api/auth/login').send({ email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.emailVerified).toBe(false);

    const world = await createWorld(app, db);
    const { event, ticketTypes } = await createEvent(db, world, {
      ticketTypes: [{ name: 'Standard', priceCents: 1000, capacity: 10 }],
      publish: true,
    });
    const buyer = await createActor(app, db, { email: newEmail('buyer'), isVerified: false });
    const order = await buyer.post('/api/orders', {
      eventId: event.id,
      items: [{ ticketTypeId: ticketTypes[0]?.id, quantity: 1 }],
      buyer: { name: 'Unverified Buyer', email: buyer.user?.email },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
  });

  it('answers 410 VERIFICATION_TOKEN_EXPIRED after 48 hours; a resent link works', async () => {
    const email = newEmail();
    const { actor } = await signUp(email);
    const token = await verificationToken(email);
    clock.advance(48 * HOUR + 1000);
    try {
      expectProblem(await verify(token), 410, 'VERIFICATION_TOKEN_EXPIRED');
      expect((await actor.get('/api/me')).body.user.emailVerified).toBe(false);
      expect((await actor.post('/api/auth/resend-verification')).status).toBe(204);
      const fresh = await verificationToken(email);
      expect(fresh).not.toBe(token);
      expect((await verify(fresh)).body).toEqual({ email, wasAlreadyVerified: false });
      // Once verified, even the expired link just says so.
      expect((await verify(token)).body).toEqual({ email, wasAlreadyVerified: true });
    } finally {
      clock.set(new Date());
    }
  });

  it('drops an unsent link email once it is useless (expired, or the account got verified)', async () => {
    const email = newEmail();
    const { actor } = await signUp(email);
    expect((await actor.post('/api/auth/resend-verification')).status).toBe(204);
    const [first] = await emailsTo(email, 'email_verification');
    const token = await verificationToken(email); // the newest one
    expect((await verify(token)).status).toBe(200);
    if (!first || !sendEmail) throw new Error('no first email');
    await sendEmail.handle({ emailId: first.id });
    const [skipped] = await db.select().from(emails).where(eq(emails.id, first.id));
    expect(skipped?.status).toBe('skipped');
  });

  it('answers 400 for an unknown or malformed token, and for a link sent to an address the account no longer has', async () => {
    expectProblem(await verify('x'.repeat(43)), 400, 'VERIFICATION_TOKEN_INVALID');
    expectProblem(await verify('not a token'), 400, 'VALIDATION_FAILED');
    expectProblem(await request(app).post('/api/auth/verify-email').send({}), 400, 'VALIDATION_FAILED');
    expectProblem(
      await request(app)
        .post('/api/auth/verify-email')
        .send({ token: 'x'.repeat(43), extra: 1 }),
      400,
      'VALIDATION_FAILED',
    );

    const email = newEmail();
    const { res } = await signUp(email);
    const token = await verificationToken(email);
    const changed = newEmail('changed');
    await db.update(users).set({ email: changed }).where(eq(users.id, res.body.user.id));
    expectProblem(await verify(token), 400, 'VERIFICATION_TOKEN_INVALID');
    const [row] = await db.select().from(users).where(eq(users.id, res.body.user.id));
    expect(row?.emailVerifiedAt).toBeNull();
  });

  it('lets two links coexist: a resend leaves the earlier link working', async () => {
    const email = newEmail();
    const { actor } = await signUp(email);
    const first = await verificationToken(email);
    expect((await actor.post('/api/auth/resend-verification')).status).toBe(204);
    const second = await verificationToken(email);
    expect(second).not.toBe(first);
    expect((await verify(first)).body).toEqual({ email, wasAlreadyVerified: false });
    expect((await verify(second)).body).toEqual({ email, wasAlreadyVerified: true });
  });
});

describe('POST /api/auth/resend-verification', () => {
  it('needs a logged-in user (401, 403 for an API key) and CSRF; sends nothing for a verified account', async () => {
    expectProblem(await request(app).post('/api/auth/resend-verification'), 401, 'UNAUTHENTICATED');
    const world = await createWorld(app, db);
    const key = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'k' });
    expect(key.status).toBe(201);
    expectProblem(
      await request(app).post('/api/auth/resend-verification').set('Authorization', `Bearer ${key.body.key}`),
      403,
      'FORBIDDEN',
    );

    const unverified = await createActor(app, db, { isVerified: false });
    expectProblem(await unverified.withoutCsrf().post('/api/auth/resend-verification'), 403, 'CSRF_FAILED');

    const verified = await createActor(app, db);
    expect((await verified.post('/api/auth/resend-verification')).status).toBe(204);
    expect(await emailsTo(verified.user?.email ?? '', 'email_verification')).toEqual([]);
  });

  it('is rate limited per account: 429 with Retry-After', async () => {
    const limited = buildTestApp({
      clock,
      rateLimits: { resendVerification: { points: 2, durationSeconds: 600 } },
    });
    const actor = await createActor(limited.app, db, { isVerified: false });
    for (let i = 0; i < 2; i += 1)
      expect((await actor.post('/api/auth/resend-verification')).status).toBe(204);
    const refused = await actor.post('/api/auth/resend-verification');
    expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await emailsTo(actor.user?.email ?? '', 'email_verification')).toHaveLength(2);
    // Another account has its own budget.
    const other = await createActor(limited.app, db, { isVerified: false });
    expect((await other.post('/api/auth/resend-verification')).status).toBe(204);
  });
});

describe('GET /api/session', () => {
  it('answers 200 {user: null} for a visitor or an API key, and the user (with emailVerified) for a session', async () => {
    const visitor = await request(app).get('/api/session');
    expect(visitor.status).toBe(200);
    expect(visitor.body).toEqual({ user: null });

    const world = await createWorld(app, db);
    const key = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'k' });
    const byKey = await request(app).get('/api/session').set('Authorization', `Bearer ${key.body.key}`);
    expect(byKey.body).toEqual({ user: null });

    const actor = await createActor(app, db, { isVerified: false });
    const res = await actor.get('/api/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { ...actor.user, emailVerified: false } });
    expect((await world.owner.get('/api/session')).body.user.emailVerified).toBe(true);
    // A stale cookie is a visitor, not a 401.
    const stale = await request(app).get('/api/session').set('Cookie', 'zevents_session=nope');
    expect(stale.body).toEqual({ user: null });
  });
});

describe('joining a team needs a verified address', () => {
  const invite = (world: World, email: string, role = 'admin') =>
    world.owner.post(`/api/organizations/${world.org.id}/invitations`, { email, role });

  it('refuses an unverified account (403 EMAIL_NOT_VERIFIED) until it verifies', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const { actor, res } = await signUp(email);
    expect((await invite(world, email)).status).toBe(201);
    const token = await invitationToken(email);
    expectProblem(await actor.post(`/api/invitations/${token}/accept`), 403, 'EMAIL_NOT_VERIFIED');
    expect(await roleIn(world.org.id, res.body.user.id)).toBeUndefined();
    expect((await world.anonymous.get(`/api/invitations/${token}`)).body.status).toBe('pending');

    expect((await verify(await verificationToken(email))).status).toBe(200);
    const accepted = await actor.post(`/api/invitations/${token}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(await roleIn(world.org.id, res.body.user.id)).toBe('admin');
  });

  it('still answers INVITATION_EMAIL_MISMATCH first for another address, verified or not', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    expect((await invite(world, email)).status).toBe(201);
    const token = await invitationToken(email);
    const other = await createActor(app, db, { isVerified: false });
    expectProblem(await other.post(`/api/invitations/${token}/accept`), 403, 'INVITATION_EMAIL_MISMATCH');
  });

  it('counts a signup from the invitation link (its token, sent to that very address) as verified', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    expect((await invite(world, email)).status).toBe(201);
    const token = await invitationToken(email);
    const { actor, res } = await signUp(email, { invitationToken: token });
    expect(res.body.user.emailVerified).toBe(true);
    // Nothing left to verify: no verification email.
    expect(await emailsTo(email, 'email_verification')).toEqual([]);
    expect((await actor.post(`/api/invitations/${token}/accept`)).status).toBe(200);
    expect(await roleIn(world.org.id, res.body.user.id)).toBe('admin');
  });

  it('keeps a squatter out: signing up first with the address, without the token, leads nowhere', async () => {
    const world = await createWorld(app, db);
    const newhire = newEmail('newhire');
    // The squatter takes the address before the invitation exists.
    const { actor: squatter, res } = await signUp(newhire);
    expect(res.body.user.emailVerified).toBe(false);

    // Adding the address to the team only invites it: no membership.
    const added = await world.owner.post(`/api/organizations/${world.org.id}/members`, {
      email: newhire,
      role: 'admin',
    });
    expect(added.status).toBe(201);
    expect(await roleIn(world.org.id, res.body.user.id)).toBeUndefined();
    expect((await squatter.get('/api/me')).body.organizations).toEqual([]);

    // The link goes to the real mailbox. Even if it leaked to the squatter, an unverified account
    // cannot accept; and the address is taken, so the token cannot make a verified twin.
    const token = await invitationToken(newhire);
    expectProblem(await squatter.post(`/api/invitations/${token}/accept`), 403, 'EMAIL_NOT_VERIFIED');
    expectProblem(
      await request(app)
        .post('/api/auth/signup')
        .send({ email: newhire, password: PASSWORD, name: 'Twin', invitationToken: token }),
      409,
      'EMAIL_TAKEN',
    );
    expect(await roleIn(world.org.id, res.body.user.id)).toBeUndefined();
    const [row] = await db.select().from(users).where(eq(users.id, res.body.user.id));
    expect(row?.emailVerifiedAt).toBeNull();
  });

  it("does not verify a signup with another address's token, an unknown token, or a withdrawn invitation's", async () => {
    const world = await createWorld(app, db);
    const invited = newEmail('invited');
    expect((await invite(world, invited)).status).toBe(201);
    const token = await invitationToken(invited);

    const other = newEmail('other');
    const withOthers = await signUp(other, { invitationToken: token });
    expect(withOthers.res.body.user.emailVerified).toBe(false);
    expect(await emailsTo(other, 'email_verification')).toHaveLength(1);

    const unknown = newEmail('unknown');
    expect((await signUp(unknown, { invitationToken: 'y'.repeat(43) })).res.body.user.emailVerified).toBe(
      false,
    );

    const list = await world.owner.get(`/api/organizations/${world.org.id}/invitations`);
    const id = (list.body.items as Array<{ id: string; email: string }>).find((i) => i.email === invited)?.id;
    expect((await world.owner.delete(`/api/organizations/${world.org.id}/invitations/${id}`)).status).toBe(
      204,
    );
    expect((await signUp(invited, { invitationToken: token })).res.body.user.emailVerified).toBe(false);
  });
});

describe('POST /api/organizations/{orgId}/members invites', () => {
  it('answers a known and an unknown address identically, emails both, and the known one joins only by accepting', async () => {
    const world = await createWorld(app, db);
    const known = await createActor(app, db);
    const unknownEmail = newEmail('unknown');
    const path = `/api/organizations/${world.org.id}/members`;
    const forKnown = await world.owner.post(path, { email: known.user?.email, role: 'staff' });
    const forUnknown = await world.owner.post(path, { email: unknownEmail, role: 'staff' });

    expect(forKnown.status).toBe(201);
    expect(forUnknown.status).toBe(201);
    const shape = (body: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === null ? 'null' : typeof v]));
    expect(shape(forKnown.body)).toEqual(shape(forUnknown.body));
    expect(Object.keys(forKnown.body).sort()).toEqual(
      ['createdAt', 'email', 'expiresAt', 'id', 'invitedBy', 'isExpired', 'role'].sort(),
    );
    expect(forKnown.body.invitedBy).toEqual(forUnknown.body.invitedBy);
    // The same email, the same audit as the invitations endpoint.
    expect(await emailsTo(known.user?.email ?? '', 'team_invitation')).toHaveLength(1);
    expect(await emailsTo(unknownEmail, 'team_invitation')).toHaveLength(1);
    const audit = await world.owner.get(`/api/organizations/${world.org.id}/audit-log`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'invitation.create',
      'invitation.create',
    ]);

    expect(await roleIn(world.org.id, known.user?.id ?? '')).toBeUndefined();
    const token = await invitationToken(known.user?.email ?? '');
    expect((await known.post(`/api/invitations/${token}/accept`)).status).toBe(200);
    expect(await roleIn(world.org.id, known.user?.id ?? '')).toBe('staff');
  });

  it('shares a rate limit with the invitations endpoint, per inviter: 429 with Retry-After', async () => {
    const limited = buildTestApp({ rateLimits: { invites: { points: 2, durationSeconds: 600 } } });
    const world = await createWorld(limited.app, db);
    const base = `/api/organizations/${world.org.id}`;
    expect((await world.owner.post(`${base}/members`, { email: newEmail(), role: 'staff' })).status).toBe(
      201,
    );
    expect((await world.owner.post(`${base}/invitations`, { email: newEmail(), role: 'staff' })).status).toBe(
      201,
    );
    for (const endpoint of ['members', 'invitations']) {
      const refused = await world.owner.post(`${base}/${endpoint}`, { email: newEmail(), role: 'staff' });
      expectProblem(refused, 429, 'RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The admin has a budget of their own.
    expect((await world.admin.post(`${base}/members`, { email: newEmail(), role: 'staff' })).status).toBe(
      201,
    );
  });
});

describe('OpenAPI', () => {
  it('documents the new account routes and the member invite', () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(document.paths['/api/auth/verify-email']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '410']),
    );
    expect(Object.keys(document.paths['/api/auth/resend-verification']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['204', '401', '429']),
    );
    expect(document.paths['/api/session']?.get?.responses['200']).toBeDefined();
    expect(Object.keys(document.paths['/api/organizations/{orgId}/members']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '409', '429']),
    );
    expect(document.components.schemas.User?.properties).toHaveProperty('emailVerified');
  });
});
