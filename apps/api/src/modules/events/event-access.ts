import type { Db } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { notFound } from '../../http/errors';
import { isUuid } from '../../shared/ids';
import { assertRole, type Permission } from '../organizations';
import { findEventOrganizationId, findEventWithRole } from './events.repository';

/** Enough for every event a busy process serves; past it the oldest entries go first. */
const MAX_EVENTS = 50_000;

export interface EventAccess {
  /**
   * The answers of authorizeEvent (404 unknown or foreign, 403 role too small) without loading the
   * event row: for a caller that needs only the permission, on the door's hot path.
   */
  authorize(auth: Principal, eventId: string, permission: Permission): Promise<void>;
}

/**
 * An event's organization never changes, and an API key carries its organization and role, so an
 * API key's access to an event is decided from memory once the event has been seen: no query. A
 * session's role is read each time (it can change at any moment), once per request: a decision is
 * remembered on the request's principal object, which for a session lives one request (for an API
 * key, one key-cache period, and the decision depends on nothing but the key and the event).
 */
export function createEventAccess(db: Db): EventAccess {
  const organizationOf = new Map<string, string>();
  const decided = new WeakMap<Principal, Set<string>>();

  const remember = (eventId: string, organizationId: string) => {
    if (organizationOf.size >= MAX_EVENTS) {
      const oldest = organizationOf.keys().next();
      if (!oldest.done) organizationOf.delete(oldest.value);
    }
    organizationOf.set(eventId, organizationId);
  };

  async function decide(auth: Principal, eventId: string, permission: Permission): Promise<void> {
    if (!isUuid(eventId)) throw notFound('Event');
    if (auth.kind === 'apiKey') {
      let organizationId = organizationOf.get(eventId);
      if (organizationId === undefined) {
        organizationId = await findEventOrganizationId(db, eventId);
        if (organizationId === undefined) throw notFound('Event');
        remember(eventId, organizationId);
      }
      if (organizationId !== auth.organizationId) throw notFound('Event');
      assertRole(auth.role, permission, 'Event');
      return;
    }
    const found = await findEventWithRole(db, eventId, auth.userId);
    if (!found?.role) throw notFound('Event');
    remember(eventId, found.event.organizationId);
    assertRole(found.role, permission, 'Event');
  }

  return {
    async authorize(auth, eventId, permission) {
      const key = `${eventId} ${permission}`;
      if (decided.get(auth)?.has(key)) return;
      await decide(auth, eventId, permission);
      const keys = decided.get(auth) ?? new Set<string>();
      keys.add(key);
      decided.set(auth, keys);
    },
  };
}
