import { z } from 'zod';
import { UuidParam } from './common';

/**
 * The fair virtual waiting room of an event (issue 12). Sales open at the earliest `salesStartAt` of
 * the event's ticket types; from `opensMinutesBefore` before that, visitors join a queue. Everyone who
 * joins before the opening gets a random place (drawn at the opening), later arrivals queue in order;
 * visitors are admitted at `admitPerMinute` with a pass valid `passMinutes`.
 */
export const WaitingRoomSettings = z
  .object({
    enabled: z.boolean(),
    opensMinutesBefore: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .describe('How long before the sales open visitors may join the queue'),
    admitPerMinute: z.number().int().min(1).max(1_000_000).describe('Visitors let through per minute'),
    passMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .describe('How long an admitted visitor may reserve tickets with their pass'),
  })
  .strict()
  .meta({ id: 'WaitingRoomSettings' });
export type WaitingRoomSettings = z.infer<typeof WaitingRoomSettings>;

/** What the public event page needs to know of an enabled room (null on the event when it is off). */
export const PublicWaitingRoom = z
  .object({
    opensAt: z.string().nullable().describe('When visitors may join; null: the sales have no start time'),
    salesOpenAt: z.string().nullable().describe('The earliest salesStartAt of the ticket types'),
    admitPerMinute: z.number().int(),
    passMinutes: z.number().int(),
  })
  .meta({ id: 'PublicWaitingRoom' });
export type PublicWaitingRoom = z.infer<typeof PublicWaitingRoom>;

/** A queue token: 22 base64url characters (128 random bits). Anything else names no visitor (404). */
export const QUEUE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const QueueParams = z.object({ eventId: UuidParam });
/** A malformed event id or token names nothing: the router answers 404, as for an unknown one. */
export const QueueTokenParams = QueueParams.extend({ queueToken: z.string().regex(QUEUE_TOKEN_PATTERN) });

/** The request header carrying an admitted visitor's pass on POST /api/orders. */
export const WAITING_ROOM_PASS_HEADER = 'Waiting-Room-Pass';

/**
 * Where a visitor stands. While waiting: `position` (1 = next in line) and `estimatedWaitSeconds`.
 * Once admitted: `admitted: true` with the `pass` and `passExpiresAt` (position and wait are then 0).
 */
export const QueueStatus = z
  .object({
    queueToken: z.string(),
    admitted: z.boolean(),
    position: z.number().int().min(0),
    estimatedWaitSeconds: z.number().int().min(0),
    place: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe(
        "The visitor's number in the line (position = place - admitted so far); null before the opening, " +
          'when places are not drawn yet and `position` is an estimate',
      ),
    salesOpenAt: z.string().nullable(),
    pass: z
      .string()
      .optional()
      .describe('Admitted: send it as the Waiting-Room-Pass header of POST /api/orders'),
    passExpiresAt: z.string().optional(),
  })
  .meta({ id: 'QueueStatus' });
export type QueueStatus = z.infer<typeof QueueStatus>;

/**
 * The room's live figures, pushed on both live channels (`type: "queue"`) and read by visitors to
 * work out their own position (`place - admittedThrough`) without asking the server.
 */
export const WaitingRoomFigures = z
  .object({
    queueLength: z.number().int().min(0).describe('Visitors waiting, not admitted yet'),
    admitted: z.number().int().min(0).describe('Visitors admitted so far'),
    admittedThrough: z.number().int().min(0).describe('Every place up to this one is admitted'),
    admitPerMinute: z.number().int(),
    isDrawPending: z.boolean().describe('Before the opening: places are drawn at random when the sales open'),
    salesOpenAt: z.string().nullable(),
  })
  .meta({ id: 'WaitingRoomFigures' });
export type WaitingRoomFigures = z.infer<typeof WaitingRoomFigures>;

/** Seconds to wait for `position` at `admitPerMinute`, rounded up. */
export function estimateWaitSeconds(position: number, admitPerMinute: number): number {
  return position <= 0 ? 0 : Math.ceil(((position - 1) * 60) / admitPerMinute);
}
