import type { Member, MemberRole } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { countOwners, memberActions } from './member-rules';

const member = (role: MemberRole): Member => ({ userId: role, email: `${role}@x.test`, name: role, role });

describe('memberActions', () => {
  it('lets an owner give any role to anyone, and remove them, while another owner remains', () => {
    for (const role of ['owner', 'admin', 'staff'] as const)
      expect(memberActions('owner', member(role), 2)).toEqual({
        roles: ['owner', 'admin', 'staff'],
        canRemove: true,
        lockedReason: null,
      });
  });

  it('locks the last owner, even for themselves', () => {
    expect(memberActions('owner', member('owner'), 1)).toEqual({
      roles: [],
      canRemove: false,
      lockedReason: 'The last owner cannot step down: make someone else an owner first',
    });
  });

  it('lets an admin manage admins and staff without offering owner, and never touch an owner', () => {
    expect(memberActions('admin', member('staff'), 1).roles).toEqual(['admin', 'staff']);
    expect(memberActions('admin', member('admin'), 1).canRemove).toBe(true);
    expect(memberActions('admin', member('owner'), 3)).toMatchObject({
      roles: [],
      canRemove: false,
      lockedReason: 'Only an owner can change an owner',
    });
  });

  it('lets staff change nothing', () => {
    for (const role of ['owner', 'admin', 'staff'] as const)
      expect(memberActions('staff', member(role), 2)).toMatchObject({ roles: [], canRemove: false });
  });

  it('counts owners', () => {
    expect(countOwners([member('owner'), member('admin'), member('owner')])).toBe(2);
  });
});
