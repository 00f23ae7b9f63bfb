import type { EventStats } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import type { Clock } from '../../shared/clock';
import { assertDateOfEvent, authorizeEvent, findEventById } from '../events';
import { computeEventStats } from './stats.repository';

export interface StatsDeps {
  db: Db;
  clock: Clock;
}

export function createStatsService(deps: StatsDeps) {
  const { db, clock } = deps;

  async function statsOf(
    event: { id: string; timezone: string },
    dateId: string | null = null,
  ): Promise<EventStats> {
    const stats = await computeEventStats(db, event.id, event.timezone, clock.now(), dateId);
    const sum = (pick: (type: EventStats['byTicketType'][number]) => number) =>
      stats.byTicketType.reduce((total, type) => total + pick(type), 0);
    return {
      ticketsSold: sum((type) => type.sold),
      ticketsHeld: sum((type) => type.held),
      capacity: sum((type) => type.capacity),
      revenueCents: stats.grossCents - stats.refundsCents,
      refundsCents: stats.refundsCents,
      checkedIn: stats.checkedIn,
      byTicketType: stats.byTicketType,
      salesByDay: stats.salesByDay,
      byChannel: stats.byChannel,
    };
  }

  return {
    /** The dashboard figures of one event, for its organizers and staff. */
    async getEventStats(auth: AuthContext, eventId: string, dateId?: string): Promise<EventStats> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      if (dateId) await assertDateOfEvent(db, event.id, dateId);
      return statsOf(event, dateId ?? null);
    },

    /** The same figures without an authorization check, for pushes to already-authorized sockets. */
    async computeStats(eventId: string): Promise<EventStats> {
      const event = await findEventById(db, eventId);
      if (!event) throw new Error(`event ${eventId} not found`);
      return statsOf(event);
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
