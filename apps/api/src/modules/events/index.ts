/**
 * Events module: events, their ticket types, promo codes and reminder schedules (the organizer side).
 * Owns tables: events, ticket_types, promo_codes, event_reminders, capacity_pools,
 * capacity_pool_ticket_types, event_dates.
 */
export {
  authorizeCapacityPool,
  authorizeEvent,
  authorizeEventDate,
  authorizePromoCode,
  authorizeTicketType,
} from './events.policy';
export { createCapacityPoolsService, type CapacityPoolsService } from './capacity-pools.service';
export { registerCapacityPoolsRoutes } from './capacity-pools.routes';
export {
  assertDateOfEvent,
  createEventDatesService,
  eventOnDate,
  type EventDatesService,
  resolveOrderDate,
} from './event-dates.service';
export { registerEventDatesRoutes } from './event-dates.routes';
export {
  type DateStock,
  type EventDateWithStock,
  listDates,
  listDatesWithStock,
  listLiveDatesWithStock,
  listStockRows,
  stockRowsOn,
} from './event-dates.repository';
export { poolHeadroomByTicketType } from './capacity-pools.repository';
export { createEventAccess, type EventAccess } from './event-access';
export { availableOf, discoveryOf, offersBankTransfer } from './events.presenter';
export {
  type EventRow,
  findEventById,
  findWaitingRoomSchedule,
  listLiveTicketTypes,
  listReminders,
  listTicketTypes,
  type PromoCodeRow,
  type TicketTypeRow,
} from './events.repository';
export { salesOpenAtOf, waitingRoomOpensAt } from './sales-opening';
