import type { MemberRole } from '@zevents/contracts';
import type { DbOrTx } from '../../db/client';
import type { AuthContext, Principal } from '../../http/auth-context';
import { AppError, notFound, unauthenticated } from '../../http/errors';
import { isUuid } from '../../shared/ids';
import { assertRole, findRole, type Permission } from '../organizations';
import {
  type EventRow,
  findEventById,
  findEventWithRole,
  findPromoCodeWithEvent,
  findTicketTypeWithEvent,
} from './events.repository';
import { findCapacityPoolWithEvent } from './capacity-pools.repository';
import { findDateWithEvent } from './event-dates.repository';

export function assertNotCancelled(event: EventRow): void {
  if (event.status === 'cancelled')
    throw new AppError('EVENT_CANCELLED', 'This event is cancelled and can no longer change');
}

/**
 * Loads an event for an organizer action: 401 without credentials (the live dashboard's socket asks
 * too, and no router stands before it), 404 when it does not exist or belongs to an organization
 * the caller is not in (indistinguishable), 403 when the caller's role does not allow the action.
 */
export async function authorizeEvent(
  db: DbOrTx,
  auth: AuthContext,
  eventId: string,
  permission: Permission,
): Promise<{ event: EventRow; role: MemberRole }> {
  if (auth.kind === 'anonymous') throw unauthenticated();
  if (!isUuid(eventId)) throw notFound('Event');
  if (auth.kind === 'apiKey') {
    const event = await findEventById(db, eventId);
    if (!event || event.organizationId !== auth.organizationId) throw notFound('Event');
    return { event, role: assertRole(auth.role, permission, 'Event') };
  }
  const found = await findEventWithRole(db, eventId, auth.userId);
  if (!found?.role) throw notFound('Event');
  return { event: found.event, role: assertRole(found.role, permission, 'Event') };
}

/**
 * Loads a ticket type and its event for an organizer action, with the same answers as
 * authorizeEvent: 404 for unknown and foreign ids alike (the route's UuidParam answers malformed
 * ones), 403 for a role too small.
 */
export const authorizeTicketType = authorizerOfEventPart('Ticket type', findTicketTypeWithEvent);

/** The same for a promo code. */
export const authorizePromoCode = authorizerOfEventPart('Promo code', findPromoCodeWithEvent);

/** The same for a capacity pool. */
export const authorizeCapacityPool = authorizerOfEventPart('Capacity pool', findCapacityPoolWithEvent);

function authorizerOfEventPart<Found extends { event: EventRow }>(
  what: string,
  find: (db: DbOrTx, id: string) => Promise<Found | undefined>,
) {
  return async (db: DbOrTx, auth: Principal, id: string, permission: Permission): Promise<Found> => {
    const found = await find(db, id);
    const role = found ? await findRole(db, auth, found.event.organizationId) : undefined;
    assertRole(role, permission, what);
    if (!found) throw notFound(what);
    return found;
  };
}

export const authorizeEventDate = authorizerOfEventPart('Event date', findDateWithEvent);
