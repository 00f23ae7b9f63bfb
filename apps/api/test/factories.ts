import { randomUUID } from 'node:crypto';
import type {
  CreateEventBody,
  CreateTicketTypeBody,
  Event,
  MemberRole,
  TicketType,
} from '@zevents/contracts';
import type { Express } from 'express';
import request from 'supertest';
import type { Db } from '../src/db/client';
import type { Principal } from '../src/http/auth-context';
import { SESSION_TTL_MS } from '../src/modules/accounts/accounts.service';
import { insertSession, insertUser } from '../src/modules/accounts/accounts.repository';
import { hashPassword } from '../src/modules/accounts/passwords';
import { createEventsService } from '../src/modules/events/events.service';
import { insertMembership } from '../src/modules/organizations/organizations.repository';
import { createOrganizationsService } from '../src/modules/organizations/organizations.service';
import { systemClock } from '../src/shared/clock';
import { generateToken, sha256 } from '../src/shared/crypto';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

const unique = () => randomUUID().slice(0, 8);

/** Sends requests as one caller: cookies plus CSRF header, or a Bearer key, or nothing. */
export class Actor {
  constructor(
    readonly app: Express,
    readonly headers: Record<string, string> = {},
    readonly user?: { id: string; email: string; name: string },
  ) {}

  get(path: string) {
    return request(this.app).get(path).set(this.headers);
  }
  post(path: string, body?: unknown) {
    const test = request(this.app).post(path).set(this.headers);
    return body === undefined ? test : test.send(body as object);
  }
  patch(path: string, body?: unknown) {
    const test = request(this.app).patch(path).set(this.headers);
    return body === undefined ? test : test.send(body as object);
  }
  put(path: string, body?: unknown) {
    const test = request(this.app).put(path).set(this.headers);
    return body === undefined ? test : test.send(body as object);
  }
  delete(path: string) {
    return request(this.app).delete(path).set(this.headers);
  }
  /** The same caller without the CSRF header (to prove it is required). */
  withoutCsrf(): Actor {
    const { 'X-CSRF-Token': _dropped, ...rest } = this.headers;
    return new Actor(this.app, rest, this.user);
  }
}

export const anonymous = (app: Express): Actor => new Actor(app);

/** A user with a verified email unless `isVerified: false` (a fresh signup that never opened its link). */
export async function createUser(
  db: Db,
  overrides: { email?: string; name?: string; isVerified?: boolean } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await insertUser(db, {
    email: overrides.email ?? `user-${unique()}@example.test`,
    name: overrides.name ?? `Test User ${unique()}`,
    passwordHash: await passwordHash,
    emailVerifiedAt: overrides.isVerified === false ? null : new Date(),
  });
  if (!user) throw new Error('test user email already taken');
  return { id: user.id, email: user.email, name: user.name };
}

/** A logged-in actor for the user: a real session row, cookie, and a CSRF token from the API. */
export async function actorFor(
  app: Express,
  db: Db,
  user: { id: string; email: string; name: string },
): Promise<Actor> {
  const token = generateToken();
  await insertSession(db, {
    id: sha256(token),
    userId: user.id,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  });
  const sessionCookie = `zevents_session=${token}`;
  const res = await request(app).get('/api/auth/csrf').set('Cookie', sessionCookie);
  const csrfToken = (res.body as { csrfToken: string }).csrfToken;
  return new Actor(
    app,
    { Cookie: `${sessionCookie}; zevents_csrf=${encodeURIComponent(csrfToken)}`, 'X-CSRF-Token': csrfToken },
    user,
  );
}

export async function createActor(
  app: Express,
  db: Db,
  overrides: { email?: string; name?: string; isVerified?: boolean } = {},
) {
  return actorFor(app, db, await createUser(db, overrides));
}

export const sessionAuth = (userId: string): Principal => ({
  kind: 'session',
  userId,
  sessionId: 'factory',
});

export function eventInput(overrides: Partial<CreateEventBody> = {}): CreateEventBody {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  startsAt.setUTCMinutes(0, 0, 0);
  return {
    title: `Test Event ${unique()}`,
    description: 'A test event',
    venue: 'Test Hall',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    timezone: 'Europe/Paris',
    currency: 'EUR',
    ...overrides,
  };
}

export interface World {
  org: { id: string; name: string; slug: string };
  owner: Actor;
  admin: Actor;
  staff: Actor;
  /** A logged-in user who belongs to another organization. */
  outsider: Actor;
  outsiderOrg: { id: string };
  anonymous: Actor;
}

/** An organization with an owner, an admin and a staff member, plus an outsider with an org of their own. */
export async function createWorld(app: Express, db: Db): Promise<World> {
  const organizations = createOrganizationsService({ db });
  const ownerUser = await createUser(db);
  const org = await organizations.createOrganization(sessionAuth(ownerUser.id), { name: `Org ${unique()}` });
  const member = async (role: MemberRole) => {
    const user = await createUser(db);
    await insertMembership(db, { organizationId: org.id, userId: user.id, role });
    return actorFor(app, db, user);
  };
  const outsiderUser = await createUser(db);
  const outsiderOrg = await organizations.createOrganization(sessionAuth(outsiderUser.id), {
    name: `Other ${unique()}`,
  });
  return {
    org,
    owner: await actorFor(app, db, ownerUser),
    admin: await member('admin'),
    staff: await member('staff'),
    outsider: await actorFor(app, db, outsiderUser),
    outsiderOrg,
    anonymous: anonymous(app),
  };
}

/**
 * Makes `user` a member at once, as the team page's invite-and-accept would: for tests whose subject
 * is not the joining itself.
 */
export async function addMember(
  db: Db,
  organizationId: string,
  user: { id: string },
  role: MemberRole,
): Promise<void> {
  await insertMembership(db, { organizationId, userId: user.id, role });
}

/** An event of the world's organization (created by its owner), optionally with ticket types and published. */
export async function createEvent(
  db: Db,
  world: World,
  options: { input?: Partial<CreateEventBody>; ticketTypes?: CreateTicketTypeBody[]; publish?: boolean } = {},
): Promise<{ event: Event; ticketTypes: TicketType[] }> {
  const events = createEventsService({ db, clock: systemClock });
  const owner = world.owner.user;
  if (!owner) throw new Error('world owner has no user');
  const auth = sessionAuth(owner.id);
  const event = await events.createEvent(auth, world.org.id, eventInput(options.input));
  const ticketTypes: TicketType[] = [];
  for (const type of options.ticketTypes ?? [])
    ticketTypes.push(await events.createTicketType(auth, event.id, type));
  const final = options.publish ? await events.publishEvent(auth, event.id) : event;
  return { event: final, ticketTypes };
}
