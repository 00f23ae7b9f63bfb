/**
 * Events module: events, their ticket types, promo codes and reminder schedules (the organizer side).
 * Owns tables: events, ticket_types, promo_codes, event_reminders.
 */
export { authorizeEvent, authorizePromoCode, authorizeTicketType } from './events.policy';
export { createEventAccess, type EventAccess } from './event-access';
export { availableOf } from './events.presenter';
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
