import type { IncomingMessage } from 'node:http';
import type { Db } from '../db/client';
import type { AuthContext } from '../http/auth-context';
import { SESSION_COOKIE } from '../http/session-cookie';
import type { AccountsService } from '../modules/accounts/accounts.service';
import type { CatalogueService } from '../modules/catalogue/catalogue.service';
import { authorizeEvent } from '../modules/events/events.policy';
import type { StatsService } from '../modules/stats/stats.service';
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
  accounts: AccountsService;
  stats: StatsService;
  catalogue: CatalogueService;
}): LiveSources {
  return {
    async authenticate(req: IncomingMessage): Promise<AuthContext> {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer) return (await deps.accounts.resolveApiKey(bearer)) ?? { kind: 'anonymous' };
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (!token || token.length > 200) return { kind: 'anonymous' };
      return (await deps.accounts.resolveSessionToken(token)) ?? { kind: 'anonymous' };
    },
    async canWatchDashboard(auth, eventId) {
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
    async availability(eventId) {
      const event = await deps.catalogue.getEvent(eventId);
      return event.ticketTypes.map((type) => ({ id: type.id, available: type.available }));
    },
  };
}
