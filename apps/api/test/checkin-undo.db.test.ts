import { describe, expect, it, vi } from 'vitest';
import { createCheckinService, STAFF_UNDO_WINDOW_MS } from '../src/modules/checkin/checkin.service';
import { createTicketSigner } from '../src/modules/tickets/ticket-qr';
import { ManualClock } from '../src/shared/clock';
import {
  addMember,
  actorFor,
  createEvent,
  createUser,
  createWorld,
  sessionAuth,
  type Actor,
} from './factories';
import { buildTestApp, TEST_SECRET } from './harness';
import { buyTickets, checkIn, expectProblem, refundOrder } from './insight-helpers';

/**
 * Undoing a check-in at the door: owners and admins undo any check-in at any time; staff only
 * their own scan, within a minute of it. Time moves on the app's injected clock.
 */
async function doorSetup() {
  const clock = new ManualClock();
  const t = buildTestApp({ clock });
  const world = await createWorld(t.app, t.database.db);
  const { event, ticketTypes } = await createEvent(t.database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 1_500, capacity: 20 }],
    publish: true,
  });
  const order = await buyTickets(world.anonymous, event.id, [[ticketTypes[0]?.id ?? '', 4]]);
  const otherUser = await createUser(t.database.db);
  await addMember(t.database.db, world.org.id, otherUser, 'staff');
  const otherStaff = await actorFor(t.app, t.database.db, otherUser);
  return { t, clock, world, event, order, otherStaff };
}

type Setup = Awaited<ReturnType<typeof doorSetup>>;

function ticketOf(s: Setup, index: number) {
  const ticket = s.order.tickets[index];
  if (!ticket) throw new Error(`no ticket ${index}`);
  return ticket;
}

async function admit(s: Setup, actor: Actor, index: number) {
  const res = await checkIn(actor, s.event.id, ticketOf(s, index).qr);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const undo = (s: Setup, actor: Actor, ticketId: string) =>
  actor.delete(`/api/events/${s.event.id}/check-ins/${ticketId}`);

async function ticketStatus(s: Setup, index: number): Promise<string> {
  const { rows } = await s.t.database.pool.query<{ status: string }>(
    'SELECT status FROM tickets WHERE id = $1',
    [ticketOf(s, index).id],
  );
  return rows[0]?.status ?? 'missing';
}

const checkedInCount = async (s: Setup): Promise<number> =>
  (await s.world.owner.get(`/api/events/${s.event.id}/stats`)).body.checkedIn as number;

describe('DELETE /api/events/{eventId}/check-ins/{ticketId}', () => {
  it('lets staff undo their own scan within 60 s: the ticket is valid again, logged, audited, counted', async () => {
    const s = await doorSetup();
    await admit(s, s.world.staff, 0);
    expect(await checkedInCount(s)).toBe(1);

    s.clock.advance(STAFF_UNDO_WINDOW_MS - 1_000);
    const res = await s.world.staff.delete(
      `/api/events/${s.event.id}/check-ins/${ticketOf(s, 0).id}?device=phone-2&location=Side%20door`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expect(await ticketStatus(s, 0)).toBe('valid');
    expect(await checkedInCount(s)).toBe(0);

    // The scan's row stays; the undo is logged after it, by the same person.
    const { rows } = await s.t.database.pool.query<{
      action: string;
      user_id: string;
      location: string | null;
    }>('SELECT action, user_id, location FROM check_ins WHERE ticket_id = $1 ORDER BY created_at, action', [
      ticketOf(s, 0).id,
    ]);
    const staffId = s.world.staff.user?.id;
    expect(rows).toEqual([
      { action: 'check_in', user_id: staffId, location: null },
      { action: 'undo', user_id: staffId, location: 'Side door' },
    ]);
    const audit = await s.world.owner.get(`/api/organizations/${s.world.org.id}/audit-log`);
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'checkin.undo', targetType: 'ticket', targetId: ticketOf(s, 0).id }),
    );

    // Valid again: the next scan admits it.
    await admit(s, s.world.staff, 0);
  });

  it('refuses staff after 60 s (403 FORBIDDEN) and leaves the ticket checked in', async () => {
    const s = await doorSetup();
    await admit(s, s.world.staff, 0);
    s.clock.advance(STAFF_UNDO_WINDOW_MS + 1);
    expectProblem(await undo(s, s.world.staff, ticketOf(s, 0).id), 403, 'FORBIDDEN');
    expect(await ticketStatus(s, 0)).toBe('checked_in');
    expect(await checkedInCount(s)).toBe(1);
  });

  it("refuses staff another staff member's scan, even a fresh one, and a scan made before an owner's undo", async () => {
    const s = await doorSetup();
    await admit(s, s.otherStaff, 0);
    expectProblem(await undo(s, s.world.staff, ticketOf(s, 0).id), 403, 'FORBIDDEN');
    expect(await ticketStatus(s, 0)).toBe('checked_in');

    // Staff scanned ticket 1, an owner undid it, the other staff member scanned it again: the
    // check-in that stands is not the first person's any more.
    await admit(s, s.world.staff, 1);
    s.clock.advance(1_000);
    expect((await undo(s, s.world.owner, ticketOf(s, 1).id)).status).toBe(204);
    // Scans are told apart by their instant, and no two scans of one ticket share a millisecond.
    s.clock.advance(1_000);
    await admit(s, s.otherStaff, 1);
    expectProblem(await undo(s, s.world.staff, ticketOf(s, 1).id), 403, 'FORBIDDEN');
    expect((await undo(s, s.otherStaff, ticketOf(s, 1).id)).status).toBe(204);
  });

  it("lets owners and admins undo anyone's check-in at any time", async () => {
    const s = await doorSetup();
    await admit(s, s.world.staff, 0);
    await admit(s, s.otherStaff, 1);
    s.clock.advance(24 * 3_600_000);
    expect((await undo(s, s.world.owner, ticketOf(s, 0).id)).status).toBe(204);
    expect((await undo(s, s.world.admin, ticketOf(s, 1).id)).status).toBe(204);
    expect([await ticketStatus(s, 0), await ticketStatus(s, 1)]).toEqual(['valid', 'valid']);
    expect(await checkedInCount(s)).toBe(0);
  });

  it('answers 409 NOT_CHECKED_IN, 410 TICKET_VOID, and 404 for unknown, foreign and other events’ tickets', async () => {
    const s = await doorSetup();
    const valid = ticketOf(s, 0).id;
    expectProblem(await undo(s, s.world.staff, valid), 409, 'NOT_CHECKED_IN');
    expectProblem(await undo(s, s.world.owner, valid), 409, 'NOT_CHECKED_IN');

    expectProblem(
      await undo(s, s.world.owner, '00000000-0000-4000-8000-000000000000'),
      404,
      'TICKET_NOT_FOUND',
    );
    expectProblem(await undo(s, s.world.staff, 'not-a-ticket-id'), 404, 'TICKET_NOT_FOUND');

    // A ticket of another event of the same organization is not one of this event's.
    const other = await createEvent(s.t.database.db, s.world, {
      ticketTypes: [{ name: 'GA', priceCents: 0, capacity: 5 }],
      publish: true,
    });
    const otherOrder = await buyTickets(s.world.anonymous, other.event.id, [
      [other.ticketTypes[0]?.id ?? '', 1],
    ]);
    const otherTicket = otherOrder.tickets[0]?.id ?? '';
    expect((await checkIn(s.world.owner, other.event.id, otherOrder.tickets[0]?.qr ?? '')).status).toBe(200);
    expectProblem(await undo(s, s.world.owner, otherTicket), 404, 'TICKET_NOT_FOUND');

    // Another organization's member learns nothing: the event itself is not found.
    await admit(s, s.world.staff, 1);
    expectProblem(await undo(s, s.world.outsider, ticketOf(s, 1).id), 404, 'NOT_FOUND');
    expect(await ticketStatus(s, 1)).toBe('checked_in');

    // A refunded ticket is void: nothing to undo.
    await refundOrder(s.world.owner, s.order.id);
    expectProblem(await undo(s, s.world.owner, ticketOf(s, 1).id), 410, 'TICKET_VOID');
  });

  it('tells live dashboards once per undo, never for a refusal', async () => {
    const s = await doorSetup();
    const announce = vi.fn();
    const service = createCheckinService({
      db: s.t.database.db,
      clock: s.clock,
      signer: createTicketSigner(TEST_SECRET),
      announce,
    });
    const staffId = s.world.staff.user?.id ?? '';
    const staff = sessionAuth(staffId);
    await service.checkIn(staff, s.event.id, { code: ticketOf(s, 0).qr });
    announce.mockClear();
    s.clock.advance(STAFF_UNDO_WINDOW_MS + 1);
    await expect(service.undoCheckIn(staff, s.event.id, ticketOf(s, 0).id, {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(announce).not.toHaveBeenCalled();
    await service.undoCheckIn(sessionAuth(s.world.owner.user?.id ?? ''), s.event.id, ticketOf(s, 0).id, {});
    expect(announce).toHaveBeenCalledExactlyOnceWith(s.event.id);
  });

  it('is in the OpenAPI document with its refusals', () => {
    const document = buildTestApp().openApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; description?: string }>>;
    };
    const operation = document.paths['/api/events/{eventId}/check-ins/{ticketId}']?.delete;
    expect(operation).toBeDefined();
    expect(Object.keys(operation?.responses ?? {})).toEqual(
      expect.arrayContaining(['204', '403', '404', '409', '410']),
    );
    expect(operation?.description).toMatch(/within 60 seconds/);
  });
});
