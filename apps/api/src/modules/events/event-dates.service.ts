import {
  type CreateEventDateBody,
  type EventDate,
  type EventDateList,
  MAX_EVENT_DATES,
  type UpdateEventDateBody,
} from '@zevents/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import * as repo from './event-dates.repository';
import { assertNotCancelled, authorizeEvent, authorizeEventDate } from './events.policy';
import { listTicketTypes } from './events.repository';

export function presentEventDate(row: repo.EventDateWithStock): EventDate {
  const sum = (pick: (stock: repo.DateStock) => number) => row.stock.reduce((n, s) => n + pick(s), 0);
  return {
    id: row.id,
    eventId: row.eventId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    ticketTypes: row.stock.map((stock) => ({
      ticketTypeId: stock.ticketTypeId,
      name: stock.name,
      capacity: stock.capacity,
      sold: stock.sold,
      held: stock.held,
      available: Math.max(0, stock.capacity - stock.sold - stock.held),
    })),
    sold: sum((s) => s.sold),
    held: sum((s) => s.held),
    capacity: sum((s) => s.capacity),
    createdAt: row.createdAt.toISOString(),
  };
}

const poolsConflict = () =>
  new AppError(
    'DATES_WITH_CAPACITY_POOLS',
    'An event with capacity pools sells on one date: delete its pools before adding another date',
  );

/**
 * Dates and time slots of an event (the events module owns event_dates and the dates' stock rows).
 * Every change to an event's dates runs under the event's row lock, so two organizers never both
 * create "the first date".
 */
export function createEventDatesService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function presentDate(tx: DbOrTx, eventId: string, dateId: string): Promise<EventDate> {
    const row = (await repo.listDatesWithStock(tx, eventId)).find((date) => date.id === dateId);
    if (!row) throw notFound('Event date');
    return presentEventDate(row);
  }

  async function assertTypesOfEvent(
    tx: DbOrTx,
    eventId: string,
    capacities: ReadonlyArray<{ ticketTypeId: string }>,
  ): Promise<void> {
    if (capacities.length === 0) return;
    const ids = new Set((await listTicketTypes(tx, eventId)).map((type) => type.id));
    const index = capacities.findIndex((entry) => !ids.has(entry.ticketTypeId));
    if (index >= 0)
      throw new AppError('TICKET_TYPE_NOT_IN_EVENT', 'A ticket type does not belong to this event', {
        errors: [{ path: `capacities.${index}.ticketTypeId`, message: 'not a ticket type of this event' }],
      });
  }

  async function applyCapacities(
    tx: DbOrTx,
    date: repo.EventDateRow,
    capacities: ReadonlyArray<{ ticketTypeId: string; capacity: number }>,
  ): Promise<void> {
    for (const [index, entry] of capacities.entries())
      if (!(await repo.setDateCapacity(tx, date, entry.ticketTypeId, entry.capacity)))
        throw new AppError(
          'CAPACITY_BELOW_SOLD',
          'This date already has more tickets of this type sold and held than that capacity',
          { errors: [{ path: `capacities.${index}.capacity`, message: 'below sold + held on this date' }] },
        );
  }

  return {
    async create(auth: Principal, eventId: string, body: CreateEventDateBody): Promise<EventDate> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      assertNotCancelled(event);
      const now = clock.now();
      return db.transaction(async (tx) => {
        await repo.lockEventForDates(tx, event.id);
        await assertTypesOfEvent(tx, event.id, body.capacities ?? []);
        const existing = await repo.countDates(tx, event.id);
        if (existing >= MAX_EVENT_DATES)
          throw new AppError('VALIDATION_FAILED', `An event has at most ${MAX_EVENT_DATES} dates`);
        // Its first date takes over the ticket types' own stock, unless that stock already has orders
        // (sold for the event's own start and end): then those become its first date.
        const withOrders = existing === 0 && (await repo.hasOrders(tx, event.id));
        if ((existing > 0 || withOrders) && (await repo.hasCapacityPools(tx, event.id)))
          throw poolsConflict();
        if (withOrders) {
          const first = await repo.insertDate(tx, {
            eventId: event.id,
            startsAt: event.startsAt,
            endsAt: event.endsAt,
            usesBaseStock: true,
            now,
          });
          await repo.assignUndatedOrders(tx, event.id, first.id);
        }
        const date = await repo.insertDate(tx, {
          eventId: event.id,
          startsAt: new Date(body.startsAt),
          endsAt: new Date(body.endsAt),
          usesBaseStock: existing === 0 && !withOrders,
          now,
        });
        if (!date.usesBaseStock) await repo.insertStockRows(tx, date.id, event.id);
        await applyCapacities(tx, date, body.capacities ?? []);
        await repo.spanEventOverDates(tx, event.id, now);
        return presentDate(tx, event.id, date.id);
      });
    },

    async list(auth: Principal, eventId: string): Promise<EventDateList> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      return { items: (await repo.listDatesWithStock(db, event.id)).map(presentEventDate) };
    },

    async get(auth: Principal, dateId: string): Promise<EventDate> {
      const { date, event } = await authorizeEventDate(db, auth, dateId, 'events.view');
      return presentDate(db, event.id, date.id);
    },

    async update(auth: Principal, dateId: string, body: UpdateEventDateBody): Promise<EventDate> {
      const { date, event } = await authorizeEventDate(db, auth, dateId, 'events.manage');
      assertNotCancelled(event);
      const startsAt = body.startsAt ? new Date(body.startsAt) : date.startsAt;
      const endsAt = body.endsAt ? new Date(body.endsAt) : date.endsAt;
      if (endsAt <= startsAt)
        throw new AppError('VALIDATION_FAILED', 'The date must end after it starts', {
          errors: [{ path: 'endsAt', message: 'must be after startsAt' }],
        });
      return db.transaction(async (tx) => {
        await repo.lockEventForDates(tx, event.id);
        await assertTypesOfEvent(tx, event.id, body.capacities ?? []);
        await repo.updateDateTimes(tx, date.id, { startsAt, endsAt });
        await applyCapacities(tx, date, body.capacities ?? []);
        await repo.spanEventOverDates(tx, event.id, clock.now());
        return presentDate(tx, event.id, date.id);
      });
    },

    async remove(auth: Principal, dateId: string): Promise<void> {
      const { date, event } = await authorizeEventDate(db, auth, dateId, 'events.manage');
      await db.transaction(async (tx) => {
        await repo.lockEventForDates(tx, event.id);
        if (await repo.dateHasOrders(tx, date.id))
          throw new AppError(
            'DATE_HAS_ORDERS',
            'This date has orders: refund or cancel them (or move the date with PATCH) instead',
          );
        // The first date's stock is the ticket types' own rows: the next date takes them over.
        if (date.usesBaseStock) await repo.promoteNextDate(tx, event.id, date.id);
        await repo.deleteDate(tx, date.id);
        await repo.spanEventOverDates(tx, event.id, clock.now());
      });
    },
  };
}

export type EventDatesService = ReturnType<typeof createEventDatesService>;

/**
 * The date an order of the organizer's (box office, waiting-list offer) is for: the one named, if
 * the event has it, else the event's only date; null for an event without dates. 422 DATE_REQUIRED
 * on an event of several dates without one named, 422 DATE_NOT_IN_EVENT for another event's.
 */
export async function resolveOrderDate(
  db: DbOrTx,
  eventId: string,
  dateId: string | null | undefined,
): Promise<string | null> {
  const dates = await repo.listDates(db, eventId);
  if (dateId) {
    if (!dates.some((date) => date.id === dateId))
      throw new AppError('DATE_NOT_IN_EVENT', 'This date does not belong to this event', {
        errors: [{ path: 'dateId', message: 'not a date of this event' }],
      });
    return dateId;
  }
  if (dates.length > 1)
    throw new AppError('DATE_REQUIRED', 'This event runs on several dates: choose one (dateId)', {
      errors: [{ path: 'dateId', message: 'required: the event has several dates' }],
    });
  return dates[0]?.id ?? null;
}

/** 422 DATE_NOT_IN_EVENT unless the date is one of the event's (a `?dateId=` filter of its views). */
export async function assertDateOfEvent(db: DbOrTx, eventId: string, dateId: string): Promise<void> {
  await resolveOrderDate(db, eventId, dateId);
}

/**
 * The event as one of its dates: its start and end are the date's (what a ticket, an email or a
 * pass for that date shows). The event itself when the date is null or no longer there.
 */
export async function eventOnDate<Event extends { id: string; startsAt: Date; endsAt: Date }>(
  db: DbOrTx,
  event: Event,
  dateId: string | null | undefined,
): Promise<Event> {
  if (!dateId) return event;
  const found = await repo.findDateWithEvent(db, dateId);
  if (!found || found.date.eventId !== event.id) return event;
  return { ...event, startsAt: found.date.startsAt, endsAt: found.date.endsAt };
}
