import { QueueParams, QueueStatus, QueueTokenParams } from '@zevents/contracts';
import type { Request } from 'express';
import type { ApiRouter } from '../../http/route';
import { BROWSER_COOKIE } from './waiting-room-pass';
import type { WaitingRoomService } from './waiting-room.service';

const tags = ['Waiting room'];
const BROWSER_COOKIE_DAYS = 7;

const browserSecretOf = (req: Request): unknown =>
  (req.cookies as Record<string, unknown> | undefined)?.[BROWSER_COOKIE];

export function registerWaitingRoomRoutes(
  api: ApiRouter,
  deps: { waitingRoom: WaitingRoomService; isProduction: boolean },
): void {
  const { waitingRoom } = deps;

  api.add(
    {
      method: 'post',
      path: '/api/public/events/{eventId}/queue',
      summary: "Join the event's waiting room: a queue token, a position and an estimated wait",
      description:
        'Everyone who joins before the sales open (the earliest salesStartAt of the ticket types) gets a random ' +
        'place, drawn at the opening; later arrivals queue in order. Visitors are admitted at admitPerMinute. ' +
        'The browser is remembered by an httpOnly cookie (`zevents_wr`): joining again from it gives back the same ' +
        'spot, and the pass works only with that cookie. 409 WAITING_ROOM_DISABLED when the event has no room on ' +
        '(buy directly), 409 WAITING_ROOM_NOT_OPEN (with `opensAt`) before opensMinutesBefore the sales, ' +
        '422 EVENT_CANCELLED, 404 for an unknown or unpublished event.',
      tags,
      access: 'public',
      params: QueueParams,
      status: 201,
      response: QueueStatus,
      errors: [409, 422],
    },
    async ({ params, req, res }) => {
      const { status, newBrowserSecret } = await waitingRoom.join(params.eventId, browserSecretOf(req));
      if (newBrowserSecret)
        res.cookie(BROWSER_COOKIE, newBrowserSecret, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.isProduction,
          path: '/api',
          maxAge: BROWSER_COOKIE_DAYS * 86_400_000,
        });
      return status;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/public/events/{eventId}/queue/{queueToken}',
      summary: 'Where a visitor stands: position and estimated wait, or admitted with the pass',
      description:
        'Once admitted: `admitted: true`, the `pass` to send as the Waiting-Room-Pass header of POST /api/orders, ' +
        'and `passExpiresAt` (fixed the first time it is asked for, passMinutes later). The live WebSocket of the ' +
        'event pushes `{type:"queue", admittedThrough, ...}`: position = place - admittedThrough. 404 for a ' +
        'malformed token, a token of another event, or one joined from another browser.',
      tags,
      access: 'public',
      params: QueueTokenParams,
      status: 200,
      response: QueueStatus,
      errors: [409, 422],
    },
    async ({ params, req }) => waitingRoom.status(params.eventId, params.queueToken, browserSecretOf(req)),
  );
}

/** The check POST /api/orders runs before reserving (headers and cookies of the request). */
export function admissionCheck(waitingRoom: WaitingRoomService) {
  return (eventId: string, req: Request): Promise<void> =>
    waitingRoom.requirePass(eventId, req.headers['waiting-room-pass'], browserSecretOf(req));
}
