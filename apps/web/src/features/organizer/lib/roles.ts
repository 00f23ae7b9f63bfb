import type { MemberRole } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';

/** Staff only view and check in; owners and admins edit events, refund orders and run the team. */
export function canManage(role: MemberRole | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

// Getters, not strings: each read translates into the language chosen at that moment.
export const ROLE_LABELS: Record<MemberRole, string> = {
  get owner() {
    return i18n.t('web.org.core.roles.owner');
  },
  get admin() {
    return i18n.t('web.org.core.roles.admin');
  },
  get staff() {
    return i18n.t('web.org.core.roles.staff');
  },
};

export const ROLE_DESCRIPTIONS: Record<MemberRole, string> = {
  get owner() {
    return i18n.t('web.org.core.roles.ownerDescription');
  },
  get admin() {
    return i18n.t('web.org.core.roles.adminDescription');
  },
  get staff() {
    return i18n.t('web.org.core.roles.staffDescription');
  },
};
