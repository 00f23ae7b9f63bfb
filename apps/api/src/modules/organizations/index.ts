/**
 * Organizations module: organizations, their members and roles, and team invitations.
 * Owns tables: organizations, memberships, invitations.
 * Other modules ask it who may do what (the policy) and read an invitation to mail it.
 */
export {
  apiKeyRole,
  assertRole,
  can,
  findRole,
  type Permission,
  requireOrganizationPermission,
  requireTeamManager,
  requireUser,
} from './organizations.policy';
export { findInvitationById, type InvitationRow } from './invitations.repository';
export { findOrganization, listMembers } from './organizations.repository';
export { createInvitationTokens, type InvitationTokens } from './invitation-tokens';
