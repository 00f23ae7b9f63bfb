import type { CheckInBody, CheckInResult, UndoCheckInQuery } from '@zevents/contracts';
import type { Db } from '../../db/client';
import { createStatementBatcher, onOwnConnection } from '../../db/statement-batcher';
import type { AuthContext, Principal } from '../../http/auth-context';
import { AppError, forbidden } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { recordAudit } from '../audit';
import { authorizeEvent, createEventAccess, type EventAccess } from '../events';
import { can } from '../organizations';
import { looksLikeQr, normalizeTicketCode, type TicketSigner } from '../tickets';
import * as repo from './checkin.repository';

export interface CheckinDeps {
  db: Db;
  clock: Clock;
  signer: TicketSigner;
  /** Tells live dashboards the figures moved. */
  announce?: (eventId: string) => void;
  /** Who may check in at which event; the app shares one with the router (its memory of events). */
  eventAccess?: EventAccess;
  /** Told the size of every batch of scans sent to the database (metrics, tests). */
  onCheckInBatch?: (size: number) => void;
}

const ticketNotFound = () =>
  new AppError('TICKET_NOT_FOUND', 'No ticket of this event has that code; it may be mistyped or forged');

/** Which ticket the door input names, decided without the database (invariant 8). */
export function locateTicket(
  signer: TicketSigner,
  input: string,
): { locator: repo.TicketLocator; qrEventId?: string } {
  if (looksLikeQr(input)) {
    const claims = signer.verify(input);
    if (!claims) throw ticketNotFound();
    return {
      locator: { ticketId: claims.ticketId, ...(claims.code ? { code: claims.code } : {}) },
      qrEventId: claims.eventId,
    };
  }
  const code = normalizeTicketCode(input);
  if (!code) throw ticketNotFound();
  return { locator: { code } };
}

function doorActor(auth: AuthContext, where: { device?: string; location?: string }): repo.DoorActor {
  return {
    userId: auth.kind === 'session' ? auth.userId : null,
    apiKeyId: auth.kind === 'apiKey' ? auth.apiKeyId : null,
    device: where.device || null,
    location: where.location || null,
  };
}

/** Why a ticket could not change: it is void, or its check-in state is already the other one. */
function refusal(ticket: repo.DoorTicketRow): AppError {
  const who = { attendeeName: ticket.attendeeName, ticketTypeName: ticket.ticketTypeName };
  if (ticket.status === 'void')
    return new AppError('TICKET_VOID', 'This ticket was refunded or cancelled and is no longer valid', {
      extra: { ticketId: ticket.id, ...who },
    });
  if (ticket.status === 'checked_in')
    return new AppError('ALREADY_CHECKED_IN', 'This ticket has already been checked in', {
      extra: { ticketId: ticket.id, checkedInAt: ticket.checkedInAt?.toISOString() ?? null, ...who },
    });
  return new AppError('NOT_CHECKED_IN', 'This ticket is not checked in', { extra: { ticketId: ticket.id } });
}

// A ticket that is `valid` again right after a failed update was undone in between: try once more.
const ATTEMPTS = 2;

/**
 * How long staff may take back their own scan: long enough to notice a wrong name on the screen,
 * short enough that an undo is a correction at the door, not a way to let a ticket in twice.
 * Owners and admins undo any check-in at any time.
 */
export const STAFF_UNDO_WINDOW_MS = 60_000;

export function createCheckinService(deps: CheckinDeps) {
  const { db, clock, signer } = deps;
  const eventAccess = deps.eventAccess ?? createEventAccess(db);
  // Scans from many doors at once share a statement and a commit (a quiet door: one scan each).
  const scans = createStatementBatcher<repo.DoorScan, repo.DoorTicketRow | undefined>({
    maxBatch: repo.CHECK_IN_BATCH_LIMIT,
    onBatch: deps.onCheckInBatch,
    send: (batch) => onOwnConnection(db.$client, (client) => repo.markCheckedInBatch(client, batch)),
  });

  function present(row: repo.DoorTicketRow): CheckInResult {
    const checkedInAt = (row.checkedInAt ?? clock.now()).toISOString();
    return {
      ticket: {
        id: row.id,
        ticketTypeId: row.ticketTypeId,
        ticketTypeName: row.ticketTypeName,
        attendeeName: row.attendeeName,
        code: row.code,
        qr: signer.sign({ ticketId: row.id, eventId: row.eventId, code: row.code }),
        status: row.status,
        checkedInAt,
      },
      attendeeName: row.attendeeName,
      ticketTypeName: row.ticketTypeName,
      checkedInAt,
    };
  }

  return {
    /**
     * Admits one ticket. A QR's signature is checked before anything else, so a forged or altered
     * code costs no database work; then one conditional UPDATE decides, so of two scanners racing
     * on one ticket exactly one wins and the other learns when the first one did.
     */
    async checkIn(auth: Principal, eventId: string, body: CheckInBody): Promise<CheckInResult> {
      const { locator, qrEventId } = locateTicket(signer, body.code);
      // From memory for an API key that has seen this event (the door's hot path): no query.
      await eventAccess.authorize(auth, eventId, 'checkin');
      // The path may spell the UUID in capitals; a QR's is always lower case.
      if (qrEventId !== undefined && qrEventId !== eventId.toLowerCase())
        throw new AppError('WRONG_EVENT', 'This ticket is for another event');
      const actor = doorActor(auth, body);
      for (let attempt = 1; ; attempt++) {
        const admitted = await scans.submit({
          eventId,
          locator,
          actor,
          now: clock.now(),
          ...(body.dateId ? { dateId: body.dateId } : {}),
        });
        if (admitted) {
          deps.announce?.(admitted.eventId);
          return present(admitted);
        }
        const current = await repo.findDoorTicket(db, eventId, locator);
        if (!current) throw ticketNotFound();
        if (current.status !== 'valid') throw refusal(current);
        if (body.dateId && current.dateId !== body.dateId)
          throw new AppError('WRONG_DATE', 'This ticket is for another date of this event', {
            extra: { ticketDateId: current.dateId },
          });
        if (attempt >= ATTEMPTS)
          throw new AppError('REQUEST_IN_PROGRESS', 'The ticket changed while it was scanned; scan again', {
            headers: { 'Retry-After': '1' },
          });
      }
    },

    /** Refuses a forged or malformed code (404) without the database; the router asks first. */
    refuseUnreadableCode(code: string): void {
      locateTicket(signer, code);
    },

    /**
     * Reverses a mistaken check-in; the ticket can be scanned again. Owners and admins undo any
     * check-in; staff only their own scan, within STAFF_UNDO_WINDOW_MS of it (403 otherwise).
     */
    async undoCheckIn(
      auth: AuthContext,
      eventId: string,
      ticketId: string,
      where: UndoCheckInQuery,
    ): Promise<void> {
      const { event, role } = await authorizeEvent(db, auth, eventId, 'checkin');
      if (!isUuid(ticketId)) throw ticketNotFound();
      const actor = doorActor(auth, where);
      const now = clock.now();
      const ownScanOnly = can(role, 'events.manage')
        ? undefined
        : { actor, since: new Date(now.getTime() - STAFF_UNDO_WINDOW_MS) };
      const isUndone = await db.transaction(async (tx) => {
        if (!(await repo.undoCheckIn(tx, event.id, ticketId, actor, now, ownScanOnly))) return false;
        await recordAudit(tx, {
          organizationId: event.organizationId,
          auth,
          action: 'checkin.undo',
          targetType: 'ticket',
          targetId: ticketId,
          details: { eventId: event.id },
        });
        return true;
      });
      if (isUndone) {
        deps.announce?.(event.id);
        return;
      }
      const current = await repo.findDoorTicket(db, event.id, { ticketId });
      if (!current) throw ticketNotFound();
      if (current.status === 'checked_in' && ownScanOnly)
        throw forbidden(
          'Staff may undo only their own check-in, within 60 seconds of the scan; ask an owner or admin',
        );
      throw refusal(current);
    },
  };
}

export type CheckinService = ReturnType<typeof createCheckinService>;
