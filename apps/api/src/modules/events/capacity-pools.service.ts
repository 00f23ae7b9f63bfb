import type {
  CapacityPool,
  CapacityPoolList,
  CreateCapacityPoolBody,
  UpdateCapacityPoolBody,
} from '@zevents/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import * as repo from './capacity-pools.repository';
import { countDates, lockEventForDates } from './event-dates.repository';
import { assertNotCancelled, authorizeCapacityPool, authorizeEvent } from './events.policy';

function present(row: repo.CapacityPoolUsage): CapacityPool {
  return {
    id: row.id,
    eventId: row.eventId,
    name: row.name,
    capacity: row.capacity,
    ticketTypeIds: row.ticketTypeIds,
    sold: row.sold,
    held: row.held,
    available: Math.max(0, row.capacity - row.sold - row.held),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Shared capacity over several ticket types of one event (the stock trigger of 0029 enforces it). */
export function createCapacityPoolsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function assertTypesOfEvent(tx: DbOrTx, eventId: string, ids: string[]): Promise<void> {
    if ((await repo.countTicketTypesOfEvent(tx, eventId, ids)) !== ids.length)
      throw new AppError('TICKET_TYPE_NOT_IN_EVENT', 'A ticket type does not belong to this event', {
        errors: [{ path: 'ticketTypeIds', message: 'every id must be a ticket type of this event' }],
      });
  }

  /** Under the pools' lock: the types must not already have more than the capacity sold and held. */
  async function assertFits(tx: DbOrTx, capacity: number, ids: string[]): Promise<void> {
    const used = await repo.usageOfTicketTypes(tx, ids);
    if (used > capacity)
      throw new AppError(
        'CAPACITY_BELOW_SOLD',
        `These ticket types already have ${used} tickets sold and held: the capacity cannot be lower`,
        { errors: [{ path: 'capacity', message: `at least ${used}` }] },
      );
  }

  async function presentPool(tx: DbOrTx, poolId: string): Promise<CapacityPool> {
    const row = await repo.findCapacityPool(tx, poolId);
    if (!row) throw notFound('Capacity pool');
    return present(row);
  }

  return {
    async create(auth: Principal, eventId: string, body: CreateCapacityPoolBody): Promise<CapacityPool> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      assertNotCancelled(event);
      return db.transaction(async (tx) => {
        await assertTypesOfEvent(tx, event.id, body.ticketTypeIds);
        // Under the lock date changes take: a pool limits one date's stock, never several.
        await lockEventForDates(tx, event.id);
        if ((await countDates(tx, event.id)) > 1)
          throw new AppError(
            'DATES_WITH_CAPACITY_POOLS',
            'Capacity pools share one stock: an event with several dates cannot have them',
          );
        await repo.lockCapacityPoolsOfEvent(tx, event.id);
        await assertFits(tx, body.capacity, body.ticketTypeIds);
        const pool = await repo.insertCapacityPool(tx, {
          eventId: event.id,
          name: body.name,
          capacity: body.capacity,
          now: clock.now(),
        });
        await repo.setPoolTicketTypes(tx, pool, body.ticketTypeIds);
        return presentPool(tx, pool.id);
      });
    },

    async list(auth: Principal, eventId: string): Promise<CapacityPoolList> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      return { items: (await repo.listCapacityPools(db, event.id)).map(present) };
    },

    async update(auth: Principal, poolId: string, body: UpdateCapacityPoolBody): Promise<CapacityPool> {
      const { pool, event } = await authorizeCapacityPool(db, auth, poolId, 'events.manage');
      assertNotCancelled(event);
      return db.transaction(async (tx) => {
        if (body.ticketTypeIds) await assertTypesOfEvent(tx, event.id, body.ticketTypeIds);
        await repo.lockCapacityPoolsOfEvent(tx, event.id);
        const current = await repo.findCapacityPool(tx, pool.id);
        if (!current) throw notFound('Capacity pool');
        await assertFits(tx, body.capacity ?? current.capacity, body.ticketTypeIds ?? current.ticketTypeIds);
        await repo.updateCapacityPool(tx, pool.id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
          updatedAt: clock.now(),
        });
        if (body.ticketTypeIds) await repo.setPoolTicketTypes(tx, pool, body.ticketTypeIds);
        return presentPool(tx, pool.id);
      });
    },

    async remove(auth: Principal, poolId: string): Promise<void> {
      const { pool } = await authorizeCapacityPool(db, auth, poolId, 'events.manage');
      await repo.deleteCapacityPool(db, pool.id);
    },
  };
}

export type CapacityPoolsService = ReturnType<typeof createCapacityPoolsService>;
