import type { MemberRole } from '@zevents/contracts';
import type { DbOrTx } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import { notFound, unauthenticated } from '../../http/errors';
import { isUuid } from '../../shared/ids';
import { assertRole, type Permission } from '../organizations/organizations.policy';
import { type EventRow, findEventById, findEventWithRole } from './events.repository';

/**
 * Loads an event for an organizer action: 404 when it does not exist or belongs to an organization
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
