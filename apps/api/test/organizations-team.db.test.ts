import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { auditLog, emails, invitations, memberships } from '../src/db/schema';
import { createWorkerJobs } from '../src/jobs/worker-jobs';
import { createMailer } from '../src/modules/notifications/mailer';
import { SEND_EMAIL } from '../src/modules/notifications/notifications.jobs';
import { systemClock } from '../src/shared/clock';
import { type Actor, actorFor, addMember, createActor, createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET } from './harness';

/**
 * Team management: invitations by email (with and without an account), role changes and removals
 * under the owner rules, and API keys that can be listed and revoked.
 */

const { app, database } = buildTestApp();
const db = database.db;
const PUBLIC_URL = 'http://localhost:3000';

const unique = () => randomUUID().slice(0, 8);
const newEmail = () => `invitee-${unique()}@example.test`;
type Res = request.Response;

function expectProblem(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(typeof res.body.detail).toBe('string');
}

const userOf = (actor: Actor) => {
  if (!actor.user) throw new Error('actor has no user');
  return actor.user;
};

async function membershipsOf(organizationId: string): Promise<Array<[string, string]>> {
  const rows = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId));
  return rows.map((row) => [row.userId, row.role]);
}

async function roleIn(organizationId: string, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row?.role;
}

async function auditActions(organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.organizationId, organizationId))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
  return rows.map((row) => row.action);
}

async function invitationEmails(recipient: string) {
  return db
    .select()
    .from(emails)
    .where(and(eq(emails.recipient, recipient), eq(emails.kind, 'team_invitation')))
    .orderBy(asc(emails.createdAt), asc(emails.id));
}

/** The send-email job as a worker runs it, delivering to nobody (captured, like development). */
const sendEmail = createWorkerJobs({
  database,
  clock: systemClock,
  logger: pino({ level: 'silent' }),
  mailer: createMailer({ smtpUrl: undefined, from: 'Z-Events <no-reply@example.test>' }),
  enqueuer: { enqueue: async () => undefined, enqueueMany: async () => undefined },
  config: { publicUrl: PUBLIC_URL, appSecret: TEST_SECRET, payments: { provider: 'test' } },
}).find((job) => job.name === SEND_EMAIL.name);

/** Sends the latest invitation email to `recipient` and returns the token from its link. */
async function deliverInvitation(recipient: string): Promise<{ token: string; text: string; html: string }> {
  const rows = await invitationEmails(recipient);
  const row = rows.at(-1);
  if (!row || !sendEmail) throw new Error(`no invitation email for ${recipient}`);
  await sendEmail.handle({ emailId: row.id });
  const [sent] = await db.select().from(emails).where(eq(emails.id, row.id));
  expect(sent?.status).toBe('captured');
  const text = sent?.text ?? '';
  const match = new RegExp(`${PUBLIC_URL}/invitations/([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no invitation link in: ${text}`);
  return { token: match[1], text, html: sent?.html ?? '' };
}

async function invite(world: World, body: { email: string; role: string }, by: Actor = world.owner) {
  return by.post(`/api/organizations/${world.org.id}/invitations`, body);
}

/** Invites an address and delivers the email; returns the invitation and its link token. */
async function inviteAndDeliver(world: World, email: string, role = 'staff', by?: Actor) {
  const res = await invite(world, { email, role }, by);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const { token } = await deliverInvitation(email.trim().toLowerCase());
  return { invitation: res.body as { id: string }, token };
}

describe('invitations by email', () => {
  it('invite -> email with the link -> a new person signs up and accepts -> member with the role', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const res = await invite(world, { email: ` ${email.toUpperCase()} `, role: 'admin' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email,
      role: 'admin',
      invitedBy: { userId: userOf(world.owner).id, name: userOf(world.owner).name },
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      isExpired: false,
    });
    const ttl = Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt);
    expect(ttl).toBe(7 * 24 * 3_600_000);

    // In the outbox (with its send job) in the same transaction; the token itself is not stored.
    const rows = await invitationEmails(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', params: { invitationId: res.body.id } });
    const { token, text, html } = await deliverInvitation(email);
    expect(text).toContain(world.org.name);
    expect(text).toContain('Admin');
    expect(text).toContain(`${PUBLIC_URL}/invitations/${token}`);
    expect(html).toContain(`${PUBLIC_URL}/invitations/${token}`);
    expect(html).toContain('<html');
    const [stored] = await db.select().from(invitations).where(eq(invitations.id, res.body.id));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(rows[0]?.params)).not.toContain(token);

    // The public page: no login needed, the link is the credential.
    const preview = await world.anonymous.get(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      organization: { id: world.org.id, name: world.org.name },
      email,
      role: 'admin',
      invitedByName: userOf(world.owner).name,
      expiresAt: res.body.expiresAt,
      status: 'pending',
      isExpired: false,
      hasAccount: false,
    });

    // Signs up from the link with the invited address (any case): the token proves the mailbox, so
    // the account is verified at once and accepts.
    const signup = await request(app).post('/api/auth/signup').send({
      email: email.toUpperCase(),
      password: 'a long enough password',
      name: 'New Colleague',
      invitationToken: token,
    });
    expect(signup.status).toBe(201);
    expect(signup.body.user.emailVerified).toBe(true);
    const newcomer = await actorFor(app, db, signup.body.user);
    expect((await world.anonymous.get(`/api/invitations/${token}`)).body.hasAccount).toBe(true);
    const accepted = await newcomer.post(`/api/invitations/${token}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toEqual({ organization: world.org, role: 'admin' });

    expect(await roleIn(world.org.id, signup.body.user.id)).toBe('admin');
    const me = await newcomer.get('/api/me');
    expect(me.body.organizations).toEqual([{ ...world.org, role: 'admin' }]);
    const list = await world.owner.get(`/api/organizations/${world.org.id}/invitations`);
    expect(list.body.items).toEqual([]);
    expect((await world.anonymous.get(`/api/invitations/${token}`)).body.status).toBe('accepted');
    expect(await auditActions(world.org.id)).toEqual(['invitation.create', 'invitation.accept']);
  });

  it('lets a person who already has an account accept with their session', async () => {
    const world = await createWorld(app, db);
    const existing = await createActor(app, db);
    const { token } = await inviteAndDeliver(world, userOf(existing).email, 'staff', world.admin);
    expect((await world.anonymous.get(`/api/invitations/${token}`)).body.hasAccount).toBe(true);
    const res = await existing.post(`/api/invitations/${token}/accept`);
    expect(res.status).toBe(200);
    expect(await roleIn(world.org.id, userOf(existing).id)).toBe('staff');
  });

  it('lists open invitations to owners and admins, flagging expired ones', async () => {
    const world = await createWorld(app, db);
    const first = newEmail();
    const second = newEmail();
    await inviteAndDeliver(world, first, 'staff');
    const { invitation } = await inviteAndDeliver(world, second, 'admin', world.admin);
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.id));

    for (const actor of [world.owner, world.admin]) {
      const res = await actor.get(`/api/organizations/${world.org.id}/invitations`);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(
        res.body.items.map((i: { email: string; role: string; isExpired: boolean }) => [
          i.email,
          i.role,
          i.isExpired,
        ]),
      ).toEqual([
        [first, 'staff', false],
        [second, 'admin', true],
      ]);
    }
    expectProblem(await world.staff.get(`/api/organizations/${world.org.id}/invitations`), 403, 'FORBIDDEN');
    expectProblem(
      await world.outsider.get(`/api/organizations/${world.org.id}/invitations`),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await world.anonymous.get(`/api/organizations/${world.org.id}/invitations`),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('refuses an account with another email (403 INVITATION_EMAIL_MISMATCH) and changes nothing', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const { token } = await inviteAndDeliver(world, email, 'admin');
    const before = await membershipsOf(world.org.id);

    const res = await world.outsider.post(`/api/invitations/${token}/accept`);
    expectProblem(res, 403, 'INVITATION_EMAIL_MISMATCH');
    expect(res.body.detail).toContain(email);
    expect(await membershipsOf(world.org.id)).toEqual(before);
    expect((await world.anonymous.get(`/api/invitations/${token}`)).body.status).toBe('pending');

    expectProblem(await world.anonymous.post(`/api/invitations/${token}/accept`), 401, 'UNAUTHENTICATED');
    const key = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'k' });
    const byKey = await request(app)
      .post(`/api/invitations/${token}/accept`)
      .set('Authorization', `Bearer ${key.body.key}`);
    expectProblem(byKey, 403, 'FORBIDDEN');

    // The right person still can.
    const invitee = await createActor(app, db, { email });
    expect((await invitee.post(`/api/invitations/${token}/accept`)).status).toBe(200);
  });

  it('answers 410 INVITATION_EXPIRED after seven days, and shows it as expired', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const { invitation, token } = await inviteAndDeliver(world, email);
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.id));
    const invitee = await createActor(app, db, { email });

    const preview = await world.anonymous.get(`/api/invitations/${token}`);
    expect(preview.body).toMatchObject({ status: 'expired', isExpired: true });
    expectProblem(await invitee.post(`/api/invitations/${token}/accept`), 410, 'INVITATION_EXPIRED');
    expect(await roleIn(world.org.id, userOf(invitee).id)).toBeUndefined();
  });

  it('revokes: the link answers 410 INVITATION_REVOKED, the unsent email is dropped, a second revoke is 404', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const res = await invite(world, { email, role: 'staff' });
    const { token } = await deliverInvitation(email);
    const path = `/api/organizations/${world.org.id}/invitations/${res.body.id}`;

    expectProblem(await world.staff.delete(path), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.delete(path), 404, 'NOT_FOUND');
    expect((await world.admin.delete(path)).status).toBe(204);
    expectProblem(await world.admin.delete(path), 404, 'NOT_FOUND');

    const invitee = await createActor(app, db, { email });
    expectProblem(await invitee.post(`/api/invitations/${token}/accept`), 410, 'INVITATION_REVOKED');
    expect((await world.anonymous.get(`/api/invitations/${token}`)).body.status).toBe('revoked');
    expect(await roleIn(world.org.id, userOf(invitee).id)).toBeUndefined();
    expect((await world.owner.get(`/api/organizations/${world.org.id}/invitations`)).body.items).toEqual([]);

    // An invitation revoked before its email went out is never sent.
    const late = newEmail();
    const second = await invite(world, { email: late, role: 'staff' });
    expect(
      (await world.owner.delete(`/api/organizations/${world.org.id}/invitations/${second.body.id}`)).status,
    ).toBe(204);
    const [row] = await invitationEmails(late);
    await sendEmail?.handle({ emailId: row?.id ?? '' });
    const [after] = await db
      .select()
      .from(emails)
      .where(eq(emails.id, row?.id ?? ''));
    expect(after).toMatchObject({ status: 'skipped', text: null });
    expect(after?.lastError).toMatch(/no longer open/);
    expect(await auditActions(world.org.id)).toEqual([
      'invitation.create',
      'invitation.revoke',
      'invitation.create',
      'invitation.revoke',
    ]);
  });

  it('answers a replayed accept with 409 INVITATION_ALREADY_USED; of two racing accepts one wins', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const { token } = await inviteAndDeliver(world, email, 'staff');
    const invitee = await createActor(app, db, { email });
    const responses = await Promise.all([
      invitee.post(`/api/invitations/${token}/accept`),
      invitee.post(`/api/invitations/${token}/accept`),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = responses.find((r) => r.status === 409);
    expect(loser?.body.code).toBe('INVITATION_ALREADY_USED');
    expectProblem(await invitee.post(`/api/invitations/${token}/accept`), 409, 'INVITATION_ALREADY_USED');
    expect(await roleIn(world.org.id, userOf(invitee).id)).toBe('staff');
    expect((await auditActions(world.org.id)).filter((a) => a === 'invitation.accept')).toHaveLength(1);
  });

  it('replaces the open invitation of the same address instead of adding another', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const first = await inviteAndDeliver(world, email, 'staff');
    const second = await inviteAndDeliver(world, email.toUpperCase(), 'admin', world.admin);
    expect(second.invitation.id).not.toBe(first.invitation.id);
    expect(second.token).not.toBe(first.token);

    const list = await world.owner.get(`/api/organizations/${world.org.id}/invitations`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: second.invitation.id, role: 'admin' })]);
    expect(await invitationEmails(email)).toHaveLength(2);

    const invitee = await createActor(app, db, { email });
    expectProblem(await invitee.post(`/api/invitations/${first.token}/accept`), 410, 'INVITATION_REVOKED');
    expect((await invitee.post(`/api/invitations/${second.token}/accept`)).status).toBe(200);
    expect(await roleIn(world.org.id, userOf(invitee).id)).toBe('admin');

    // Racing re-invites still leave exactly one open invitation.
    const raced = newEmail();
    const responses = await Promise.all([
      invite(world, { email: raced, role: 'staff' }),
      invite(world, { email: raced, role: 'admin' }, world.admin),
      invite(world, { email: raced, role: 'staff' }),
    ]);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const open = (await world.owner.get(`/api/organizations/${world.org.id}/invitations`)).body.items;
    expect(open.filter((i: { email: string }) => i.email === raced)).toHaveLength(1);
  });

  it('keeps the owner rules: admins cannot invite owners or replace an owner invitation', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    expectProblem(await invite(world, { email, role: 'owner' }, world.admin), 403, 'FORBIDDEN');
    expect(await invitationEmails(email)).toEqual([]);

    const owned = await invite(world, { email, role: 'owner' });
    expect(owned.status).toBe(201);
    expectProblem(await invite(world, { email, role: 'staff' }, world.admin), 403, 'FORBIDDEN');
    expectProblem(
      await world.admin.delete(`/api/organizations/${world.org.id}/invitations/${owned.body.id}`),
      403,
      'FORBIDDEN',
    );
    const list = await world.owner.get(`/api/organizations/${world.org.id}/invitations`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: owned.body.id, role: 'owner' })]);
  });

  it('refuses members (409), staff (403), API keys (403), outsiders and unknown organizations (404)', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const path = `/api/organizations/${world.org.id}/invitations`;
    const member = await world.owner.post(path, { email: userOf(world.staff).email, role: 'admin' });
    expectProblem(member, 409, 'ALREADY_MEMBER');
    expect(member.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
    expectProblem(await world.staff.post(path, { email, role: 'staff' }), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.post(path, { email, role: 'staff' }), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.post(path, { email, role: 'staff' }), 401, 'UNAUTHENTICATED');
    expectProblem(
      await world.owner.post(`/api/organizations/${randomUUID()}/invitations`, { email, role: 'staff' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await world.owner.post(`/api/organizations/${world.outsiderOrg.id}/invitations`, {
        email,
        role: 'staff',
      }),
      404,
      'NOT_FOUND',
    );
    const key = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'k' });
    const byKey = await request(app)
      .post(path)
      .set('Authorization', `Bearer ${key.body.key}`)
      .send({ email, role: 'staff' });
    expectProblem(byKey, 403, 'FORBIDDEN');
    expect(await invitationEmails(email)).toEqual([]);
  });

  it('answers 400 for bad bodies and 404 for unknown or malformed tokens and ids', async () => {
    const world = await createWorld(app, db);
    const path = `/api/organizations/${world.org.id}/invitations`;
    const cases: Array<[unknown, string]> = [
      [{ email: 'not-an-email', role: 'staff' }, 'email'],
      [{ role: 'staff' }, 'email'],
      [{ email: newEmail(), role: 'boss' }, 'role'],
      [{ email: newEmail() }, 'role'],
      [{ email: newEmail(), role: 'staff', note: 'x' }, 'body'],
      [[], 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await world.owner.post(path, body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    }
    expect((await world.owner.get(path)).body.items).toEqual([]);

    const unknownToken = 'A'.repeat(43);
    expectProblem(await world.anonymous.get(`/api/invitations/${unknownToken}`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.post(`/api/invitations/${unknownToken}/accept`), 404, 'NOT_FOUND');
    for (const bad of ['short', 'has.dot.in.it.and.is.long.enough.to.pass', 'x'.repeat(150)])
      expectProblem(await world.anonymous.get(`/api/invitations/${bad}`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.delete(`${path}/${randomUUID()}`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.delete(`${path}/not-a-uuid`), 404, 'NOT_FOUND');

    // Another organization's invitation id is unknown here.
    const other = await world.outsider.post(`/api/organizations/${world.outsiderOrg.id}/invitations`, {
      email: newEmail(),
      role: 'staff',
    });
    expect(other.status).toBe(201);
    expectProblem(await world.owner.delete(`${path}/${other.body.id}`), 404, 'NOT_FOUND');
    const otherList = await world.outsider.get(`/api/organizations/${world.outsiderOrg.id}/invitations`);
    expect(otherList.body.items).toHaveLength(1);
  });

  it('does not accept for someone who became a member meanwhile (409 ALREADY_MEMBER), and keeps the invitation open', async () => {
    const world = await createWorld(app, db);
    const invitee = await createActor(app, db);
    const { token } = await inviteAndDeliver(world, userOf(invitee).email, 'admin');
    await addMember(db, world.org.id, userOf(invitee), 'staff');
    expectProblem(await invitee.post(`/api/invitations/${token}/accept`), 409, 'ALREADY_MEMBER');
    expect(await roleIn(world.org.id, userOf(invitee).id)).toBe('staff');
    expect((await world.anonymous.get(`/api/invitations/${token}`)).body.status).toBe('pending');
  });
});

describe('PATCH /api/organizations/{orgId}/members/{userId}', () => {
  const path = (world: World, actor: Actor) =>
    `/api/organizations/${world.org.id}/members/${userOf(actor).id}`;

  it('lets an owner change any role, and records it in the audit log', async () => {
    const world = await createWorld(app, db);
    const res = await world.owner.patch(path(world, world.staff), { role: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      userId: userOf(world.staff).id,
      email: userOf(world.staff).email,
      name: userOf(world.staff).name,
      role: 'admin',
    });
    expect((await world.owner.patch(path(world, world.admin), { role: 'owner' })).status).toBe(200);
    expect(await roleIn(world.org.id, userOf(world.admin).id)).toBe('owner');
    // The same role again changes nothing and records nothing.
    expect((await world.owner.patch(path(world, world.staff), { role: 'admin' })).status).toBe(200);

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, world.org.id), eq(auditLog.action, 'member.role_change')))
      .orderBy(asc(auditLog.createdAt))
      .limit(1);
    expect(entry).toMatchObject({
      actorUserId: userOf(world.owner).id,
      targetType: 'member',
      targetId: userOf(world.staff).id,
      details: { email: userOf(world.staff).email, from: 'staff', to: 'admin' },
    });
    expect(await auditActions(world.org.id)).toEqual(['member.role_change', 'member.role_change']);
  });

  it('lets an admin move people between admin and staff, but never touch or make an owner (403)', async () => {
    const world = await createWorld(app, db);
    expect((await world.admin.patch(path(world, world.staff), { role: 'admin' })).status).toBe(200);
    expect((await world.admin.patch(path(world, world.staff), { role: 'staff' })).status).toBe(200);
    const before = await membershipsOf(world.org.id);
    expectProblem(await world.admin.patch(path(world, world.staff), { role: 'owner' }), 403, 'FORBIDDEN');
    expectProblem(await world.admin.patch(path(world, world.owner), { role: 'admin' }), 403, 'FORBIDDEN');
    expectProblem(await world.admin.patch(path(world, world.admin), { role: 'owner' }), 403, 'FORBIDDEN');
    expect(await membershipsOf(world.org.id)).toEqual(before);
  });

  it('refuses staff (403), outsiders, unknown and foreign members (404), API keys (403), bad roles (400)', async () => {
    const world = await createWorld(app, db);
    const before = await membershipsOf(world.org.id);
    expectProblem(await world.staff.patch(path(world, world.admin), { role: 'staff' }), 403, 'FORBIDDEN');
    expectProblem(await world.staff.patch(path(world, world.staff), { role: 'admin' }), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.patch(path(world, world.staff), { role: 'admin' }), 404, 'NOT_FOUND');
    expectProblem(
      await world.anonymous.patch(path(world, world.staff), { role: 'admin' }),
      401,
      'UNAUTHENTICATED',
    );
    const members = `/api/organizations/${world.org.id}/members`;
    expectProblem(await world.owner.patch(`${members}/${randomUUID()}`, { role: 'admin' }), 404, 'NOT_FOUND');
    expectProblem(await world.owner.patch(`${members}/not-a-uuid`, { role: 'admin' }), 404, 'NOT_FOUND');
    // A member of another organization is not a member here.
    expectProblem(
      await world.owner.patch(`${members}/${userOf(world.outsider).id}`, { role: 'admin' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await world.owner.patch(
        `/api/organizations/${world.outsiderOrg.id}/members/${userOf(world.outsider).id}`,
        { role: 'admin' },
      ),
      404,
      'NOT_FOUND',
    );
    const key = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'k' });
    const byKey = await request(app)
      .patch(path(world, world.staff))
      .set('Authorization', `Bearer ${key.body.key}`)
      .send({ role: 'admin' });
    expectProblem(byKey, 403, 'FORBIDDEN');
    for (const body of [{ role: 'boss' }, {}, { role: 'admin', extra: 1 }]) {
      expectProblem(await world.owner.patch(path(world, world.staff), body), 400, 'VALIDATION_FAILED');
    }
    expect(await membershipsOf(world.org.id)).toEqual(before);
  });

  it('never lets the last owner step down (422 LAST_OWNER); with two owners, one may', async () => {
    const world = await createWorld(app, db);
    const res = await world.owner.patch(path(world, world.owner), { role: 'admin' });
    expectProblem(res, 422, 'LAST_OWNER');
    expect(await roleIn(world.org.id, userOf(world.owner).id)).toBe('owner');

    expect((await world.owner.patch(path(world, world.admin), { role: 'owner' })).status).toBe(200);
    expect((await world.owner.patch(path(world, world.owner), { role: 'admin' })).status).toBe(200);
    expect(await roleIn(world.org.id, userOf(world.owner).id)).toBe('admin');
  });

  it('keeps an owner when two owners demote each other at the same moment', async () => {
    const world = await createWorld(app, db);
    expect((await world.owner.patch(path(world, world.admin), { role: 'owner' })).status).toBe(200);
    const responses = await Promise.all([
      world.owner.patch(path(world, world.admin), { role: 'admin' }),
      world.admin.patch(path(world, world.owner), { role: 'admin' }),
    ]);
    const statuses = responses.map((r) => r.status).sort();
    // The loser is either refused as the last owner or, demoted first, no longer allowed to touch owners.
    expect(statuses[0]).toBe(200);
    expect([403, 422]).toContain(statuses[1]);
    const owners = (await membershipsOf(world.org.id)).filter(([, role]) => role === 'owner');
    expect(owners).toHaveLength(1);
  });
});

describe('DELETE /api/organizations/{orgId}/members/{userId}', () => {
  const path = (world: World, actor: Actor) =>
    `/api/organizations/${world.org.id}/members/${userOf(actor).id}`;

  it('removes a member, whose access ends at once, and records it', async () => {
    const world = await createWorld(app, db);
    expect((await world.staff.get(`/api/organizations/${world.org.id}/members`)).status).toBe(200);
    expect((await world.admin.delete(path(world, world.staff))).status).toBe(204);
    expect(await roleIn(world.org.id, userOf(world.staff).id)).toBeUndefined();
    expectProblem(await world.staff.get(`/api/organizations/${world.org.id}/members`), 404, 'NOT_FOUND');
    expectProblem(await world.admin.delete(path(world, world.staff)), 404, 'NOT_FOUND');
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, world.org.id), eq(auditLog.action, 'member.remove')));
    expect(entry).toMatchObject({
      actorUserId: userOf(world.admin).id,
      targetId: userOf(world.staff).id,
      details: { email: userOf(world.staff).email, role: 'staff' },
    });
  });

  it('lets admins remove admins and themselves, but not owners; staff remove nobody', async () => {
    const world = await createWorld(app, db);
    expectProblem(await world.staff.delete(path(world, world.admin)), 403, 'FORBIDDEN');
    expectProblem(await world.staff.delete(path(world, world.staff)), 403, 'FORBIDDEN');
    expectProblem(await world.admin.delete(path(world, world.owner)), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.delete(path(world, world.staff)), 404, 'NOT_FOUND');
    expect(await membershipsOf(world.org.id)).toHaveLength(3);
    expect((await world.admin.delete(path(world, world.admin))).status).toBe(204);
    expect(await membershipsOf(world.org.id)).toHaveLength(2);
  });

  it('never removes the last owner (422 LAST_OWNER), but an owner among two may leave', async () => {
    const world = await createWorld(app, db);
    expectProblem(await world.owner.delete(path(world, world.owner)), 422, 'LAST_OWNER');
    expect(await roleIn(world.org.id, userOf(world.owner).id)).toBe('owner');
    expect((await world.owner.patch(path(world, world.admin), { role: 'owner' })).status).toBe(200);
    expect((await world.admin.delete(path(world, world.owner))).status).toBe(204);
    expectProblem(await world.admin.delete(path(world, world.admin)), 422, 'LAST_OWNER');
  });
});

describe('API keys', () => {
  const keys = (world: World) => `/api/organizations/${world.org.id}/api-keys`;
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  it('lists live keys without the secret, tracks last use, and a revoked key gets 401 at once', async () => {
    const world = await createWorld(app, db);
    const crm = await world.owner.post(keys(world), { name: 'CRM sync' });
    const door = await world.admin.post(keys(world), { name: 'Door app' });
    expect([crm.status, door.status]).toEqual([201, 201]);

    const list = await world.admin.get(keys(world));
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [
        {
          id: crm.body.id,
          name: 'CRM sync',
          prefix: crm.body.key.slice(0, 10),
          createdAt: expect.any(String),
          lastUsedAt: null,
          scopes: ['write'],
          createdBy: {
            userId: userOf(world.owner).id,
            name: userOf(world.owner).name,
            email: userOf(world.owner).email,
          },
        },
        expect.objectContaining({ id: door.body.id, name: 'Door app' }),
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(crm.body.key);

    const members = `/api/organizations/${world.org.id}/members`;
    expect((await request(app).get(members).set(bearer(crm.body.key))).status).toBe(200);
    const used = await world.owner.get(keys(world));
    expect(used.body.items[0].lastUsedAt).toEqual(expect.any(String));
    expect(used.body.items[1].lastUsedAt).toBeNull();

    expect((await world.admin.delete(`${keys(world)}/${crm.body.id}`)).status).toBe(204);
    expectProblem(await request(app).get(members).set(bearer(crm.body.key)), 401, 'UNAUTHENTICATED');
    expect((await request(app).get(members).set(bearer(door.body.key))).status).toBe(200);
    expect((await world.owner.get(keys(world))).body.items.map((k: { id: string }) => k.id)).toEqual([
      door.body.id,
    ]);
    expectProblem(await world.owner.delete(`${keys(world)}/${crm.body.id}`), 404, 'NOT_FOUND');
    expect(await auditActions(world.org.id)).toEqual(['api_key.create', 'api_key.create', 'api_key.revoke']);
  });

  it('refuses staff (403), keys themselves (403), outsiders and foreign key ids (404)', async () => {
    const world = await createWorld(app, db);
    const key = await world.owner.post(keys(world), { name: 'k' });
    const foreign = await world.outsider.post(`/api/organizations/${world.outsiderOrg.id}/api-keys`, {
      name: 'theirs',
    });

    expectProblem(await world.staff.get(keys(world)), 403, 'FORBIDDEN');
    expectProblem(await world.staff.delete(`${keys(world)}/${key.body.id}`), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.get(keys(world)), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.delete(`${keys(world)}/${key.body.id}`), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.get(keys(world)), 401, 'UNAUTHENTICATED');
    expectProblem(await request(app).get(keys(world)).set(bearer(key.body.key)), 403, 'FORBIDDEN');
    expectProblem(
      await request(app)
        .delete(`${keys(world)}/${key.body.id}`)
        .set(bearer(key.body.key)),
      403,
      'FORBIDDEN',
    );
    expectProblem(await world.owner.delete(`${keys(world)}/${foreign.body.id}`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.delete(`${keys(world)}/${randomUUID()}`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.delete(`${keys(world)}/nope`), 404, 'NOT_FOUND');

    // Nothing was revoked along the way.
    expect(
      (await request(app).get(keys(world).replace('/api-keys', '/members')).set(bearer(key.body.key))).status,
    ).toBe(200);
    expect(
      (
        await request(app)
          .get(`/api/organizations/${world.outsiderOrg.id}/members`)
          .set(bearer(foreign.body.key))
      ).status,
    ).toBe(200);
  });
});

describe("an inviter's open invitations follow their rights", () => {
  const memberPath = (world: World, actor: Actor) =>
    `/api/organizations/${world.org.id}/members/${userOf(actor).id}`;

  async function pendingRoles(world: World): Promise<Array<[string, string]>> {
    const rows = await db
      .select({ email: invitations.email, role: invitations.role, revokedAt: invitations.revokedAt })
      .from(invitations)
      .where(eq(invitations.organizationId, world.org.id))
      .orderBy(asc(invitations.createdAt), asc(invitations.id));
    return rows.filter((row) => row.revokedAt === null).map((row) => [row.email, row.role]);
  }

  async function auditDetails(world: World, action: string) {
    const rows = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, world.org.id), eq(auditLog.action, action)))
      .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
    return rows.map((row) => row.details);
  }

  it("removing a member withdraws the invitations they sent: their links answer 410, others' stay", async () => {
    const world = await createWorld(app, db);
    const asAdmin = newEmail();
    const asStaff = newEmail();
    const byOwner = newEmail();
    const { token } = await inviteAndDeliver(world, asAdmin, 'admin', world.admin);
    await inviteAndDeliver(world, asStaff, 'staff', world.admin);
    await inviteAndDeliver(world, byOwner, 'staff');

    expect((await world.owner.delete(memberPath(world, world.admin))).status).toBe(204);
    expect(await pendingRoles(world)).toEqual([[byOwner, 'staff']]);
    const invitee = await createActor(app, db, { email: asAdmin });
    expectProblem(await invitee.post(`/api/invitations/${token}/accept`), 410, 'INVITATION_REVOKED');
    expect(await roleIn(world.org.id, userOf(invitee).id)).toBeUndefined();
    expect(await auditDetails(world, 'member.remove')).toEqual([
      { email: userOf(world.admin).email, role: 'admin', revokedInvitations: 2 },
    ]);
  });

  it('a demotion withdraws only the invitations the new role cannot grant', async () => {
    const world = await createWorld(app, db);
    expect((await world.owner.patch(memberPath(world, world.admin), { role: 'owner' })).status).toBe(200);
    const asOwner = newEmail();
    const asAdmin = newEmail();
    const asStaff = newEmail();
    await inviteAndDeliver(world, asOwner, 'owner', world.admin);
    const { token } = await inviteAndDeliver(world, asAdmin, 'admin', world.admin);
    await inviteAndDeliver(world, asStaff, 'staff', world.admin);

    // An admin cannot grant owner: only that invitation goes.
    expect((await world.owner.patch(memberPath(world, world.admin), { role: 'admin' })).status).toBe(200);
    expect(await pendingRoles(world)).toEqual([
      [asAdmin, 'admin'],
      [asStaff, 'staff'],
    ]);
    // Staff grant nothing: the rest goes, and the admin link no longer lets anyone in.
    expect((await world.owner.patch(memberPath(world, world.admin), { role: 'staff' })).status).toBe(200);
    expect(await pendingRoles(world)).toEqual([]);
    const invitee = await createActor(app, db, { email: asAdmin });
    expectProblem(await invitee.post(`/api/invitations/${token}/accept`), 410, 'INVITATION_REVOKED');
    expect(await auditDetails(world, 'member.role_change')).toEqual([
      { email: userOf(world.admin).email, from: 'admin', to: 'owner' },
      { email: userOf(world.admin).email, from: 'owner', to: 'admin', revokedInvitations: 1 },
      { email: userOf(world.admin).email, from: 'admin', to: 'staff', revokedInvitations: 2 },
    ]);
  });

  it('an invite sent while its inviter is being removed waits for the removal and is refused', async () => {
    const world = await createWorld(app, db);
    const email = newEmail();
    const client = await database.pool.connect();
    let inviting: Promise<Res> | undefined;
    try {
      await client.query('BEGIN');
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
      // What removeMember does, held open until the invite waits on it.
      await client.query('SELECT id FROM organizations WHERE id = $1 FOR NO KEY UPDATE', [world.org.id]);
      await client.query('DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2', [
        world.org.id,
        userOf(world.admin).id,
      ]);
      inviting = invite(world, { email, role: 'admin' }, world.admin).then((res) => res);
      await waitUntilBlockedBy(pid);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    if (!inviting) throw new Error('no invite');
    expectProblem(await inviting, 404, 'NOT_FOUND');
    expect(await pendingRoles(world)).toEqual([]);
  });
});

/** Resolves once some other backend waits on a lock `pid` holds. */
async function waitUntilBlockedBy(pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
      [pid],
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`nothing ever waited on backend ${pid}`);
}
