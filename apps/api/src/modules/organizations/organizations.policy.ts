import type { MemberRole } from '@zevents/contracts';
import type { DbOrTx } from '../../db/client';
import type { AuthContext, Principal } from '../../http/auth-context';
import { AppError, forbidden, notFound } from '../../http/errors';
import { findMemberRole } from './organizations.repository';

/** What a member may do. Staff only view and check in; owners and admins run the organization. */
export type Permission =
  'organization.view' | 'organization.manage' | 'events.view' | 'events.manage' | 'orders.refund' | 'checkin';

const PERMISSIONS: Record<MemberRole, ReadonlySet<Permission>> = {
  owner: new Set([
    'organization.view',
    'organization.manage',
    'events.view',
    'events.manage',
    'orders.refund',
    'checkin',
  ]),
  admin: new Set([
    'organization.view',
    'organization.manage',
    'events.view',
    'events.manage',
    'orders.refund',
    'checkin',
  ]),
  staff: new Set(['organization.view', 'events.view', 'checkin']),
};

export function can(role: MemberRole, permission: Permission): boolean {
  return PERMISSIONS[role].has(permission);
}

/** Only an owner may make someone else an owner. */
export function canGrantRole(granter: MemberRole, role: MemberRole): boolean {
  return can(granter, 'organization.manage') && (role !== 'owner' || granter === 'owner');
}

/**
 * Whether `actor` may change (or, without `newRole`, remove) a member who has `targetRole`: owners and
 * admins manage the team, but only an owner may touch an owner or make one.
 */
export function canManageMember(actor: MemberRole, targetRole: MemberRole, newRole?: MemberRole): boolean {
  if (!can(actor, 'organization.manage')) return false;
  const touchesOwner = targetRole === 'owner' || newRole === 'owner';
  return !touchesOwner || actor === 'owner';
}

/** Keys are made by those who run the organization, and act only while their creator still does. */
export function canUseApiKeys(role: MemberRole): boolean {
  return can(role, 'organization.manage');
}

/**
 * The role an API key acts with, from its creator's current role: undefined (the key does not
 * authenticate) once the creator may no longer use keys; never more than admin, so a key cannot touch
 * owners. A key made before creators were recorded (`isRecorded` false) keeps acting as admin.
 */
export function apiKeyRole(creator: {
  isRecorded: boolean;
  role: MemberRole | null;
}): MemberRole | undefined {
  if (!creator.isRecorded) return 'admin';
  if (!creator.role || !canUseApiKeys(creator.role)) return undefined;
  return creator.role === 'owner' ? 'admin' : creator.role;
}

/**
 * The team (members, invitations, keys) is run by logged-in owners and admins: an API key acts with
 * admin rights for integrations but must not be able to grant access or mint more keys.
 */
export async function requireTeamManager(
  db: DbOrTx,
  auth: Principal,
  organizationId: string,
): Promise<{ role: MemberRole; userId: string }> {
  const role = await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
  if (auth.kind !== 'session') throw forbidden('The team is managed by a logged-in owner or admin');
  return { role, userId: auth.userId };
}

/**
 * The caller's role in an organization, or undefined when they are not a member. The id is a row's
 * or a route's `UuidParam`, so it is always a UUID by now.
 */
export async function findRole(
  db: DbOrTx,
  auth: AuthContext,
  organizationId: string,
): Promise<MemberRole | undefined> {
  if (auth.kind === 'apiKey') return auth.organizationId === organizationId ? auth.role : undefined;
  if (auth.kind !== 'session') return undefined;
  return findMemberRole(db, organizationId, auth.userId);
}

/**
 * Throws unless the caller may act on the organization: 404 for outsiders (an organization that
 * exists and one that does not look the same), 403 for a member whose role is too small. Callers
 * without credentials never get here: the router answers them 401.
 */
export async function requireOrganizationPermission(
  db: DbOrTx,
  auth: Principal,
  organizationId: string,
  permission: Permission,
): Promise<MemberRole> {
  const role = await findRole(db, auth, organizationId);
  return assertRole(role, permission, 'Organization');
}

export function assertRole(role: MemberRole | undefined, permission: Permission, what: string): MemberRole {
  if (!role) throw notFound(what);
  if (!can(role, permission)) throw forbidden();
  return role;
}

export function requireUser(auth: Principal): { userId: string } {
  if (auth.kind === 'apiKey')
    throw new AppError('FORBIDDEN', 'This action needs a logged-in user, not an API key');
  return { userId: auth.userId };
}
