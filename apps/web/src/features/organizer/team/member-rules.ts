import type { Member, MemberRole } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';

/**
 * What the caller may do to one member, mirroring the API's rules (organizations.policy.ts) so the
 * page offers only what will work: owners and admins run the team, only owners touch or make owners,
 * and the last owner can neither step down nor leave.
 */
export interface MemberActions {
  /** Roles the member may be given (their current one included); empty when it cannot change. */
  roles: MemberRole[];
  canRemove: boolean;
  /** Why the member cannot be changed, for a tooltip; null when they can. */
  lockedReason: string | null;
}

const ALL_ROLES: MemberRole[] = ['owner', 'admin', 'staff'];

export function memberActions(myRole: MemberRole, member: Member, ownerCount: number): MemberActions {
  const none = (lockedReason: string): MemberActions => ({ roles: [], canRemove: false, lockedReason });
  if (myRole === 'staff') return none(i18n.t('web.org.settings.team.locked.staff'));
  if (member.role === 'owner' && myRole !== 'owner')
    return none(i18n.t('web.org.settings.team.locked.owner'));
  if (member.role === 'owner' && ownerCount <= 1)
    return none(i18n.t('web.org.settings.team.locked.lastOwner'));
  return {
    roles: myRole === 'owner' ? ALL_ROLES : ALL_ROLES.filter((role) => role !== 'owner'),
    canRemove: true,
    lockedReason: null,
  };
}

export function countOwners(members: Member[]): number {
  return members.filter((member) => member.role === 'owner').length;
}
