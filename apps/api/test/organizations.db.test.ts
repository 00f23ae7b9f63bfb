import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, like } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { memberships, organizations } from '../src/db/schema';
import { type Actor, createActor, createUser, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

const { app, database } = buildTestApp();
const db = database.db;

const unique = () => randomUUID().slice(0, 8);

type Res = request.Response;

/** An RFC 9457 problem with the given status and stable code. */
function expectProblem(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(typeof res.body.detail).toBe('string');
}

async function countOrganizationsNamed(name: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organizations).where(eq(organizations.name, name));
  return row?.n ?? 0;
}

/** The organization's memberships as [userId, role], oldest first. */
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

const userOf = (actor: Actor) => {
  if (!actor.user) throw new Error('actor has no user');
  return actor.user;
};

describe('POST /api/organizations', () => {
  it('creates the organization with a slug from its name and makes the caller its owner', async () => {
    const actor = await createActor(app, db);
    const suffix = unique();
    const res = await actor.post('/api/organizations', { name: `  Fête de la Musique ${suffix}  ` });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: `Fête de la Musique ${suffix}`,
      slug: `fete-de-la-musique-${suffix}`,
    });
    expect(await membershipsOf(res.body.id)).toEqual([[userOf(actor).id, 'owner']]);

    const me = await actor.get('/api/me');
    expect(me.body.organizations).toEqual([{ ...res.body, role: 'owner' }]);
  });

  it('uses an explicit slug, and refuses a taken one with 409 SLUG_TAKEN without creating anything', async () => {
    const world = await createWorld(app, db);
    const slug = `explicit-${unique()}`;
    const first = await world.owner.post('/api/organizations', { name: 'Explicit', slug });
    expect(first.status).toBe(201);
    expect(first.body.slug).toBe(slug);

    const name = `Second ${unique()}`;
    for (const actor of [world.owner, world.outsider]) {
      const res = await actor.post('/api/organizations', { name, slug });
      expectProblem(res, 409, 'SLUG_TAKEN');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'slug' })]);
    }
    // Another organization's slug is taken too.
    expectProblem(
      await world.owner.post('/api/organizations', { name, slug: world.org.slug }),
      409,
      'SLUG_TAKEN',
    );
    expect(await countOrganizationsNamed(name)).toBe(0);
    const me = await world.outsider.get('/api/me');
    expect(me.body.organizations).toEqual([expect.objectContaining({ id: world.outsiderOrg.id })]);
  });

  it('gives a derived slug that collides a random suffix', async () => {
    const actor = await createActor(app, db);
    const name = `Same Name ${unique()}`;
    const base = name.toLowerCase().replaceAll(' ', '-');
    const first = await actor.post('/api/organizations', { name });
    const second = await actor.post('/api/organizations', { name });
    const third = await actor.post('/api/organizations', { name });

    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(first.body.slug).toBe(base);
    expect(second.body.slug).toMatch(new RegExp(`^${base}-[0-9a-f]{6}$`));
    expect(third.body.slug).toMatch(new RegExp(`^${base}-[0-9a-f]{6}$`));
    expect(new Set([first.body.slug, second.body.slug, third.body.slug]).size).toBe(3);

    // A derived slug also steps aside for an explicit one.
    const explicit = `taken-${unique()}`;
    expect((await actor.post('/api/organizations', { name: 'X', slug: explicit })).status).toBe(201);
    const derived = await actor.post('/api/organizations', { name: explicit.replace('-', ' ') });
    expect(derived.status).toBe(201);
    expect(derived.body.slug).toMatch(new RegExp(`^${explicit}-[0-9a-f]{6}$`));
  });

  it('falls back to a generic slug for a name without letters or digits', async () => {
    const actor = await createActor(app, db);
    const res = await actor.post('/api/organizations', { name: '!!! ???' });
    expect(res.status).toBe(201);
    expect(res.body.slug).toMatch(/^organization(-[0-9a-f]{6})?$/);
  });

  it('lets exactly one of two concurrent creations with the same slug win', async () => {
    const actor = await createActor(app, db);
    const slug = `race-${unique()}`;
    const responses = await Promise.all([
      actor.post('/api/organizations', { name: 'Racer A', slug }),
      actor.post('/api/organizations', { name: 'Racer B', slug }),
    ]);
    expect(responses.map((res) => res.status).sort()).toEqual([201, 409]);
    const [row] = await db.select({ n: count() }).from(organizations).where(eq(organizations.slug, slug));
    expect(row?.n).toBe(1);
    expect((await actor.get('/api/me')).body.organizations).toHaveLength(1);
  });

  const invalidBodies: Array<[string, unknown, string]> = [
    ['a slug with spaces', { slug: 'bad slug' }, 'slug'],
    ['an upper-case slug', { slug: 'Upper' }, 'slug'],
    ['a one-character slug', { slug: 'a' }, 'slug'],
    ['a slug with a leading dash', { slug: '-lead' }, 'slug'],
    ['a slug with a double dash', { slug: 'double--dash' }, 'slug'],
    ['a slug with a trailing dash', { slug: 'trail-' }, 'slug'],
    ['a slug of 81 characters', { slug: 's'.repeat(81) }, 'slug'],
    ['a slug with an accent', { slug: 'fête' }, 'slug'],
    ['a numeric slug', { slug: 12 }, 'slug'],
    ['a missing name', { name: undefined }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name of 101 characters', { name: 'n'.repeat(101) }, 'name'],
    ['a numeric name', { name: 42 }, 'name'],
    ['an unknown field', { plan: 'pro' }, 'body'],
  ];

  it.each(invalidBodies)(
    'answers 400 VALIDATION_FAILED for %s and creates nothing',
    async (_label, patch, path) => {
      const actor = await createActor(app, db);
      const name = `Invalid ${unique()}`;
      const res = await actor.post('/api/organizations', { name, ...(patch as object) });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      expect(await countOrganizationsNamed(name)).toBe(0);
      expect((await actor.get('/api/me')).body.organizations).toEqual([]);
    },
  );

  it('answers 400 for malformed JSON and an array body, 415 for a non-JSON body', async () => {
    const actor = await createActor(app, db);
    const name = `Shapes ${unique()}`;
    expectProblem(
      await actor.post('/api/organizations').set('Content-Type', 'application/json').send('{"name": '),
      400,
      'MALFORMED_JSON',
    );
    expectProblem(await actor.post('/api/organizations', [{ name }]), 400, 'VALIDATION_FAILED');
    expectProblem(
      await actor.post('/api/organizations').set('Content-Type', 'text/plain').send(JSON.stringify({ name })),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await countOrganizationsNamed(name)).toBe(0);
  });

  it('answers 401 to anonymous callers and 403 to an API key (organizations belong to people)', async () => {
    const world = await createWorld(app, db);
    const name = `Refused ${unique()}`;
    expectProblem(await world.anonymous.post('/api/organizations', { name }), 401, 'UNAUTHENTICATED');
    const key = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'k' });
    const byKey = await request(app)
      .post('/api/organizations')
      .set('Authorization', `Bearer ${key.body.key}`)
      .send({ name });
    expectProblem(byKey, 403, 'FORBIDDEN');
    expect(await countOrganizationsNamed(name)).toBe(0);
  });
});

describe('GET /api/organizations/{orgId}/members', () => {
  it('lists the members with their roles to an owner, an admin and staff', async () => {
    const world = await createWorld(app, db);
    const expected = [
      { ...userOf(world.owner), role: 'owner' },
      { ...userOf(world.admin), role: 'admin' },
      { ...userOf(world.staff), role: 'staff' },
    ].map(({ id, email, name, role }) => ({ userId: id, email, name, role }));

    for (const actor of [world.owner, world.admin, world.staff]) {
      const res = await actor.get(`/api/organizations/${world.org.id}/members`);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items).toHaveLength(3);
      expect(res.body.items).toEqual(expect.arrayContaining(expected));
    }
  });

  it("answers 404 to outsiders, for unknown and malformed ids, and for another organization's key", async () => {
    const world = await createWorld(app, db);
    expectProblem(await world.outsider.get(`/api/organizations/${world.org.id}/members`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.get(`/api/organizations/${randomUUID()}/members`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.get('/api/organizations/not-a-uuid/members'), 404, 'NOT_FOUND');
    expectProblem(await world.owner.get(`/api/organizations/${'a'.repeat(150)}/members`), 404, 'NOT_FOUND');
    // The outsider's own organization is fine for them, and hidden from the owner.
    expect((await world.outsider.get(`/api/organizations/${world.outsiderOrg.id}/members`)).status).toBe(200);
    expectProblem(
      await world.owner.get(`/api/organizations/${world.outsiderOrg.id}/members`),
      404,
      'NOT_FOUND',
    );

    const key = await world.outsider.post(`/api/organizations/${world.outsiderOrg.id}/api-keys`, {
      name: 'k',
    });
    const byForeignKey = await request(app)
      .get(`/api/organizations/${world.org.id}/members`)
      .set('Authorization', `Bearer ${key.body.key}`);
    expectProblem(byForeignKey, 404, 'NOT_FOUND');
  });

  it('answers 401 to anonymous callers and 200 to a key of the organization', async () => {
    const world = await createWorld(app, db);
    expectProblem(
      await world.anonymous.get(`/api/organizations/${world.org.id}/members`),
      401,
      'UNAUTHENTICATED',
    );
    const key = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'k' });
    const byKey = await request(app)
      .get(`/api/organizations/${world.org.id}/members`)
      .set('Authorization', `Bearer ${key.body.key}`);
    expect(byKey.status).toBe(200);
    expect(byKey.body.items).toHaveLength(3);
  });
});

describe('POST /api/organizations/{orgId}/members', () => {
  const path = (world: World) => `/api/organizations/${world.org.id}/members`;
  const pending = async (world: World) =>
    (await world.owner.get(`/api/organizations/${world.org.id}/invitations`)).body.items as Array<{
      email: string;
      role: string;
    }>;
  const invitationShape = (world: World, email: string, role: string) => ({
    id: expect.any(String),
    email,
    role,
    invitedBy: { userId: userOf(world.owner).id, name: userOf(world.owner).name },
    createdAt: expect.any(String),
    expiresAt: expect.any(String),
    isExpired: false,
  });

  it('invites an owner, an admin and a staff member: 201 with the invitation, nobody joins yet', async () => {
    const world = await createWorld(app, db);
    const before = await membershipsOf(world.org.id);
    for (const role of ['owner', 'admin', 'staff'] as const) {
      const user = await createUser(db);
      const res = await world.owner.post(path(world), { email: user.email, role });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual(invitationShape(world, user.email, role));
      expect(await roleIn(world.org.id, user.id)).toBeUndefined();
    }
    expect(await membershipsOf(world.org.id)).toEqual(before);
    expect((await pending(world)).map((invitation) => invitation.role)).toEqual(['owner', 'admin', 'staff']);
  });

  it('answers a known and an unknown address exactly alike', async () => {
    const world = await createWorld(app, db);
    const known = await createUser(db);
    const unknown = `nobody-${randomUUID()}@example.test`;
    const forKnown = await world.owner.post(path(world), { email: known.email, role: 'staff' });
    const forUnknown = await world.owner.post(path(world), { email: unknown, role: 'staff' });
    expect([forKnown.status, forUnknown.status]).toEqual([201, 201]);
    expect(forKnown.headers['content-type']).toBe(forUnknown.headers['content-type']);
    expect(Object.keys(forKnown.body).sort()).toEqual(Object.keys(forUnknown.body).sort());
    expect(forKnown.body).toEqual(invitationShape(world, known.email, 'staff'));
    expect(forUnknown.body).toEqual(invitationShape(world, unknown, 'staff'));
    expect(await roleIn(world.org.id, known.id)).toBeUndefined();
  });

  it('gives the invited account no access until it accepts', async () => {
    const world = await createWorld(app, db);
    const newcomer = await createActor(app, db);
    const added = await world.owner.post(path(world), { email: userOf(newcomer).email, role: 'staff' });
    expect(added.status).toBe(201);

    expect((await newcomer.get('/api/me')).body.organizations).toEqual([]);
    expectProblem(await newcomer.get(path(world)), 404, 'NOT_FOUND');
    const members = await world.owner.get(path(world));
    expect(members.body.items.map((m: { email: string }) => m.email)).not.toContain(userOf(newcomer).email);
  });

  it('lower-cases the email, like invitations', async () => {
    const world = await createWorld(app, db);
    const user = await createUser(db);
    const res = await world.admin.post(path(world), {
      email: ` ${user.email.toUpperCase()} `,
      role: 'staff',
    });
    expect(res.status).toBe(201);
    expect(res.body.email).toBe(user.email);
  });

  it('lets an admin invite an admin and staff, but not an owner (403)', async () => {
    const world = await createWorld(app, db);
    for (const role of ['admin', 'staff'] as const) {
      const user = await createUser(db);
      const res = await world.admin.post(path(world), { email: user.email, role });
      expect(res.status).toBe(201);
      expect(res.body.role).toBe(role);
    }
    const would = await createUser(db);
    expectProblem(
      await world.admin.post(path(world), { email: would.email, role: 'owner' }),
      403,
      'FORBIDDEN',
    );
    expect((await pending(world)).map((invitation) => invitation.email)).not.toContain(would.email);
  });

  it('refuses staff (403), outsiders and unknown organizations (404), anonymous callers (401)', async () => {
    const world = await createWorld(app, db);
    const user = await createUser(db);
    const body = { email: user.email, role: 'staff' };
    const before = await membershipsOf(world.org.id);

    expectProblem(await world.staff.post(path(world), body), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.post(path(world), body), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.post(path(world), body), 401, 'UNAUTHENTICATED');
    expectProblem(
      await world.owner.post(`/api/organizations/${randomUUID()}/members`, body),
      404,
      'NOT_FOUND',
    );
    expectProblem(await world.owner.post('/api/organizations/not-a-uuid/members', body), 404, 'NOT_FOUND');
    // An outsider cannot invite themselves either.
    const self = { email: userOf(world.outsider).email, role: 'owner' };
    expectProblem(await world.outsider.post(path(world), self), 404, 'NOT_FOUND');

    expect(await membershipsOf(world.org.id)).toEqual(before);
    expect(await pending(world)).toEqual([]);
  });

  it('answers 409 ALREADY_MEMBER for a member, whatever the role asked, and keeps their role', async () => {
    const world = await createWorld(app, db);
    const before = await membershipsOf(world.org.id);
    const staffEmail = userOf(world.staff).email;
    for (const role of ['staff', 'owner'])
      expectProblem(await world.owner.post(path(world), { email: staffEmail, role }), 409, 'ALREADY_MEMBER');
    expectProblem(
      await world.admin.post(path(world), { email: staffEmail.toUpperCase(), role: 'admin' }),
      409,
      'ALREADY_MEMBER',
    );
    // The owner inviting themselves.
    expectProblem(
      await world.owner.post(path(world), { email: userOf(world.owner).email, role: 'admin' }),
      409,
      'ALREADY_MEMBER',
    );
    expect(await membershipsOf(world.org.id)).toEqual(before);
    expect(await pending(world)).toEqual([]);
  });

  it('leaves exactly one open invitation after two concurrent invites of the same person', async () => {
    const world = await createWorld(app, db);
    const user = await createUser(db);
    const responses = await Promise.all([
      world.owner.post(path(world), { email: user.email, role: 'staff' }),
      world.admin.post(path(world), { email: user.email, role: 'admin' }),
    ]);
    expect(responses.map((res) => res.status)).toEqual([201, 201]);
    const open = await pending(world);
    expect(open).toHaveLength(1);
    expect(responses.map((res) => res.body.role)).toContain(open[0]?.role);
    expect(await roleIn(world.org.id, user.id)).toBeUndefined();
  });

  it('answers 400 VALIDATION_FAILED for a bad role or email and invites nobody', async () => {
    const world = await createWorld(app, db);
    const user = await createUser(db);
    const cases: Array<[unknown, string]> = [
      [{ email: user.email, role: 'superuser' }, 'role'],
      [{ email: user.email, role: 'Owner' }, 'role'],
      [{ email: user.email }, 'role'],
      [{ email: user.email, role: 1 }, 'role'],
      [{ email: 'not-an-email', role: 'staff' }, 'email'],
      [{ role: 'staff' }, 'email'],
      [{ email: user.email, role: 'staff', note: 'hi' }, 'body'],
      [[{ email: user.email, role: 'staff' }], 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await world.owner.post(path(world), body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    }
    expect(await pending(world)).toEqual([]);
  });

  it('checks CSRF before anything else for a session', async () => {
    const world = await createWorld(app, db);
    const user = await createUser(db);
    const res = await world.owner.withoutCsrf().post(path(world), { email: user.email, role: 'staff' });
    expectProblem(res, 403, 'CSRF_FAILED');
    expect(await pending(world)).toEqual([]);
  });
});

describe('organization slugs in the database', () => {
  it('are unique even across letter case of the name', async () => {
    const actor = await createActor(app, db);
    const suffix = unique();
    const upper = await actor.post('/api/organizations', { name: `CASE ${suffix}` });
    const lower = await actor.post('/api/organizations', { name: `case ${suffix}` });
    expect(upper.body.slug).toBe(`case-${suffix}`);
    expect(lower.body.slug).toMatch(new RegExp(`^case-${suffix}-[0-9a-f]{6}$`));
    const rows = await db
      .select({ slug: organizations.slug })
      .from(organizations)
      .where(like(organizations.slug, `case-${suffix}%`));
    expect(rows).toHaveLength(2);
  });
});
