import { randomUUID } from 'node:crypto';
import type { Order, PromoCode } from '@zevents/contracts';
import { sql } from 'drizzle-orm';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../src/db/client';
import { deleteUnusedTicketType, lockEvent } from '../src/modules/events/catalogue-admin.repository';
import { type ReserveParams, reserveOn } from '../src/modules/orders/orders.repository';
import {
  buyOk,
  cancel,
  createPromo,
  expectProblem,
  openSale,
  orderBody,
  reserve,
  reserveOk,
} from './checkout-helpers';
import { Actor, createEvent, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Deleting ticket types (and who may edit or delete promo codes): the rules, the refusals that change
 * nothing, and the race against buyers reserving the same type.
 */

// Its own pool, big enough for a burst of reserves racing a delete without the 503 of a full pool.
const database = createDatabase(inject('databaseUrl'), 8);
database.pool.options.connectionTimeoutMillis = 30_000;
const t = buildTestApp({ database, maxWaitingForDb: 100_000 });
const { pool } = database;
afterAll(() => database.close());

const GA = { name: 'General admission', priceCents: 2500, capacity: 100 };
const VIP = { name: 'VIP', priceCents: 9000, capacity: 10 };

let world: World;
let other: World;
let apiKey: Actor;

beforeAll(async () => {
  world = await createWorld(t.app, database.db);
  other = await createWorld(t.app, database.db);
  const res = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'integration' });
  apiKey = new Actor(t.app, { Authorization: `Bearer ${(res.body as { key: string }).key}` });
});

/** Everything a refused request must leave as it was: the event's types, promo codes, orders, audit. */
async function stateOf(organizationId: string) {
  const q = async (text: string) => (await pool.query(text, [organizationId])).rows;
  return {
    types: await q(`SELECT tt.* FROM ticket_types tt JOIN events e ON e.id = tt.event_id
                    WHERE e.organization_id = $1 ORDER BY tt.id`),
    promos: await q(`SELECT p.* FROM promo_codes p JOIN events e ON e.id = p.event_id
                     WHERE e.organization_id = $1 ORDER BY p.id`),
    orders: await q(`SELECT o.id, o.status FROM orders o JOIN events e ON e.id = o.event_id
                     WHERE e.organization_id = $1 ORDER BY o.id`),
    audit: await q('SELECT count(*)::int AS n FROM audit_log WHERE organization_id = $1'),
  };
}

async function typeExists(id: string): Promise<boolean> {
  return (await pool.query('SELECT 1 FROM ticket_types WHERE id = $1', [id])).rowCount === 1;
}

async function auditActions(organizationId: string, action: string) {
  const { rows } = await pool.query<{ details: Record<string, unknown> }>(
    'SELECT details FROM audit_log WHERE organization_id = $1 AND action = $2',
    [organizationId, action],
  );
  return rows.map((row) => row.details);
}

it('publishes the new routes in the OpenAPI document', async () => {
  const doc = (await world.anonymous.get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  expect(Object.keys(doc.paths['/api/ticket-types/{ticketTypeId}'] ?? {})).toContain('delete');
  const promo = doc.paths['/api/promo-codes/{promoCodeId}'] ?? {};
  expect(Object.keys(promo).sort()).toEqual(['delete', 'patch']);
  expect(Object.keys(promo.patch?.responses ?? {})).toEqual(
    expect.arrayContaining(['200', '400', '404', '422']),
  );
});

describe('authorization (DELETE ticket type, PATCH and DELETE promo code)', () => {
  type Kind = 'deleteType' | 'patchPromo' | 'deletePromo';
  /** Builds a fresh target in the world and returns the request's path. */
  async function target(kind: Kind, home: World, id?: string): Promise<string> {
    if (id) return kind === 'deleteType' ? `/api/ticket-types/${id}` : `/api/promo-codes/${id}`;
    const { event, ticketTypes } = await createEvent(database.db, home, { ticketTypes: [GA] });
    if (kind === 'deleteType') return `/api/ticket-types/${ticketTypes[0]?.id ?? ''}`;
    const promo = await createPromo(home.owner, event.id, { code: 'AUTH10', percentOff: 10 });
    return `/api/promo-codes/${promo.id}`;
  }
  const send = (actor: Actor, kind: Kind, path: string) =>
    kind === 'patchPromo' ? actor.patch(path, { percentOff: 20 }) : actor.delete(path);
  const okStatus = (kind: Kind) => (kind === 'patchPromo' ? 200 : 204);

  const cases: Array<{
    label: string;
    caller: () => Actor;
    home: () => World;
    id?: string;
    expected?: { status: number; code: string };
  }> = [
    { label: 'owner', caller: () => world.owner, home: () => world },
    { label: 'admin', caller: () => world.admin, home: () => world },
    { label: 'org API key', caller: () => apiKey, home: () => world },
    {
      label: 'staff',
      caller: () => world.staff,
      home: () => world,
      expected: { status: 403, code: 'FORBIDDEN' },
    },
    {
      label: 'outsider',
      caller: () => world.outsider,
      home: () => world,
      expected: { status: 404, code: 'NOT_FOUND' },
    },
    {
      label: 'anonymous',
      caller: () => world.anonymous,
      home: () => world,
      expected: { status: 401, code: 'UNAUTHENTICATED' },
    },
    {
      label: 'owner, unknown uuid',
      caller: () => world.owner,
      home: () => world,
      id: randomUUID(),
      expected: { status: 404, code: 'NOT_FOUND' },
    },
    {
      label: 'owner, malformed id',
      caller: () => world.owner,
      home: () => world,
      id: 'abc',
      expected: { status: 404, code: 'NOT_FOUND' },
    },
    {
      label: "API key on another organization's data",
      caller: () => apiKey,
      home: () => other,
      expected: { status: 404, code: 'NOT_FOUND' },
    },
  ];
  const table = (['deleteType', 'patchPromo', 'deletePromo'] as const).flatMap((kind) =>
    cases.map((c) => ({ name: `${kind} as ${c.label}`, kind, c })),
  );

  it.each(table)('$name', async ({ kind, c }) => {
    const path = await target(kind, c.home(), c.id);
    const before = [await stateOf(world.org.id), await stateOf(other.org.id)];
    const res = await send(c.caller(), kind, path);
    if (c.expected) {
      expectProblem(res, c.expected.status, c.expected.code);
      expect([await stateOf(world.org.id), await stateOf(other.org.id)]).toEqual(before);
    } else {
      expect(res.status, JSON.stringify(res.body)).toBe(okStatus(kind));
    }
  });

  it('refuses a cookie request without the CSRF header and changes nothing', async () => {
    const path = await target('deleteType', world);
    const before = await stateOf(world.org.id);
    expectProblem(await world.owner.withoutCsrf().delete(path), 403, 'CSRF_FAILED');
    expect(await stateOf(world.org.id)).toEqual(before);
  });
});

describe('DELETE /api/ticket-types/{id}', () => {
  function expectInUse(res: Response, pattern: RegExp) {
    expectProblem(res, 409, 'TICKET_TYPE_IN_USE');
    expect((res.body as { detail: string }).detail).toMatch(pattern);
  }

  it('deletes a type nobody ordered: 204, gone from the event, audited', async () => {
    const { event, types } = await openSale(t, world, [GA, VIP]);
    const vip = types[1];
    if (!vip) throw new Error('no VIP');
    const res = await world.owner.delete(`/api/ticket-types/${vip.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await typeExists(vip.id)).toBe(false);
    const shown = await world.owner.get(`/api/events/${event.id}`);
    expect((shown.body as { ticketTypes: Array<{ id: string }> }).ticketTypes.map((x) => x.id)).toEqual([
      types[0]?.id,
    ]);
    expect(await auditActions(world.org.id, 'ticket_type.delete')).toContainEqual({
      ticketTypeId: vip.id,
      name: 'VIP',
    });
    expectProblem(await world.owner.delete(`/api/ticket-types/${vip.id}`), 404, 'NOT_FOUND');
  });

  it.each([
    [
      'held',
      async (sale: { event: { id: string } }, typeId: string) => {
        await reserveOk(world.anonymous, orderBody(sale.event, [[typeId, 2]]));
      },
    ],
    [
      'sold',
      async (sale: { event: { id: string } }, typeId: string) => {
        await buyOk(world.anonymous, orderBody(sale.event, [[typeId, 1]]));
      },
    ],
    [
      'only in a cancelled order (held back to 0)',
      async (sale: { event: { id: string } }, typeId: string) => {
        const order = await reserveOk(world.anonymous, orderBody(sale.event, [[typeId, 1]]));
        expect((await cancel(world.anonymous, order)).status).toBe(200);
      },
    ],
  ])('refuses a type that was %s: 409 with what to do instead, nothing changed', async (_label, use) => {
    const sale = await openSale(t, world, [GA, VIP]);
    const vip = sale.types[1];
    if (!vip) throw new Error('no VIP');
    await use(sale, vip.id);
    const before = await stateOf(world.org.id);
    expectInUse(await world.owner.delete(`/api/ticket-types/${vip.id}`), /end its sales window|capacity/);
    expect(await stateOf(world.org.id)).toEqual(before);
  });

  it('refuses while a promo code applies to it alone; a shared code just forgets it', async () => {
    const { event, types } = await openSale(t, world, [GA, VIP, { ...VIP, name: 'Backstage' }]);
    const [ga, vip, backstage] = types;
    if (!ga || !vip || !backstage) throw new Error('types missing');
    const only = await createPromo(world.owner, event.id, {
      code: 'VIPONLY',
      percentOff: 10,
      ticketTypeIds: [vip.id],
    });
    const shared = await createPromo(world.owner, event.id, {
      code: 'SHARED',
      percentOff: 10,
      ticketTypeIds: [vip.id, backstage.id],
    });
    const before = await stateOf(world.org.id);
    expectInUse(await world.owner.delete(`/api/ticket-types/${vip.id}`), /VIPONLY/);
    expect(await stateOf(world.org.id)).toEqual(before);

    expect((await world.owner.delete(`/api/ticket-types/${backstage.id}`)).status).toBe(204);
    const codes = (await world.owner.get(`/api/events/${event.id}/promo-codes`)).body as {
      items: PromoCode[];
    };
    expect(codes.items.find((c) => c.id === shared.id)?.ticketTypeIds).toEqual([vip.id]);
    expect(codes.items.find((c) => c.id === only.id)?.ticketTypeIds).toEqual([vip.id]);
  });

  it('keeps the last type of a published event (422) but not of a draft', async () => {
    const published = await openSale(t, world, [GA]);
    const before = await stateOf(world.org.id);
    expectProblem(
      await world.owner.delete(`/api/ticket-types/${published.types[0]?.id ?? ''}`),
      422,
      'NO_TICKET_TYPES',
    );
    expect(await stateOf(world.org.id)).toEqual(before);
    const draft = await openSale(t, world, [GA], { publish: false });
    expect((await world.owner.delete(`/api/ticket-types/${draft.types[0]?.id ?? ''}`)).status).toBe(204);
  });

  it('two deletes at once of the last two types of a published event: one goes, one type stays', async () => {
    for (let round = 0; round < 5; round++) {
      const { event, types } = await openSale(t, world, [GA, VIP]);
      const answers = await Promise.all(
        types.map((type) => world.owner.delete(`/api/ticket-types/${type.id}`)),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([204, 422]);
      const left = await pool.query('SELECT count(*)::int AS n FROM ticket_types WHERE event_id = $1', [
        event.id,
      ]);
      expect(left.rows[0]?.n).toBe(1);
    }
  });

  it('refuses on a cancelled event', async () => {
    const { event, types } = await openSale(t, world, [GA, VIP], { publish: false });
    expect((await world.owner.post(`/api/events/${event.id}/cancel`)).status).toBe(200);
    expectProblem(
      await world.owner.delete(`/api/ticket-types/${types[1]?.id ?? ''}`),
      422,
      'EVENT_CANCELLED',
    );
    expect(await typeExists(types[1]?.id ?? '')).toBe(true);
  });

  it('ignores a body and refuses malformed JSON with 400', async () => {
    const { types } = await openSale(t, world, [GA, VIP]);
    const res = await world.owner
      .delete(`/api/ticket-types/${types[1]?.id ?? ''}`)
      .set('Content-Type', 'application/json')
      .send('{"oops":');
    expectProblem(res, 400, 'MALFORMED_JSON');
    expect(await typeExists(types[1]?.id ?? '')).toBe(true);
  });
});

/** Resolves once some other backend waits on a lock `pid` holds. */
async function blockedBy(pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
      [pid],
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`nothing ever waited on backend ${pid}`);
}

function reserveParams(eventId: string, ticketTypeId: string): ReserveParams {
  const now = new Date();
  return {
    orderId: randomUUID(),
    eventId,
    items: [{ ticketTypeId, quantity: 1 }],
    buyerName: 'Racing Buyer',
    // One buyer each: the per-buyer limit is not what these races are about.
    buyerEmail: `racing-${randomUUID()}@example.test`,
    buyerUserId: null,
    promoCode: null,
    accessCode: null,
    now,
    expiresAt: new Date(now.getTime() + 15 * 60_000),
    idempotency: null,
    // The answer the statement stores; its content does not matter here.
    answer: {} as Order,
    clientAddress: null,
    holdsPerAddressPerMinute: 0,
  };
}

describe('a delete racing reserves of the same type', () => {
  it('a reserve holding the row lock first wins: the waiting delete re-checks and answers 409', async () => {
    const sale = await openSale(t, world, [GA, VIP]);
    const vip = sale.types[1];
    if (!vip) throw new Error('no VIP');
    const client = await pool.connect();
    let deletion: Promise<Response> | undefined;
    try {
      await client.query('BEGIN');
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
      const outcome = await reserveOn(client, reserveParams(sale.event.id, vip.id));
      expect(outcome.kind).toBe('reserved');
      deletion = world.owner.delete(`/api/ticket-types/${vip.id}`).then((res) => res);
      await blockedBy(pid);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expectProblem(await deletion, 409, 'TICKET_TYPE_IN_USE');
    expect(await typeExists(vip.id)).toBe(true);
  });

  it('a delete holding the row lock first wins: the waiting reserve refuses, no item points at it', async () => {
    const sale = await openSale(t, world, [GA, VIP]);
    const vip = sale.types[1];
    if (!vip) throw new Error('no VIP');
    let reservation: Promise<Response> | undefined;
    await database.db.transaction(async (tx) => {
      const pid = (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows[0]?.pid ?? 0;
      expect(await deleteUnusedTicketType(tx, vip.id)).toBe('deleted');
      reservation = reserve(world.anonymous, orderBody(sale.event, [[vip, 1]])).then((res) => res);
      await blockedBy(pid);
    });
    if (!reservation) throw new Error('no reservation');
    expectProblem(await reservation, 422, 'TICKET_TYPE_NOT_IN_EVENT');
    expect(await typeExists(vip.id)).toBe(false);
    const items = await pool.query('SELECT 1 FROM order_items WHERE ticket_type_id = $1', [vip.id]);
    expect(items.rowCount).toBe(0);
  });

  // The delete is sent first, then the burst after a delay that differs per round, so the rounds
  // cover the delete winning outright, losing outright, and meeting reserves in flight.
  const DELAYS_MS = [0, 1, 2, 4, 8, 30];
  const BUYERS = 30;
  const outcomes: string[] = [];
  afterAll(() => console.info(`catalogue delete race:\n  ${outcomes.join('\n  ')}`));

  it.each(DELAYS_MS.map((delay, round) => [round, delay]))(
    'round %i (reserves %i ms after the delete): the type is gone with no order item, or it stays with every 201 order intact',
    async (round, delay) => {
      const sale = await openSale(t, world, [GA, { ...VIP, capacity: 100 }]);
      const type = sale.types[1];
      if (!type) throw new Error('no type');
      const deletion = world.owner.delete(`/api/ticket-types/${type.id}`).then((res) => res);
      await new Promise((resolve) => setTimeout(resolve, delay));
      const answers = await Promise.all(
        Array.from({ length: BUYERS }, () =>
          reserve(world.anonymous, orderBody(sale.event, [[type, 1]])).then((res) => res),
        ),
      );
      const deleted = await deletion;
      const created = answers.filter((res) => res.status === 201);
      for (const res of answers) expect([201, 422], JSON.stringify(res.body)).toContain(res.status);

      const items = await pool.query<{ order_id: string }>(
        'SELECT order_id FROM order_items WHERE ticket_type_id = $1',
        [type.id],
      );
      outcomes.push(
        `round ${round} (+${delay} ms): delete ${deleted.status}, ${created.length} of ${BUYERS} reserved`,
      );
      if (deleted.status === 204) {
        expect(await typeExists(type.id)).toBe(false);
        expect(items.rows).toEqual([]);
        expect(created).toEqual([]);
        for (const res of answers) expectProblem(res, 422, 'TICKET_TYPE_NOT_IN_EVENT');
      } else {
        expectProblem(deleted, 409, 'TICKET_TYPE_IN_USE');
        const { rows } = await pool.query<{ held: number; sold: number }>(
          'SELECT held, sold FROM ticket_types WHERE id = $1',
          [type.id],
        );
        expect(rows[0]).toEqual({ held: created.length, sold: 0 });
        const orderIds = created.map((res) => (res.body as { id: string }).id).sort();
        expect(items.rows.map((row) => row.order_id).sort()).toEqual(orderIds);
        const orders = await pool.query<{ status: string }>('SELECT status FROM orders WHERE id = ANY($1)', [
          orderIds,
        ]);
        expect(orders.rows.map((row) => row.status)).toEqual(orderIds.map(() => 'reserved'));
      }
    },
    60_000,
  );
});

/** A pool client inside an open transaction, with its backend pid; `end` commits (or rolls back). */
async function openTransaction() {
  const client = await pool.connect();
  await client.query('BEGIN');
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
  return {
    client,
    pid,
    end: async (command: 'COMMIT' | 'ROLLBACK' = 'COMMIT') => {
      try {
        await client.query(command);
      } finally {
        client.release();
      }
    },
  };
}

async function promoScope(id: string) {
  const { rows } = await pool.query<{
    ticket_type_ids: string[];
    valid_from: Date | null;
    valid_until: Date | null;
  }>('SELECT ticket_type_ids, valid_from, valid_until FROM promo_codes WHERE id = $1', [id]);
  return rows[0];
}

describe('the event lock shared by deletes, publishes and promo-code edits', () => {
  it('a delete holding the event lock lets reserves of the event through (their order key-shares the event row)', async () => {
    const sale = await openSale(t, world, [GA, VIP]);
    const ga = sale.types[0];
    if (!ga) throw new Error('no GA');
    await database.db.transaction(async (tx) => {
      await lockEvent(tx, sale.event.id);
      const buyer = await openTransaction();
      try {
        // Waiting at all is the bug: a lock timeout turns it into a failure instead of a hang.
        await buyer.client.query("SET LOCAL lock_timeout = '2s'");
        const outcome = await reserveOn(buyer.client, reserveParams(sale.event.id, ga.id));
        expect(outcome.kind).toBe('reserved');
      } finally {
        await buyer.end('ROLLBACK');
      }
    });
  });

  it("a publish waiting on the delete of a draft's last type answers 422 NO_TICKET_TYPES; the event stays a draft", async () => {
    const sale = await openSale(t, world, [GA], { publish: false });
    const only = sale.types[0];
    if (!only) throw new Error('no type');
    let publishing: Promise<Response> | undefined;
    await database.db.transaction(async (tx) => {
      const pid = (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows[0]?.pid ?? 0;
      // What deleteTicketType does, held open until the publish waits on it.
      await lockEvent(tx, sale.event.id);
      expect(await deleteUnusedTicketType(tx, only.id)).toBe('deleted');
      publishing = world.owner.post(`/api/events/${sale.event.id}/publish`).then((res) => res);
      await blockedBy(pid);
    });
    if (!publishing) throw new Error('no publish');
    expectProblem(await publishing, 422, 'NO_TICKET_TYPES');
    const { rows } = await pool.query<{ status: string }>('SELECT status FROM events WHERE id = $1', [
      sale.event.id,
    ]);
    expect(rows[0]?.status).toBe('draft');
  });

  it('a promo edit waiting on a type delete is checked against the types left: 400, the code keeps its scope', async () => {
    const { event, types } = await openSale(t, world, [GA, VIP, { ...VIP, name: 'Backstage' }]);
    const [, vip, backstage] = types;
    if (!vip || !backstage) throw new Error('types missing');
    const promo = await createPromo(world.owner, event.id, {
      code: 'EDITRACE',
      percentOff: 10,
      ticketTypeIds: [vip.id, backstage.id],
    });
    let editing: Promise<Response> | undefined;
    await database.db.transaction(async (tx) => {
      const pid = (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows[0]?.pid ?? 0;
      await lockEvent(tx, event.id);
      expect(await deleteUnusedTicketType(tx, vip.id)).toBe('deleted');
      editing = world.owner.patch(`/api/promo-codes/${promo.id}`, { ticketTypeIds: [vip.id] }).then((r) => r);
      await blockedBy(pid);
    });
    if (!editing) throw new Error('no edit');
    expectProblem(await editing, 400, 'VALIDATION_FAILED');
    expect((await promoScope(promo.id))?.ticket_type_ids).toEqual([backstage.id]);
  });

  it('a delete meeting a code narrowed meanwhile to that type alone is rolled back (409): the code never covers every type', async () => {
    const { event, types } = await openSale(t, world, [GA, VIP, { ...VIP, name: 'Backstage' }]);
    const [, vip, backstage] = types;
    if (!vip || !backstage) throw new Error('types missing');
    const promo = await createPromo(world.owner, event.id, {
      code: 'NARROWED',
      percentOff: 10,
      ticketTypeIds: [vip.id, backstage.id],
    });
    // An editor that does not take the event lock: the delete's snapshot still sees [VIP, Backstage].
    const editor = await openTransaction();
    let deletion: Promise<Response> | undefined;
    try {
      await editor.client.query('UPDATE promo_codes SET ticket_type_ids = ARRAY[$2]::uuid[] WHERE id = $1', [
        promo.id,
        vip.id,
      ]);
      deletion = world.owner.delete(`/api/ticket-types/${vip.id}`).then((res) => res);
      await blockedBy(editor.pid);
    } finally {
      await editor.end();
    }
    const res = await deletion;
    if (!res) throw new Error('no delete');
    expectProblem(res, 409, 'TICKET_TYPE_IN_USE');
    expect((res.body as { detail: string }).detail).toMatch(/NARROWED/);
    expect(await typeExists(vip.id)).toBe(true);
    expect((await promoScope(promo.id))?.ticket_type_ids).toEqual([vip.id]);
  });

  /**
   * PATCHes validUntil to 2031-06-01 while another editor's open transaction moves validFrom to
   * `from`; that transaction commits once the PATCH is seen waiting on it.
   */
  async function editUntilWhileValidFromMoves(promoId: string, from: Date): Promise<Response> {
    const editor = await openTransaction();
    let editing: Promise<Response> | undefined;
    try {
      await editor.client.query('UPDATE promo_codes SET valid_from = $2 WHERE id = $1', [promoId, from]);
      editing = world.owner
        .patch(`/api/promo-codes/${promoId}`, { validUntil: '2031-06-01T00:00:00Z' })
        .then((res) => res);
      await blockedBy(editor.pid);
    } finally {
      await editor.end();
    }
    return editing;
  }

  it('a promo edit of validUntil alone keeps the validFrom another editor wrote meanwhile', async () => {
    const { event } = await openSale(t, world, [GA]);
    const promo = await createPromo(world.owner, event.id, { code: 'WINDOW1', percentOff: 10 });
    const from = new Date('2031-01-01T00:00:00Z');
    const editing = await editUntilWhileValidFromMoves(promo.id, from);
    expect(editing.status, JSON.stringify(editing.body)).toBe(200);
    expect(await promoScope(promo.id)).toMatchObject({
      valid_from: from,
      valid_until: new Date('2031-06-01T00:00:00Z'),
    });
  });

  it('a promo edit of validUntil alone is refused (400) when another editor moved validFrom past it meanwhile', async () => {
    const { event } = await openSale(t, world, [GA]);
    const promo = await createPromo(world.owner, event.id, { code: 'WINDOW2', percentOff: 10 });
    const from = new Date('2032-01-01T00:00:00Z');
    const res = await editUntilWhileValidFromMoves(promo.id, from);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect((res.body as { errors: unknown }).errors).toEqual([
      { path: 'validUntil', message: 'must be after validFrom' },
    ]);
    expect(await promoScope(promo.id)).toMatchObject({ valid_from: from, valid_until: null });
  });
});
