import type {
  JoinWaitlistBody,
  MoveWaitlistEntryBody,
  WaitlistEntry,
  WaitlistJoined,
  WaitlistList,
} from '@zevents/contracts';
import type { Logger } from 'pino';
import type { Database, DbOrTx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import {
  authorizeEvent,
  availableOf,
  findEventById,
  listDates,
  listLiveDatesWithStock,
  listLiveTicketTypes,
  listTicketTypes,
  resolveOrderDate,
  stockRowsOn,
} from '../events';
import type { Notifier } from '../notifications';
import { cancelHolds, findOrder, holdForWaitingList } from '../orders';
import type { Permission } from '../organizations';
import type { WaitlistTokens } from './waitlist-tokens';
import * as repo from './waitlist.repository';

const HOUR_MS = 3_600_000;

export interface WaitlistDeps {
  database: Database;
  clock: Clock;
  notifier: Pick<Notifier, 'waitlistJoined' | 'waitlistOffer'>;
  tokens: WaitlistTokens;
  publicUrl: string;
  logger?: Logger;
  /** Tells live dashboards and event pages that figures moved (an offer holds tickets). */
  announce?: (eventId: string) => void;
}

/** Checks that a member holds `permission` on the event of a waiting-list entry (404 otherwise). */
export async function authorizeWaitlistEntry(
  db: DbOrTx,
  auth: Principal,
  entryId: string,
  permission: Permission,
): Promise<repo.WaitlistEntryRow> {
  const entry = await repo.findEntry(db, entryId);
  if (!entry) throw notFound('Waiting list entry');
  await authorizeEvent(db, auth, entry.eventId, permission).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('Waiting list entry') : error;
  });
  return entry;
}

/** Waiting lists of sold-out ticket types: join, leave, the organizer's view, and offers made in turn. */
export function createWaitlistService(deps: WaitlistDeps) {
  const { database, clock, notifier, tokens, publicUrl } = deps;
  const { db, pool } = database;
  const entryUrl = (entryId: string, action: 'leave' | 'decline') =>
    `${publicUrl}/waiting-list/${entryId}?token=${tokens.tokenFor(entryId)}&action=${action}`;

  function requireToken(entryId: string, token: string | undefined): void {
    // A wrong token and an unknown entry look the same.
    if (!tokens.isValid(entryId, token)) throw notFound('Waiting list entry');
  }

  /**
   * Offers the first waiting entry of a line its tickets if they fit: one conditional stock update
   * (the hold), the entry moved waiting -> offered only if still waiting, and its email, all in one
   * transaction under the line's lock. Returns the entry offered, or undefined (nobody, or no room).
   */
  async function offerNext(
    line: repo.Line,
    pick: (tx: DbOrTx) => Promise<repo.WaitlistEntryRow | undefined>,
  ): Promise<repo.WaitlistEntryRow | undefined> {
    const { ticketTypeId } = line;
    return db.transaction(async (tx) => {
      await repo.lockLine(tx, line);
      const entry = await pick(tx);
      if (!entry || entry.status !== 'waiting') return undefined;
      const event = await findEventById(tx, entry.eventId);
      if (!event || event.status !== 'published') return undefined;
      const type = (await listTicketTypes(tx, entry.eventId)).find((row) => row.id === ticketTypeId);
      if (!type) return undefined;
      // An entry of an event that has gained dates since it joined waits for the first one.
      const dateId =
        entry.dateId ?? (await listDates(tx, entry.eventId)).find((date) => date.usesBaseStock)?.id ?? null;
      const stockTypeId = (await stockRowsOn(tx, entry.eventId, dateId, [ticketTypeId])).get(ticketTypeId);
      if (!stockTypeId) return undefined;
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + event.waitlistOfferHours * HOUR_MS);
      const order = await holdForWaitingList(tx, {
        eventId: entry.eventId,
        ticketTypeId,
        quantity: entry.quantity,
        buyerName: entry.name,
        buyerEmail: entry.email,
        expiresAt,
        now,
        dateId,
        stockTypeId,
      });
      if (!order) return undefined;
      const offered = await repo.markOffered(tx, entry.id, { orderId: order.id, expiresAt, now });
      // Under the line's lock the entry is still waiting; were it not, the rollback frees the hold.
      if (!offered) throw new Error(`waiting-list entry ${entry.id} changed under its line's lock`);
      await notifier.waitlistOffer(tx, {
        entryId: entry.id,
        orderId: order.id,
        eventId: entry.eventId,
        email: entry.email,
        params: {
          entryId: entry.id,
          name: entry.name,
          ticketTypeName: type.name,
          quantity: entry.quantity,
          declineUrl: entryUrl(entry.id, 'decline'),
        },
      });
      return offered;
    });
  }

  /** Offered entries whose hold closed: paid -> purchased; expired or cancelled -> expired. */
  async function settleClosedOffers(): Promise<number> {
    let settled = 0;
    for (const entry of await repo.listOffered(db, 1_000)) {
      if (!entry.offerOrderId) continue;
      const order = await findOrder(db, entry.offerOrderId);
      if (order?.status === 'reserved' || order?.status === 'awaiting_payment') continue;
      const to =
        order && order.status !== 'expired' && order.status !== 'cancelled' ? 'purchased' : 'expired';
      if (await repo.changeStatus(db, entry.id, ['offered'], to, clock.now())) settled += 1;
    }
    return settled;
  }

  async function presentJoined(entry: repo.WaitlistEntryRow): Promise<WaitlistJoined> {
    return {
      id: entry.id,
      eventId: entry.eventId,
      ticketTypeId: entry.ticketTypeId,
      ...(entry.dateId ? { dateId: entry.dateId } : {}),
      quantity: entry.quantity,
      position: await repo.placeOf(db, entry),
      status: entry.status,
      createdAt: entry.createdAt.toISOString(),
    };
  }

  /** Closes an entry's open offer (its hold back on sale); the entry must already have left `offered`. */
  async function withdrawOffer(entry: repo.WaitlistEntryRow): Promise<void> {
    if (entry.offerOrderId) await cancelHolds(pool, [entry.offerOrderId], clock.now());
    deps.announce?.(entry.eventId);
  }

  return {
    async join(eventId: string, body: JoinWaitlistBody): Promise<WaitlistJoined> {
      const event = await findEventById(db, eventId);
      if (!event || event.status !== 'published') throw notFound('Event');
      const now = clock.now();
      const type = (await listLiveTicketTypes(db, event.id, now)).find(
        (row) => row.id === body.ticketTypeId.toLowerCase() && row.visibility === 'public',
      );
      if (!type)
        throw new AppError('TICKET_TYPE_NOT_IN_EVENT', 'This ticket type does not belong to this event', {
          errors: [{ path: 'ticketTypeId', message: 'not a ticket type of this event' }],
        });
      if (!type.waitlistEnabled)
        throw new AppError('WAITLIST_CLOSED', 'This ticket type has no waiting list');
      if (body.quantity < type.minPerOrder || body.quantity > type.maxPerOrder)
        throw new AppError(
          'QUANTITY_OUT_OF_RANGE',
          `Between ${type.minPerOrder} and ${type.maxPerOrder} tickets of this type`,
          {
            errors: [
              { path: 'quantity', message: `must be between ${type.minPerOrder} and ${type.maxPerOrder}` },
            ],
          },
        );
      // On an event with dates, a line per date: what is left is that date's.
      const dateId = await resolveOrderDate(db, event.id, body.dateId);
      const onDate = dateId
        ? (await listLiveDatesWithStock(db, event.id, now))
            .find((date) => date.id === dateId)
            ?.stock.find((stock) => stock.ticketTypeId === type.id)
        : undefined;
      const available = onDate ? onDate.capacity - onDate.sold - onDate.held : availableOf(type);
      if (available >= body.quantity)
        throw new AppError('TICKETS_AVAILABLE', 'These tickets are still on sale: buy them instead');
      const entry = await db.transaction(async (tx) => {
        const row = await repo.insertEntry(tx, {
          eventId: event.id,
          ticketTypeId: type.id,
          dateId,
          quantity: body.quantity,
          name: body.name,
          email: body.email,
          now,
        });
        if (!row) return undefined;
        await notifier.waitlistJoined(tx, {
          id: row.id,
          eventId: event.id,
          email: row.email,
          params: {
            entryId: row.id,
            name: row.name,
            ticketTypeName: type.name,
            quantity: row.quantity,
            leaveUrl: entryUrl(row.id, 'leave'),
          },
        });
        return row;
      });
      if (!entry)
        throw new AppError(
          'ALREADY_ON_WAITLIST',
          'This email is already on the waiting list for this ticket type',
        );
      // The organizer's dashboard refreshes its waiting-list counts on the live push.
      deps.announce?.(event.id);
      return presentJoined(entry);
    },

    /** The buyer leaves the list; an open offer's hold goes back on sale. */
    async leave(entryId: string, token: string | undefined): Promise<void> {
      requireToken(entryId, token);
      const entry = await repo.changeStatus(db, entryId, ['waiting', 'offered'], 'left', clock.now());
      if (!entry) {
        if (!(await repo.findEntry(db, entryId))) throw notFound('Waiting list entry');
        return; // already out of the line: leaving again changes nothing
      }
      await withdrawOffer(entry);
    },

    /** The buyer declines an open offer: the hold is cancelled and the next run offers the next entry. */
    async decline(entryId: string, token: string | undefined): Promise<void> {
      requireToken(entryId, token);
      const entry = await repo.changeStatus(db, entryId, ['offered'], 'declined', clock.now());
      if (!entry) {
        const current = await repo.findEntry(db, entryId);
        if (!current) throw notFound('Waiting list entry');
        if (current.status === 'declined') return;
        throw new AppError('ORDER_NOT_CANCELLABLE', `There is no open offer to decline (${current.status})`);
      }
      await withdrawOffer(entry);
    },

    async list(auth: Principal, eventId: string): Promise<WaitlistList> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const [rows, types] = await Promise.all([
        repo.listEntriesOfEvent(db, event.id),
        listTicketTypes(db, event.id),
      ]);
      const typeOrder = new Map(types.map((type, index) => [type.id, index]));
      const names = new Map(types.map((type) => [type.id, type.name]));
      const sorted = [...rows].sort(
        (a, b) =>
          (typeOrder.get(a.ticketTypeId) ?? 0) - (typeOrder.get(b.ticketTypeId) ?? 0) ||
          a.position - b.position,
      );
      const places = new Map<string, number>();
      const items: WaitlistEntry[] = sorted.map((row) => {
        let position: number | null = null;
        if (row.status === 'waiting') {
          const line = `${row.ticketTypeId}:${row.dateId ?? ''}`;
          position = (places.get(line) ?? 0) + 1;
          places.set(line, position);
        }
        return {
          id: row.id,
          ticketTypeId: row.ticketTypeId,
          ...(row.dateId ? { dateId: row.dateId } : {}),
          ticketTypeName: names.get(row.ticketTypeId) ?? '',
          quantity: row.quantity,
          name: row.name,
          email: row.email,
          position,
          status: row.status,
          offerOrderId: row.offerOrderId,
          offerExpiresAt: row.offerExpiresAt?.toISOString() ?? null,
          createdAt: row.createdAt.toISOString(),
        };
      });
      const count = (status: string) => rows.filter((row) => row.status === status).length;
      return {
        items,
        counts: {
          waiting: count('waiting'),
          offered: count('offered'),
          purchased: count('purchased'),
          expired: count('expired'),
        },
      };
    },

    /** Moves a waiting entry to a new 1-based place among its type's waiting entries. */
    async move(auth: Principal, entryId: string, body: MoveWaitlistEntryBody): Promise<WaitlistJoined> {
      const found = await authorizeWaitlistEntry(db, auth, entryId, 'events.manage');
      const moved = await db.transaction(async (tx) => {
        await repo.lockLine(tx, found);
        const line = await repo.listWaiting(tx, found);
        const from = line.findIndex((row) => row.id === found.id);
        if (from < 0)
          throw new AppError('VALIDATION_FAILED', 'Only a waiting entry can be moved', {
            errors: [{ path: 'position', message: `the entry is ${found.status}` }],
          });
        const to = Math.min(body.position, line.length) - 1;
        // The line keeps its set of sort keys; the entries between the old and new place shift by one.
        const keys = line.map((row) => row.position);
        const order = [...line];
        const [entry] = order.splice(from, 1);
        if (entry) order.splice(to, 0, entry);
        const changes = order
          .map((row, index) => ({ id: row.id, position: keys[index] ?? row.position }))
          .filter((change, index) => change.position !== order[index]?.position);
        await repo.setPositions(tx, changes, clock.now());
        return repo.findEntry(tx, found.id);
      });
      if (!moved) throw notFound('Waiting list entry');
      return presentJoined(moved);
    },

    /** The organizer removes an entry; an open offer's hold goes back on sale. */
    async remove(auth: Principal, entryId: string): Promise<void> {
      await authorizeWaitlistEntry(db, auth, entryId, 'events.manage');
      const entry = await repo.changeStatus(db, entryId, ['waiting', 'offered'], 'removed', clock.now());
      if (entry) await withdrawOffer(entry);
    },

    /** The organizer offers an entry its tickets now, ahead of its turn; SOLD_OUT when they do not fit. */
    async offerNow(auth: Principal, entryId: string): Promise<WaitlistEntry> {
      const found = await authorizeWaitlistEntry(db, auth, entryId, 'events.manage');
      if (found.status !== 'waiting')
        throw new AppError('VALIDATION_FAILED', 'Only a waiting entry can be offered tickets', {
          errors: [{ path: 'entryId', message: `the entry is ${found.status}` }],
        });
      const offered = await offerNext(found, (tx) => repo.findEntry(tx, found.id, { forUpdate: true }));
      if (!offered) throw new AppError('SOLD_OUT', 'Not enough tickets left for this entry');
      deps.announce?.(offered.eventId);
      const type = (await listTicketTypes(db, offered.eventId)).find(
        (row) => row.id === offered.ticketTypeId,
      );
      return {
        id: offered.id,
        ticketTypeId: offered.ticketTypeId,
        ...(offered.dateId ? { dateId: offered.dateId } : {}),
        ticketTypeName: type?.name ?? '',
        quantity: offered.quantity,
        name: offered.name,
        email: offered.email,
        position: null,
        status: offered.status,
        offerOrderId: offered.offerOrderId,
        offerExpiresAt: offered.offerExpiresAt?.toISOString() ?? null,
        createdAt: offered.createdAt.toISOString(),
      };
    },

    /**
     * The automatic part (a job every minute and a loop every few seconds): settles offers whose
     * hold closed, then offers each line's first waiting entries in turn while their tickets fit,
     * stopping at the first that does not (strict order). Safe to run concurrently: each line is
     * offered under its lock and an entry leaves `waiting` by a conditional update.
     */
    async makeDueOffers(): Promise<{ settled: number; offered: number }> {
      const settled = await settleClosedOffers();
      let offered = 0;
      for (const line of await repo.listLinesWithWaiting(db)) {
        const event = await findEventById(db, line.eventId);
        const type = event
          ? (await listTicketTypes(db, line.eventId)).find((row) => row.id === line.ticketTypeId)
          : undefined;
        if (!event || event.status !== 'published' || !type?.waitlistEnabled) continue;
        for (;;) {
          const entry = await offerNext(line, (tx) => repo.firstWaiting(tx, line));
          if (!entry) break;
          offered += 1;
          deps.announce?.(entry.eventId);
        }
      }
      return { settled, offered };
    },
  };
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
