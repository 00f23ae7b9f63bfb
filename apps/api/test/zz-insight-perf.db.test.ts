import { describe, expect, it } from 'vitest';
import { computeEventStats } from '../src/modules/stats/stats.repository';
import { createEvent, createWorld } from './factories';
import { buildTestApp } from './harness';
import { buyTickets, checkIn, insertPaidTickets } from './insight-helpers';

const ms = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const out = await fn();
  console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms`);
  return out;
};

describe('perf', () => {
  it('100k tickets', async () => {
    const t = buildTestApp();
    const world = await createWorld(t.app, t.database.db);
    const { event, ticketTypes } = await createEvent(t.database.db, world, {
      ticketTypes: [
        { name: 'GA', priceCents: 2500, capacity: 200_000 },
        { name: 'VIP', priceCents: 9000, capacity: 200_000 },
      ],
      publish: true,
    });
    const [ga, vip] = ticketTypes.map((x) => x.id) as [string, string];
    await ms('insert 100k', () =>
      insertPaidTickets(t.database.pool, { eventId: event.id, ticketTypeId: ga, count: 80_000, perOrder: 4, priceCents: 2500, nameSql: `'Person ' || md5(i::text)` }),
    );
    await insertPaidTickets(t.database.pool, { eventId: event.id, ticketTypeId: vip, count: 20_000, perOrder: 2, priceCents: 9000, nameSql: `'Vip ' || md5(i::text)` });
    await t.database.pool.query(`UPDATE tickets SET status='checked_in', checked_in_at=now() WHERE event_id=$1 AND attendee_name < 'Person 1'`, [event.id]);
    await t.database.pool.query('ANALYZE');
    const order = await buyTickets(world.anonymous, event.id, [[ga, 2]]);
    for (let i = 0; i < 2; i++) await ms('stats', () => world.owner.get(`/api/events/${event.id}/stats`));
    const s = await world.owner.get(`/api/events/${event.id}/stats`);
    console.log(JSON.stringify(s.body).slice(0, 300));
    await ms('attendees p1', () => world.owner.get(`/api/events/${event.id}/attendees`));
    const p1 = await world.owner.get(`/api/events/${event.id}/attendees`);
    await ms('attendees p2', () => world.owner.get(`/api/events/${event.id}/attendees?cursor=${p1.body.nextCursor}`));
    await ms('attendees checked_in', () => world.owner.get(`/api/events/${event.id}/attendees?status=checked_in`));
    for (let i = 0; i < 3; i++) await ms('attendees q=name', () => world.owner.get(`/api/events/${event.id}/attendees?q=ab12`));
    await ms('attendees q=email', () => world.owner.get(`/api/events/${event.id}/attendees?q=bulk-777@`));
    await ms('attendees q=code', () => world.owner.get(`/api/events/${event.id}/attendees?q=${order.tickets[0]?.code}`));
    await ms('orders p1', () => world.owner.get(`/api/events/${event.id}/orders`));
    await ms('orders paid', () => world.owner.get(`/api/events/${event.id}/orders?status=paid`));
    await ms('orders expired', () => world.owner.get(`/api/events/${event.id}/orders?status=expired`));
    await ms('orders q', () => world.owner.get(`/api/events/${event.id}/orders?q=bulk-777@`));
    const before = process.memoryUsage().heapUsed;
    const csv = await ms('attendees.csv 100k', () => world.owner.get(`/api/events/${event.id}/attendees.csv`));
    console.log('csv bytes', csv.text.length, 'heap delta MB (includes buffered body)', ((process.memoryUsage().heapUsed - before) / 1e6).toFixed(1));
    await ms('orders.csv', () => world.owner.get(`/api/events/${event.id}/orders.csv`));
    await ms('check-in', () => checkIn(world.staff, event.id, order.tickets[1]?.qr ?? ''));
    await ms('check-in code', () => checkIn(world.staff, event.id, order.tickets[0]?.code ?? ''));
    for (const [label, sqlText] of [
      ['name branch', `EXPLAIN ANALYZE SELECT m.id FROM tickets m WHERE m.event_id = '${event.id}' AND m.attendee_name ILIKE '%ab12%'`],
      ['buyer branch', `EXPLAIN ANALYZE SELECT m.id FROM orders mo JOIN tickets m ON m.order_id = mo.id WHERE mo.event_id = '${event.id}' AND (mo.buyer_name ILIKE '%ab12%' OR mo.buyer_email ILIKE '%ab12%')`],
      ['checkedin', `EXPLAIN ANALYZE SELECT count(*) FROM tickets t WHERE t.event_id='${event.id}' AND status='checked_in'`],
    ]) {
      const r = await t.database.pool.query(sqlText as string);
      console.log(label, '\n' + r.rows.map((x) => x['QUERY PLAN']).join('\n'));
    }
    const fake = { execute: async (q: any) => { const b = (t.database.db as any).dialect.sqlToQuery(q); for (let i = 0; i < 5; i++) { const st = performance.now(); await t.database.pool.query(b.sql, b.params as unknown[]); console.log('raw stats sql', (performance.now() - st).toFixed(1)); } const r = await t.database.pool.query('EXPLAIN (ANALYZE, TIMING OFF) ' + b.sql, b.params as unknown[]); console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n')); return { rows: [{ gross_cents: 0, refunds_cents: 0, checked_in: 0, by_ticket_type: [], sales_by_day: [] }] }; } };
    await computeEventStats(fake as any, event.id, 'Europe/Paris', new Date());
    expect(s.status).toBe(200);
  }, 300_000);
});
