import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createEvent, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * The "never a 500" sweep: hostile and malformed input across signup, organizations, events,
 * ticket types and the catalogue. Every refusal is a 4xx RFC 9457 problem document.
 */

const { app, database } = buildTestApp();

interface Ctx {
  world: World;
  /** A draft event of the world's organization, with one ticket type. */
  draftId: string;
  ticketTypeId: string;
  /** A published event. */
  publishedId: string;
  publishedSlug: string;
  publishedTicketTypeId: string;
}

let ctx: Ctx;

beforeAll(async () => {
  const world = await createWorld(app, database.db);
  const draft = await createEvent(database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 1000, capacity: 10 }],
  });
  const published = await createEvent(database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 1000, capacity: 10 }],
    publish: true,
  });
  ctx = {
    world,
    draftId: draft.event.id,
    ticketTypeId: draft.ticketTypes[0]?.id ?? '',
    publishedId: published.event.id,
    publishedSlug: published.event.slug,
    publishedTicketTypeId: published.ticketTypes[0]?.id ?? '',
  };
});

type Who = 'anonymous' | 'owner' | 'ownerWithoutCsrf';

interface Case {
  name: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string | ((ctx: Ctx) => string);
  as?: Who;
  /** Serialized by supertest as JSON. */
  json?: unknown;
  /** The same, for a body that names things the test creates. */
  jsonOf?: (ctx: Ctx) => unknown;
  /** Sent byte for byte, with `contentType` (application/json unless given). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The expected status (or any of several, where the contract allows either). */
  status: number | number[];
  code?: string;
}

const unique = () => randomUUID().slice(0, 8);
const HUGE = 1e20;
const LONG_ID = 'a'.repeat(5000);
const SQLISH = "'; DROP TABLE events; --";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const validSignup = () => ({
  email: `sweep-${unique()}@example.test`,
  password: 'long enough password',
  name: 'Sweep',
});
const validEvent = (overrides: Record<string, unknown> = {}) => ({
  title: `Sweep ${unique()}`,
  startsAt: at(40),
  endsAt: at(41),
  timezone: 'Europe/Paris',
  currency: 'EUR',
  ...overrides,
});
const validTicketType = (overrides: Record<string, unknown> = {}) => ({
  name: 'Sweep GA',
  priceCents: 1000,
  capacity: 10,
  ...overrides,
});

const orgEvents = (c: Ctx) => `/api/organizations/${c.world.org.id}/events`;
const ticketTypesOf = (c: Ctx) => `/api/events/${c.draftId}/ticket-types`;

/** The malformed-body cases every JSON endpoint must refuse the same way. */
function bodySweep(
  label: string,
  method: 'post' | 'patch',
  path: Case['path'],
  as: Who,
  valid: () => Record<string, unknown>,
): Case[] {
  const base = { method, path, as };
  return [
    { ...base, name: `${label}: malformed JSON`, raw: '{"name": ', status: 400, code: 'MALFORMED_JSON' },
    {
      ...base,
      name: `${label}: JSON with trailing garbage`,
      raw: '{} nope',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    { ...base, name: `${label}: JSON null`, raw: 'null', status: 400 },
    { ...base, name: `${label}: a JSON string`, raw: '"hello"', status: 400 },
    { ...base, name: `${label}: a JSON number`, raw: '42', status: 400 },
    { ...base, name: `${label}: JSON true`, raw: 'true', status: 400 },
    { ...base, name: `${label}: an empty array`, json: [], status: 400, code: 'VALIDATION_FAILED' },
    {
      ...base,
      name: `${label}: an array of valid bodies`,
      json: [valid()],
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      ...base,
      name: `${label}: a 101 kB body`,
      json: { ...valid(), padding: 'x'.repeat(101 * 1024) },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      ...base,
      name: `${label}: text/plain`,
      raw: JSON.stringify(valid()),
      contentType: 'text/plain',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      ...base,
      name: `${label}: a form body`,
      raw: 'name=x&title=y',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      ...base,
      name: `${label}: JSON in an unsupported charset`,
      raw: JSON.stringify(valid()),
      contentType: 'application/json; charset=latin1',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      ...base,
      name: `${label}: a corrupt gzip body`,
      raw: 'this is not gzip',
      headers: { 'Content-Encoding': 'gzip' },
      status: 400,
    },
    {
      ...base,
      name: `${label}: an unknown content encoding`,
      raw: '{}',
      headers: { 'Content-Encoding': 'x-unknown' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      ...base,
      name: `${label}: an unknown field`,
      json: { ...valid(), isAdmin: true },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      ...base,
      name: `${label}: a __proto__ member`,
      raw: JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"polluted":true},'),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      ...base,
      name: `${label}: deeply nested JSON`,
      raw: '['.repeat(2000) + ']'.repeat(2000),
      status: 400,
    },
  ];
}

/**
 * Unpaired UTF-16 surrogates: JSON.stringify writes them as `\ud800` escapes, valid JSON that parses
 * back into a JavaScript string no PostgreSQL text can hold.
 */
const LONE_HIGH = '\ud800x';
const LONE_LOW = 'x\udc00';
const validOrder = (c: Ctx, overrides: Record<string, unknown> = {}) => ({
  eventId: c.publishedId,
  items: [{ ticketTypeId: c.publishedTicketTypeId, quantity: 1 }],
  buyer: { name: 'Sweep Buyer', email: `buyer-${unique()}@example.test` },
  ...overrides,
});

/** Issue #10 (14): text that cannot be stored and a ticket type named twice are 400, not 404 or 409. */
const unstorableTextCases: Case[] = [
  {
    name: 'signup: a lone high surrogate in the name',
    method: 'post',
    path: '/api/auth/signup',
    json: { ...validSignup(), name: LONE_HIGH },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'signup: a lone low surrogate in the name',
    method: 'post',
    path: '/api/auth/signup',
    json: { ...validSignup(), name: LONE_LOW },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'signup: a lone surrogate written as raw JSON',
    method: 'post',
    path: '/api/auth/signup',
    raw: JSON.stringify(validSignup()).replace(/"name":"[^"]*"/, '"name":"\\ud800x"'),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'organizations: a lone surrogate in the name',
    method: 'post',
    path: '/api/organizations',
    as: 'owner',
    json: { name: LONE_HIGH },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'events: a lone surrogate in the title',
    method: 'post',
    path: orgEvents,
    as: 'owner',
    json: validEvent({ title: LONE_HIGH }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'event update: a lone surrogate in the venue',
    method: 'patch',
    path: (c) => `/api/events/${c.draftId}`,
    as: 'owner',
    json: { venue: `Hall ${LONE_LOW}` },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'ticket types: a lone surrogate in the name',
    method: 'post',
    path: ticketTypesOf,
    as: 'owner',
    json: validTicketType({ name: LONE_HIGH }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'orders: a lone surrogate in the buyer name',
    method: 'post',
    path: '/api/orders',
    jsonOf: (c) => validOrder(c, { buyer: { name: LONE_HIGH, email: `b-${unique()}@example.test` } }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'orders: a NUL byte in the buyer name',
    method: 'post',
    path: '/api/orders',
    jsonOf: (c) => validOrder(c, { buyer: { name: 'Nul\u0000l', email: `b-${unique()}@example.test` } }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'orders: a lone surrogate in the promo code',
    method: 'post',
    path: '/api/orders',
    jsonOf: (c) => validOrder(c, { promoCode: `SAVE${LONE_HIGH}` }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'orders: the same ticket type twice in different letter case',
    method: 'post',
    path: '/api/orders',
    jsonOf: (c) =>
      validOrder(c, {
        items: [
          { ticketTypeId: c.publishedTicketTypeId.toUpperCase(), quantity: 1 },
          { ticketTypeId: c.publishedTicketTypeId.toLowerCase(), quantity: 1 },
        ],
      }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'check-in: a lone surrogate in the code',
    method: 'post',
    path: (c) => `/api/events/${c.publishedId}/check-ins`,
    as: 'owner',
    json: { code: `ABCD-${LONE_HIGH}` },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
];

const problemCases: Case[] = [
  ...unstorableTextCases,
  // ---- Accounts ------------------------------------------------------------------------------
  ...bodySweep('signup', 'post', '/api/auth/signup', 'anonymous', validSignup),
  {
    name: 'signup: empty body',
    method: 'post',
    path: '/api/auth/signup',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  ...(
    [
      ['password as a number', { password: 12345678 }],
      ['password 1e20', { password: HUGE }],
      ['name as a number', { name: HUGE }],
      ['name over 100 characters', { name: 'é'.repeat(101) }],
      ['a blank name', { name: '   ' }],
      ['a NUL byte in the name', { name: 'Null\u0000Byte' }],
      ['an email of 5000 characters', { email: `${'a'.repeat(4990)}@x.test` }],
      ['an SQL-ish email', { email: "' OR '1'='1" }],
      ['a null email', { email: null }],
      ['an email as an array', { email: ['a@b.test'] }],
      ['a short password', { password: 'short' }],
    ] as const
  ).map(([name, patch]): Case => ({
    name: `signup: ${name}`,
    method: 'post',
    path: '/api/auth/signup',
    json: { ...validSignup(), ...patch },
    status: 400,
    code: 'VALIDATION_FAILED',
  })),
  {
    name: 'login: malformed JSON',
    method: 'post',
    path: '/api/auth/login',
    raw: '{"email":',
    status: 400,
    code: 'MALFORMED_JSON',
  },
  {
    name: 'login: password 1e20',
    method: 'post',
    path: '/api/auth/login',
    json: { email: 'nobody@example.test', password: HUGE },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    // A valid 250-character address: once it fed a rate-limit key too long for its column (a 500).
    name: 'login: a very long but valid email',
    method: 'post',
    path: '/api/auth/login',
    json: { email: `${'a'.repeat(64)}@${`${'b'.repeat(60)}.`.repeat(3)}test`, password: 'whatever-123' },
    status: 401,
    code: 'INVALID_CREDENTIALS',
  },
  {
    name: 'me: a 5000-character Bearer key',
    method: 'get',
    path: '/api/me',
    headers: { Authorization: `Bearer ${'k'.repeat(5000)}` },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'me: a Basic authorization header',
    method: 'get',
    path: '/api/me',
    headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'me: a 5000-character session cookie',
    method: 'get',
    path: '/api/me',
    headers: { Cookie: `zevents_session=${'s'.repeat(5000)}` },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'api keys: a NUL byte in the name',
    method: 'post',
    path: (c) => `/api/organizations/${c.world.org.id}/api-keys`,
    as: 'owner',
    json: { name: 'ci\u0000key' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'api keys: a 5000-character organization id',
    method: 'post',
    path: `/api/organizations/${LONG_ID}/api-keys`,
    as: 'owner',
    json: { name: 'ci' },
    status: 404,
    code: 'NOT_FOUND',
  },

  // ---- Organizations -------------------------------------------------------------------------
  ...bodySweep('organizations', 'post', '/api/organizations', 'owner', () => ({ name: `Org ${unique()}` })),
  ...(
    [
      ['name 1e20', { name: HUGE }],
      ['an empty name', { name: '' }],
      ['a blank name', { name: '   ' }],
      ['a NUL byte in the name', { name: 'Org\u0000' }],
      ['name as an object', { name: { first: 'x' } }],
      ['path traversal in the slug', { name: 'Org', slug: '../../etc/passwd' }],
      ['a slash in the slug', { name: 'Org', slug: 'a/b' }],
      ['a 5000-character slug', { name: 'Org', slug: LONG_ID }],
      ['an SQL-ish slug', { name: 'Org', slug: SQLISH }],
      ['an uppercase slug', { name: 'Org', slug: 'UPPER' }],
      ['a unicode slug', { name: 'Org', slug: 'fête' }],
      ['a slug as a number', { name: 'Org', slug: 12345 }],
    ] as const
  ).map(([name, body]): Case => ({
    name: `organizations: ${name}`,
    method: 'post',
    path: '/api/organizations',
    as: 'owner',
    json: body,
    status: 400,
    code: 'VALIDATION_FAILED',
  })),
  {
    name: 'organizations: anonymous',
    method: 'post',
    path: '/api/organizations',
    json: { name: 'Org' },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'organizations: a session without the CSRF header',
    method: 'post',
    path: '/api/organizations',
    as: 'ownerWithoutCsrf',
    json: { name: 'Org' },
    status: 403,
    code: 'CSRF_FAILED',
  },
  {
    name: 'members: a 5000-character organization id',
    method: 'get',
    path: `/api/organizations/${LONG_ID}/members`,
    as: 'owner',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'members: path traversal as the organization id',
    method: 'get',
    path: '/api/organizations/..%2F..%2Fetc%2Fpasswd/members',
    as: 'owner',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'members: an SQL-ish organization id',
    method: 'get',
    path: `/api/organizations/${encodeURIComponent(SQLISH)}/members`,
    as: 'owner',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'members: a badly percent-encoded organization id',
    method: 'get',
    path: '/api/organizations/%E0%A4%A/members',
    as: 'owner',
    status: 400,
  },
  {
    name: 'members: email 1e20',
    method: 'post',
    path: (c) => `/api/organizations/${c.world.org.id}/members`,
    as: 'owner',
    json: { email: HUGE, role: 'staff' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'members: an unknown role',
    method: 'post',
    path: (c) => `/api/organizations/${c.world.org.id}/members`,
    as: 'owner',
    json: { email: 'someone@example.test', role: 'superuser' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },

  // ---- Events --------------------------------------------------------------------------------
  ...bodySweep('events', 'post', orgEvents, 'owner', validEvent),
  { name: 'events: empty object', method: 'post', path: orgEvents, as: 'owner', json: {}, status: 400 },
  ...(
    [
      ['title 1e20', { title: HUGE }],
      ['a title of 5000 characters', { title: 'T'.repeat(5000) }],
      ['a NUL byte in the title', { title: 'Launch\u0000party' }],
      ['a null title', { title: null }],
      ['startsAt as a number', { startsAt: HUGE }],
      ['startsAt as a numeric string', { startsAt: '1893456000000' }],
      ['an impossible date', { startsAt: '2030-13-45T99:00:00Z' }],
      ['a five-digit year', { startsAt: '20205-01-01T00:00:00Z', endsAt: '20205-01-02T00:00:00Z' }],
      ['a date without offset', { startsAt: '2030-01-01T00:00:00' }],
      ['endsAt before startsAt', { startsAt: at(41), endsAt: at(40) }],
      ['an event longer than 366 days', { startsAt: at(40), endsAt: at(40 + 400) }],
      ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }],
      ['path traversal as the time zone', { timezone: '../../etc/passwd' }],
      ['a lowercase currency', { currency: 'eur' }],
      ['an unknown currency', { currency: 'ZZZ' }],
      ['an SQL-ish currency', { currency: SQLISH }],
      ['a description over 20000 characters', { description: 'd'.repeat(20_001) }],
      ['a venue as an array', { venue: ['Hall'] }],
    ] as const
  ).map(([name, patch]): Case => ({
    name: `events: ${name}`,
    method: 'post',
    path: orgEvents,
    as: 'owner',
    json: validEvent(patch),
    status: 400,
    code: 'VALIDATION_FAILED',
  })),
  {
    name: 'events: a 5000-character organization id',
    method: 'post',
    path: `/api/organizations/${LONG_ID}/events`,
    as: 'owner',
    json: validEvent(),
    status: 404,
    code: 'NOT_FOUND',
  },
  ...(
    [
      ['a 5000-character id', LONG_ID],
      ['an id that is not a uuid', 'not-a-uuid'],
      ['an unknown uuid', randomUUID()],
      ['an SQL-ish id', encodeURIComponent(SQLISH)],
      ['path traversal', '..%2F..%2Fetc%2Fpasswd'],
      ['a NUL byte', 'abc%00def'],
    ] as const
  ).map(([name, id]): Case => ({
    name: `event detail: ${name}`,
    method: 'get',
    path: `/api/events/${id}`,
    as: 'owner',
    status: 404,
    code: 'NOT_FOUND',
  })),
  ...(
    [
      ['JSON null', { raw: 'null' }],
      ['an array', { json: [{ title: 'x' }] }],
      ['a JSON string', { raw: '"title"' }],
      ['a null title', { json: { title: null } }],
      ['startsAt 1e20', { json: { startsAt: HUGE } }],
      ['endsAt before startsAt', { json: { startsAt: at(41), endsAt: at(40) } }],
      ['a NUL byte in the venue', { json: { venue: 'Hall\u0000' } }],
      ['text/plain', { raw: '{"title":"x"}', contentType: 'text/plain' }],
      ['a 101 kB body', { json: { description: 'x'.repeat(101 * 1024) } }],
    ] as const
  ).map(([name, body]): Case => ({
    name: `event update: ${name}`,
    method: 'patch',
    path: (c) => `/api/events/${c.draftId}`,
    as: 'owner',
    ...body,
    status: name === 'text/plain' ? 415 : name === 'a 101 kB body' ? 413 : 400,
  })),
  ...(
    [
      ['limit=1e20', 'limit=1e20'],
      ['limit=-0', 'limit=-0'],
      ['limit=abc', 'limit=abc'],
      ['limit=1.5', 'limit=1.5'],
      ['two limits', 'limit=1&limit=2'],
      ['a garbage cursor', 'cursor=%%%garbage'],
      ['a forged cursor with a bad date', `cursor=${b64({ k: 'yesterday', id: randomUUID() })}`],
      ['a forged cursor with a bad id', `cursor=${b64({ k: '2030-01-01T00:00:00.000Z', id: SQLISH })}`],
    ] as const
  ).map(([name, query]): Case => ({
    name: `organization events: ${name}`,
    method: 'get',
    path: (c) => `${orgEvents(c)}?${query}`,
    as: 'owner',
    status: 400,
    code: 'VALIDATION_FAILED',
  })),
  ...(
    [
      ['offsetMinutes as a string', { offsetMinutes: '60' }],
      ['offsetMinutes 1e20', { offsetMinutes: HUGE }],
      ['offsetMinutes -0', { offsetMinutes: -0 }],
      ['offsetMinutes 1.5', { offsetMinutes: 1.5 }],
    ] as const
  ).map(([name, body]): Case => ({
    name: `reminders: ${name}`,
    method: 'post',
    path: (c) => `/api/events/${c.draftId}/reminders`,
    as: 'owner',
    json: body,
    status: 400,
    code: 'VALIDATION_FAILED',
  })),
  ...['1e20', '-0', 'abc', '99999999999999999999'].map((offset): Case => ({
    name: `reminders: delete offset ${offset}`,
    method: 'delete',
    path: (c) => `/api/events/${c.draftId}/reminders/${offset}`,
    as: 'owner',
    status: 404,
    code: 'NOT_FOUND',
  })),
  ...(
    [
      ['percentOff 1e20', { code: 'SAVE', percentOff: HUGE }],
      ['path traversal in the code', { code: '../etc', percentOff: 10 }],
      ['an SQL-ish code', { code: SQLISH, percentOff: 10 }],
      ['a 5000-character ticket type id', { code: 'SAVE', percentOff: 10, ticketTypeIds: [LONG_ID] }],
      ['a ticket type id that is not a uuid', { code: 'SAVE2', percentOff: 10, ticketTypeIds: ['x'] }],
      ['both discounts', { code: 'SAVE3', percentOff: 10, amountOffCents: 100 }],
    ] as const
  ).map(([name, body]): Case => ({
    name: `promo codes: ${name}`,
    method: 'post',
    path: (c) => `/api/events/${c.draftId}/promo-codes`,
    as: 'owner',
    json: body,
    status: 400,
    code: 'VALIDATION_FAILED',
  })),

  // ---- Ticket types --------------------------------------------------------------------------
  ...bodySweep('ticket types', 'post', ticketTypesOf, 'owner', validTicketType),
  ...(
    [
      ['priceCents as a string', { priceCents: '1000' }],
      ['priceCents 1e20', { priceCents: HUGE }],
      ['a negative price', { priceCents: -1 }],
      ['a fractional price', { priceCents: 10.5 }],
      ['a null price', { priceCents: null }],
      ['capacity as a string', { capacity: '10' }],
      ['capacity 1e20', { capacity: HUGE }],
      ['a negative capacity', { capacity: -5 }],
      ['a NUL byte in the name', { name: 'G\u0000A' }],
      ['minPerOrder 0', { minPerOrder: 0 }],
      ['maxPerOrder 101', { maxPerOrder: 101 }],
      ['minPerOrder above maxPerOrder', { minPerOrder: 5, maxPerOrder: 2 }],
      ['salesEndAt before salesStartAt', { salesStartAt: at(5), salesEndAt: at(4) }],
      ['salesStartAt as a number', { salesStartAt: HUGE }],
    ] as const
  ).map(([name, patch]): Case => ({
    name: `ticket types: ${name}`,
    method: 'post',
    path: ticketTypesOf,
    as: 'owner',
    json: validTicketType(patch),
    status: 400,
    code: 'VALIDATION_FAILED',
  })),
  {
    name: 'ticket types: priceCents 1e400 (Infinity once parsed)',
    method: 'post',
    path: ticketTypesOf,
    as: 'owner',
    raw: '{"name":"GA","priceCents":1e400,"capacity":10}',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'ticket types: sales ending after the event',
    method: 'post',
    path: ticketTypesOf,
    as: 'owner',
    json: validTicketType({ salesEndAt: at(365) }),
    status: 422,
    code: 'INVALID_SALES_WINDOW',
  },
  {
    name: 'ticket types: a 5000-character event id',
    method: 'post',
    path: `/api/events/${LONG_ID}/ticket-types`,
    as: 'owner',
    json: validTicketType(),
    status: 404,
    code: 'NOT_FOUND',
  },
  ...(
    [
      ['a 5000-character id', LONG_ID],
      ['an unknown uuid', randomUUID()],
      ['an SQL-ish id', encodeURIComponent(SQLISH)],
    ] as const
  ).map(([name, id]): Case => ({
    name: `ticket type update: ${name}`,
    method: 'patch',
    path: `/api/ticket-types/${id}`,
    as: 'owner',
    json: { capacity: 5 },
    status: 404,
    code: 'NOT_FOUND',
  })),
  ...(
    [
      ['JSON null', { raw: 'null' }],
      ['capacity 1e20', { json: { capacity: HUGE } }],
      ['capacity as a string', { json: { capacity: '5' } }],
      ['an array', { json: [] }],
    ] as const
  ).map(([name, body]): Case => ({
    name: `ticket type update: ${name}`,
    method: 'patch',
    path: (c) => `/api/ticket-types/${c.ticketTypeId}`,
    as: 'owner',
    ...body,
    status: 400,
  })),

  // ---- Public catalogue ----------------------------------------------------------------------
  ...(
    [
      ['a NUL byte in q', 'q=%00'],
      ['q over 100 characters', `q=${'q'.repeat(101)}`],
      ['two q values', 'q=a&q=b'],
      ['limit=1e20', 'limit=1e20'],
      ['limit=-0', 'limit=-0'],
      ['limit=0', 'limit=0'],
      ['an empty limit', 'limit='],
      ['limit=NaN', 'limit=NaN'],
      ['limit=Infinity', 'limit=Infinity'],
      ['a garbage cursor', 'cursor=garbage!!'],
      ['a cursor that is base64 but not JSON', `cursor=${Buffer.from('hi').toString('base64url')}`],
      ['a forged cursor with a bad date', `cursor=${b64({ k: 'soon', id: randomUUID() })}`],
      [
        'a forged cursor with a huge year',
        `cursor=${b64({ k: '+275760-09-13T00:00:00.000Z', id: randomUUID() })}`,
      ],
      ['a forged cursor with an SQL-ish id', `cursor=${b64({ k: '2030-01-01T00:00:00.000Z', id: SQLISH })}`],
      ['a cursor over 500 characters', `cursor=${'c'.repeat(501)}`],
      ['from that is not a date', 'from=tomorrow'],
      ['from 1e20', 'from=1e20'],
      ['to without offset', 'to=2030-01-01T00:00:00'],
    ] as const
  ).map(([name, query]): Case => ({
    name: `catalogue list: ${name}`,
    method: 'get',
    path: `/api/public/events?${query}`,
    status: 400,
    code: 'VALIDATION_FAILED',
  })),
  ...(
    [
      ['a 5000-character id', LONG_ID],
      ['an unknown uuid', randomUUID()],
      ['path traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
      ['a dot-dot', '%2e%2e'],
      ['a NUL byte', 'abc%00def'],
      ['an SQL-ish slug', encodeURIComponent("' OR '1'='1")],
      ['an emoji', encodeURIComponent('🎉')],
      ['a LIKE wildcard', '%25'],
    ] as const
  ).map(([name, key]): Case => ({
    name: `catalogue detail: ${name}`,
    method: 'get',
    path: `/api/public/events/${key}`,
    status: 404,
    code: 'NOT_FOUND',
  })),
  {
    name: 'catalogue detail: bad percent-encoding',
    method: 'get',
    path: '/api/public/events/%E0%A4%A',
    status: 400,
  },
  {
    name: 'catalogue: an unsupported method',
    method: 'delete',
    path: '/api/public/events',
    status: 404,
    code: 'NOT_FOUND',
  },
];

function actorOf(c: Ctx, who: Who = 'anonymous'): Actor {
  if (who === 'owner') return c.world.owner;
  if (who === 'ownerWithoutCsrf') return c.world.owner.withoutCsrf();
  return c.world.anonymous;
}

function send(testCase: Case) {
  const actor = actorOf(ctx, testCase.as);
  const path = typeof testCase.path === 'function' ? testCase.path(ctx) : testCase.path;
  let test = actor[testCase.method](path);
  if (testCase.headers) test = test.set(testCase.headers);
  if (testCase.raw !== undefined)
    test = test.set('Content-Type', testCase.contentType ?? 'application/json').send(testCase.raw);
  else if (testCase.json !== undefined) test = test.send(testCase.json as object);
  else if (testCase.jsonOf) test = test.send(testCase.jsonOf(ctx) as object);
  return test;
}

function expectProblemDocument(res: Response, expected: { status: number | number[]; code?: string }): void {
  const context = `${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, context).not.toBe(500);
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  const statuses = Array.isArray(expected.status) ? expected.status : [expected.status];
  expect(statuses, context).toContain(res.status);
  expect(res.headers['content-type'], context).toMatch(/^application\/problem\+json/);
  const body = res.body as Record<string, unknown>;
  expect(body.status).toBe(res.status);
  expect(body.type).toEqual(expect.stringMatching(/\S/));
  expect(body.title).toEqual(expect.stringMatching(/\S/));
  expect(body.detail).toEqual(expect.stringMatching(/\S/));
  expect(body.code).toEqual(expect.stringMatching(/^[A-Z][A-Z_]+$/));
  if (expected.code) expect(body.code, context).toBe(expected.code);
  if (body.errors !== undefined) {
    expect(Array.isArray(body.errors)).toBe(true);
    for (const problem of body.errors as Array<Record<string, unknown>>) {
      expect(typeof problem.path).toBe('string');
      expect(typeof problem.message).toBe('string');
    }
  }
}

describe('bad inputs answer a 4xx problem, never a 500', () => {
  it.each(problemCases.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      expectProblemDocument(await send(testCase), testCase);
    },
  );
});

interface ToleratedCase extends Omit<Case, 'status' | 'code'> {
  status: number;
  check?: (body: Record<string, unknown>) => void;
}

/** Odd but legitimate input: accepted, not refused. */
const toleratedCases: ToleratedCase[] = [
  {
    name: 'catalogue: unknown query parameters are ignored',
    method: 'get',
    path: '/api/public/events?foo=bar&debug=1&limit=3',
    status: 200,
    check: (body) => expect((body.items as unknown[]).length).toBeLessThanOrEqual(3),
  },
  {
    name: 'catalogue: a number as a string in the query',
    method: 'get',
    path: '/api/public/events?limit=007',
    status: 200,
  },
  {
    name: 'catalogue: an SQL-ish q is just text',
    method: 'get',
    path: `/api/public/events?q=${encodeURIComponent(SQLISH)}`,
    status: 200,
    check: (body) => expect(body.items).toEqual([]),
  },
  {
    name: "catalogue: q of ' OR 1=1 -- matches nothing",
    method: 'get',
    path: `/api/public/events?q=${encodeURIComponent("zz' OR 1=1 --")}`,
    status: 200,
    check: (body) => expect(body.items).toEqual([]),
  },
  {
    name: 'catalogue: a unicode q',
    method: 'get',
    path: `/api/public/events?q=${encodeURIComponent('Fête 🎉 日本 \u202Eevil')}`,
    status: 200,
  },
  {
    name: 'catalogue: badly percent-encoded q',
    method: 'get',
    path: '/api/public/events?q=%E0%A4%A',
    status: 200,
  },
  {
    name: 'catalogue detail: unknown query parameters are ignored',
    method: 'get',
    path: (c) => `/api/public/events/${c.publishedSlug}?include=secrets`,
    status: 200,
  },
  {
    name: 'organization events: unknown query parameters are ignored',
    method: 'get',
    path: (c) => `${orgEvents(c)}?sort=evil&limit=2`,
    as: 'owner',
    status: 200,
  },
  {
    name: 'signup: a unicode name',
    method: 'post',
    path: '/api/auth/signup',
    json: { ...validSignup(), name: 'Zoë 🎟️ 山田 \u202Eevil' },
    status: 201,
    check: (body) => expect((body.user as { name: string }).name).toBe('Zoë 🎟️ 山田 \u202Eevil'),
  },
  {
    name: 'signup: an emoji written as an escaped surrogate pair',
    method: 'post',
    path: '/api/auth/signup',
    raw: JSON.stringify(validSignup()).replace(/"name":"[^"]*"/, '"name":"Ticket \\ud83c\\udf9f"'),
    status: 201,
    check: (body) => expect((body.user as { name: string }).name).toBe('Ticket 🎟'),
  },
  {
    name: 'organizations: a unicode name gets a safe slug',
    method: 'post',
    path: '/api/organizations',
    as: 'owner',
    json: { name: '🎉 Fête — Ünïcödé' },
    status: 201,
    check: (body) => expect(body.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  },
  {
    name: 'events: an emoji-only title gets a safe slug',
    method: 'post',
    path: orgEvents,
    as: 'owner',
    json: validEvent({ title: '🎉🎊🎶' }),
    status: 201,
    check: (body) => {
      expect(body.title).toBe('🎉🎊🎶');
      expect(body.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    },
  },
  {
    name: 'events: an SQL-ish title is stored as text',
    method: 'post',
    path: orgEvents,
    as: 'owner',
    json: validEvent({ title: SQLISH, venue: "O'Brien's Pub" }),
    status: 201,
    check: (body) => expect(body).toMatchObject({ title: SQLISH, venue: "O'Brien's Pub", status: 'draft' }),
  },
  {
    name: 'event update: an empty object changes nothing',
    method: 'patch',
    path: (c) => `/api/events/${c.draftId}`,
    as: 'owner',
    json: {},
    status: 200,
  },
  {
    name: 'ticket types: capacity -0 is zero',
    method: 'post',
    path: ticketTypesOf,
    as: 'owner',
    raw: '{"name":"Negative zero","priceCents":-0,"capacity":-0}',
    status: 201,
    check: (body) => expect(body).toMatchObject({ capacity: 0, priceCents: 0, available: 0 }),
  },
];

describe('odd but valid inputs are accepted', () => {
  it.each(toleratedCases.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const res = await send({ ...testCase, status: testCase.status });
      expect(res.status, res.text.slice(0, 300)).toBe(testCase.status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      testCase.check?.(res.body as Record<string, unknown>);
    },
  );
});

describe('the problem names what to fix', () => {
  it('a field whose text cannot be stored', async () => {
    const res = await ctx.world.anonymous.post(
      '/api/orders',
      validOrder(ctx, { buyer: { name: LONE_HIGH, email: `b-${unique()}@example.test` } }),
    );
    expect(res.status, res.text).toBe(400);
    expect((res.body as { errors: unknown }).errors).toEqual([
      expect.objectContaining({ path: 'buyer.name' }),
    ]);
  });

  it('a ticket type named twice, whatever its letter case', async () => {
    const id = ctx.publishedTicketTypeId;
    const res = await ctx.world.anonymous.post(
      '/api/orders',
      validOrder(ctx, {
        items: [
          { ticketTypeId: id, quantity: 1 },
          { ticketTypeId: id.toUpperCase(), quantity: 2 },
        ],
      }),
    );
    expect(res.status, res.text).toBe(400);
    expect((res.body as { errors: unknown }).errors).toEqual([expect.objectContaining({ path: 'items' })]);
  });

  it('an upper-case ticket type id alone still buys', async () => {
    const res = await ctx.world.anonymous.post(
      '/api/orders',
      validOrder(ctx, { items: [{ ticketTypeId: ctx.publishedTicketTypeId.toUpperCase(), quantity: 1 }] }),
    );
    expect(res.status, res.text).toBe(201);
    expect((res.body as { items: Array<{ ticketTypeId: string }> }).items[0]?.ticketTypeId).toBe(
      ctx.publishedTicketTypeId,
    );
  });
});

describe('after the sweep', () => {
  it('the database and the catalogue still work', async () => {
    expect((await ctx.world.anonymous.get('/healthz')).body).toEqual({ status: 'ok', db: 'ok' });
    const res = await ctx.world.anonymous.get(`/api/public/events/${ctx.publishedId}`);
    expect(res.status).toBe(200);
  });
});
