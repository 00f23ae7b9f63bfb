import type { IncomingMessage } from 'node:http';
import type { Db } from '../db/client';
import type { AuthResolvers } from '../http/auth';
import { type AuthContext, hasAnyScope } from '../http/auth-context';
import { SESSION_COOKIE } from '../http/session-cookie';
import type { CatalogueService } from '../modules/catalogue';
import { authorizeEvent } from '../modules/events';
import type { StatsService } from '../modules/stats';
import type { WaitingRoomService } from '../modules/waiting-room';
import type { LiveSources } from './live-hub';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** What the live hub reads: the same authentication, permissions and figures as the HTTP API. */
export function createLiveSources(deps: {
  db: Db;
  /** The same resolvers as the HTTP auth middleware: a removed key creator loses the socket too. */
  auth: AuthResolvers;
  stats: StatsService;
  catalogue: CatalogueService;
  waitingRoom: Pick<WaitingRoomService, 'figures'>;
}): LiveSources {
  return {
    async authenticate(req: IncomingMessage): Promise<AuthContext> {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer) return (await deps.auth.resolveApiKey(bearer)) ?? { kind: 'anonymous' };
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (!token || token.length > 200) return { kind: 'anonymous' };
      return (await deps.auth.resolveSessionToken(token)) ?? { kind: 'anonymous' };
    },
    async canWatchDashboard(auth, eventId) {
      // The dashboard is a read: an API key needs `read` (or `write`), like GET /stats.
      if (auth.kind === 'apiKey' && !hasAnyScope(auth.scopes, ['read'])) return false;
      try {
        await authorizeEvent(deps.db, auth, eventId, 'events.view');
        return true;
      } catch {
        return false;
      }
    },
    async isPublicEvent(eventId) {
      try {
        await deps.catalogue.getEvent(eventId);
        return true;
      } catch {
        return false;
      }
    },
    stats: (eventId) => deps.stats.computeStats(eventId),
    waitingRoom: (eventId) => deps.waitingRoom.figures(eventId),
    async availability(eventId) {
      // Pushed right after a change: never the page a visitor flood is served from memory.
      const event = await deps.catalogue.readEvent(eventId);
      return event.ticketTypes.map((type) => ({ id: type.id, available: type.available }));
    },
  };
}
