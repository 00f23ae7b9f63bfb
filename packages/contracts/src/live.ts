import { z } from 'zod';
import { EventStats } from './insight';
import { WaitingRoomFigures } from './waiting-room';

/**
 * The live WebSocket channels (GET /api/events/{eventId}/live for organizers, GET
 * /api/public/events/{eventId}/live for anyone). The server sends JSON text frames of these shapes,
 * the current figures at once on every (re)connect and again whenever they change; clients send
 * nothing (the server ignores any frame they send). A client ignores a frame it cannot parse.
 */

/** Organizer dashboard: the event's figures, as GET /api/events/{eventId}/stats answers them. */
export const LiveStatsMessage = EventStats.extend({ type: z.literal('stats') }).meta({
  id: 'LiveStatsMessage',
});
export type LiveStatsMessage = z.infer<typeof LiveStatsMessage>;

export const LiveTicketTypeAvailability = z.object({ id: z.string(), available: z.number().int() });
export type LiveTicketTypeAvailability = z.infer<typeof LiveTicketTypeAvailability>;

/** Public event page: tickets left per ticket type on sale. */
export const LiveAvailabilityMessage = z
  .object({ type: z.literal('availability'), ticketTypes: z.array(LiveTicketTypeAvailability) })
  .meta({ id: 'LiveAvailabilityMessage' });
export type LiveAvailabilityMessage = z.infer<typeof LiveAvailabilityMessage>;

/**
 * Both channels, while the event's waiting room is on: its figures, about once a second. A waiting
 * visitor's position is `place - admittedThrough` (place from the queue answer).
 */
export const LiveQueueMessage = WaitingRoomFigures.extend({ type: z.literal('queue') }).meta({
  id: 'LiveQueueMessage',
});
export type LiveQueueMessage = z.infer<typeof LiveQueueMessage>;

/** Every frame the server sends, on either channel. */
export const LiveServerMessage = z.discriminatedUnion('type', [
  LiveStatsMessage,
  LiveAvailabilityMessage,
  LiveQueueMessage,
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;

/** Close code of a dashboard socket whose caller lost access (logout, revoked key, removed member): do not reconnect. */
export const LIVE_CLOSE_NO_LONGER_AUTHORIZED = 4403;

/** The frames of the public channel (an event page): availability, and the waiting room's figures. */
export const LivePublicMessage = z.discriminatedUnion('type', [LiveAvailabilityMessage, LiveQueueMessage]);
export type LivePublicMessage = z.infer<typeof LivePublicMessage>;

/** The frames of the dashboard channel: the event's figures, and the waiting room's. */
export const LiveDashboardMessage = z.discriminatedUnion('type', [LiveStatsMessage, LiveQueueMessage]);
export type LiveDashboardMessage = z.infer<typeof LiveDashboardMessage>;
