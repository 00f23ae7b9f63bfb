/**
 * Waiting-room module: the fair virtual queue in front of a flash sale (issue 12). Visitors join,
 * are drawn a random place if they came before the opening or queue in order after it, and are
 * admitted at the event's rate with a signed pass that POST /api/orders checks in memory.
 * Owns tables: waiting_room_queues, waiting_room_visitors. The settings live on the event
 * (events.waiting_room, events module).
 */
export { admissionCheck, registerWaitingRoomRoutes } from './waiting-room.routes';
export { createWaitingRoomService, type WaitingRoomService } from './waiting-room.service';
export { BROWSER_COOKIE } from './waiting-room-pass';
