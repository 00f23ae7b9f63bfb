import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type EventStats,
  LIVE_CLOSE_NO_LONGER_AUTHORIZED,
  type LiveAvailabilityMessage,
  type LiveQueueMessage,
  type LiveServerMessage,
  type LiveStatsMessage,
  type LiveTicketTypeAvailability,
  type WaitingRoomFigures,
} from '@zevents/contracts';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { AuthContext } from '../http/auth-context';
import type { ChangeBus } from './change-bus';

export interface LiveSources {
  /** Who is connecting, from the upgrade request's cookie or Bearer key. */
  authenticate(req: IncomingMessage): Promise<AuthContext>;
  /** Whether this caller may watch the event's dashboard (its organizers and staff). */
  canWatchDashboard(auth: AuthContext, eventId: string): Promise<boolean>;
  /** Whether the event is public (published or cancelled) for the anonymous channel. */
  isPublicEvent(eventId: string): Promise<boolean>;
  stats(eventId: string): Promise<EventStats>;
  availability(eventId: string): Promise<LiveTicketTypeAvailability[]>;
  /** The event's waiting-room figures, null when it has no room on (then nothing is pushed). */
  waitingRoom?(eventId: string): Promise<WaitingRoomFigures | null>;
}

interface Channel {
  dashboards: Set<WebSocket>;
  visitors: Set<WebSocket>;
  isDirty: boolean;
  timer?: NodeJS.Timeout;
  lastPushAt: number;
}

const DASHBOARD_PATH = /^\/api\/events\/([0-9a-f-]{36})\/live\/?$/i;
const PUBLIC_PATH = /^\/api\/public\/events\/([0-9a-f-]{36})\/live\/?$/i;
/** The frame of a contract message (packages/contracts live.ts); `type` first, as clients have always had it. */
const frameOf = (message: LiveServerMessage): string => JSON.stringify(message);

/** A client this far behind is skipped for a push; twice that and it is dropped. */
const SLOW_CLIENT_BYTES = 512 * 1024;

/**
 * WebSocket live updates, in the shapes of packages/contracts live.ts. Dashboards get
 * `{type:"stats", ...}` and the public event page gets `{type:"availability", ticketTypes}` whenever the event changes anywhere (ChangeBus), at most one
 * push per event per `minIntervalMs`, and the current figures at once on (re)connect. Slow clients
 * are skipped and then dropped, so they cannot pile up the server's memory. Dashboard sockets are
 * closed (LIVE_CLOSE_NO_LONGER_AUTHORIZED, 4403) within `reauthorizeMs` of their caller losing access.
 */
export function createLiveHub(deps: {
  bus: ChangeBus;
  sources: LiveSources;
  logger: Logger;
  minIntervalMs?: number;
  /** How often an open dashboard socket's caller is checked again (30 s by default). */
  reauthorizeMs?: number;
  /** How often a waiting room's figures go to its event's sockets (1 s by default): admission moves with time. */
  queueIntervalMs?: number;
}) {
  const { bus, sources, logger } = deps;
  const minIntervalMs = deps.minIntervalMs ?? 250;
  const reauthorizeMs = deps.reauthorizeMs ?? 30_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const channels = new Map<string, Channel>();

  const channelOf = (eventId: string): Channel => {
    let channel = channels.get(eventId);
    if (!channel) {
      channel = { dashboards: new Set(), visitors: new Set(), isDirty: false, lastPushAt: 0 };
      channels.set(eventId, channel);
    }
    return channel;
  };

  const send = (socket: WebSocket, message: string) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > 2 * SLOW_CLIENT_BYTES) {
      socket.terminate();
      return;
    }
    if (socket.bufferedAmount > SLOW_CLIENT_BYTES) return;
    socket.send(message);
  };

  const push = async (eventId: string, only?: WebSocket) => {
    const channel = channels.get(eventId);
    if (!channel) return;
    if (!only) {
      channel.isDirty = false;
      channel.lastPushAt = Date.now();
    }
    try {
      const dashboards = only ? [...channel.dashboards].filter((s) => s === only) : [...channel.dashboards];
      const visitors = only ? [...channel.visitors].filter((s) => s === only) : [...channel.visitors];
      if (dashboards.length > 0) {
        const stats: LiveStatsMessage = { type: 'stats', ...(await sources.stats(eventId)) };
        const frame = frameOf(stats);
        for (const socket of dashboards) send(socket, frame);
      }
      if (visitors.length > 0) {
        const availability: LiveAvailabilityMessage = {
          type: 'availability',
          ticketTypes: await sources.availability(eventId),
        };
        const frame = frameOf(availability);
        for (const socket of visitors) send(socket, frame);
      }
    } catch (error) {
      logger.warn({ err: error, eventId }, 'live push failed');
    }
  };

  /** Coalesces bursts: the first change pushes soon, the rest of the burst rides on the next push. */
  const schedule = (eventId: string) => {
    const channel = channels.get(eventId);
    if (!channel) return;
    channel.isDirty = true;
    if (channel.timer) return;
    const wait = Math.max(0, channel.lastPushAt + minIntervalMs - Date.now());
    channel.timer = setTimeout(() => {
      channel.timer = undefined;
      if (channel.isDirty) void push(eventId);
    }, wait);
  };

  const unsubscribe = bus.onChange(schedule);

  /** Waiting-room figures to every socket of the event (or one): visitors work out their position from them. */
  const pushQueue = async (eventId: string, only?: WebSocket) => {
    const channel = channels.get(eventId);
    if (!channel || !sources.waitingRoom) return;
    try {
      const figures = await sources.waitingRoom(eventId);
      if (!figures) return;
      const frame = frameOf({ type: 'queue', ...figures } satisfies LiveQueueMessage);
      for (const socket of only ? [only] : [...channel.dashboards, ...channel.visitors]) send(socket, frame);
    } catch (error) {
      logger.warn({ err: error, eventId }, 'live queue push failed');
    }
  };
  const queueTimer = setInterval(() => {
    for (const eventId of channels.keys()) void pushQueue(eventId);
  }, deps.queueIntervalMs ?? 1_000);
  queueTimer.unref();

  const reject = (socket: Duplex, status: number, reason: string) => {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };

  /** Refuses cross-site pages: a WebSocket carries cookies, and CSRF tokens do not cover upgrades. */
  const isSameOrigin = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (!origin) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };

  /** False when the dashboard's caller lost access; a failed check (database hiccup) keeps the socket. */
  const isStillAuthorized = async (req: IncomingMessage, eventId: string): Promise<boolean> => {
    try {
      const auth = await sources.authenticate(req);
      return auth.kind !== 'anonymous' && (await sources.canWatchDashboard(auth, eventId));
    } catch (error) {
      logger.warn({ err: error, eventId }, 'live re-authorization failed; the socket stays open');
      return true;
    }
  };

  const handleUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const dashboardMatch = DASHBOARD_PATH.exec(path);
    const publicMatch = PUBLIC_PATH.exec(path);
    const eventId = (dashboardMatch?.[1] ?? publicMatch?.[1])?.toLowerCase();
    if (!eventId) return reject(socket, 404, 'Not Found');
    try {
      if (dashboardMatch) {
        if (!isSameOrigin(req)) return reject(socket, 403, 'Forbidden');
        const auth = await sources.authenticate(req);
        if (auth.kind === 'anonymous') return reject(socket, 401, 'Unauthorized');
        if (!(await sources.canWatchDashboard(auth, eventId))) return reject(socket, 404, 'Not Found');
      } else if (!(await sources.isPublicEvent(eventId))) {
        return reject(socket, 404, 'Not Found');
      }
    } catch (error) {
      logger.warn({ err: error }, 'live upgrade refused');
      return reject(socket, 503, 'Service Unavailable');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const channel = channelOf(eventId);
      const set = dashboardMatch ? channel.dashboards : channel.visitors;
      set.add(ws);
      let isAlive = true;
      ws.on('pong', () => (isAlive = true));
      const heartbeat = setInterval(() => {
        if (!isAlive) return ws.terminate();
        isAlive = false;
        ws.ping();
      }, 30_000);
      // The upgrade was authorized once; a logout, a revoked API key or a removed member must not keep
      // watching through a socket opened before, so the caller is checked again on a timer.
      const recheck = dashboardMatch
        ? setInterval(() => {
            void isStillAuthorized(req, eventId).then((allowed) => {
              if (!allowed && ws.readyState === WebSocket.OPEN)
                ws.close(LIVE_CLOSE_NO_LONGER_AUTHORIZED, 'No longer authorized');
            });
          }, reauthorizeMs)
        : undefined;
      ws.on('close', () => {
        clearInterval(heartbeat);
        clearInterval(recheck);
        set.delete(ws);
        if (channel.dashboards.size === 0 && channel.visitors.size === 0) {
          if (channel.timer) clearTimeout(channel.timer);
          channels.delete(eventId);
        }
      });
      ws.on('error', () => ws.terminate());
      // Whoever (re)connects sees the current figures at once.
      void push(eventId, ws);
      void pushQueue(eventId, ws);
    });
  };

  return {
    attach(server: Server): void {
      server.on('upgrade', (req, socket, head) => {
        void handleUpgrade(req, socket, head);
      });
    },
    connectionCount: () =>
      [...channels.values()].reduce((n, c) => n + c.dashboards.size + c.visitors.size, 0),
    close(): void {
      unsubscribe();
      clearInterval(queueTimer);
      for (const channel of channels.values()) if (channel.timer) clearTimeout(channel.timer);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
