import type { MemberRole } from '@zevents/contracts';

/** Staff only view and check in; owners and admins edit events, refund orders and run the team. */
export function canManage(role: MemberRole | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

export const ROLE_LABELS: Record<MemberRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  staff: 'Staff',
};

export const ROLE_DESCRIPTIONS: Record<MemberRole, string> = {
  owner: 'Everything, including adding other owners',
  admin: 'Edit events, refund orders, manage the team',
  staff: 'View events and check attendees in at the door',
};
