import type { EventStats } from '@zevents/contracts';

/** An event's figures for component tests: three tickets sold, nobody in yet, unless overridden. */
export const eventStats = (overrides: Partial<EventStats> = {}): EventStats => ({
  ticketsSold: 3,
  ticketsHeld: 0,
  capacity: 10,
  revenueCents: 4500,
  refundsCents: 0,
  checkedIn: 0,
  byTicketType: [],
  salesByDay: [],
  byChannel: [],
  ...overrides,
});
