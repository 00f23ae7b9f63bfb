import type { MemberRole } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { canGrantRole, canManageMember } from './organizations.policy';

const ROLES: MemberRole[] = ['owner', 'admin', 'staff'];

describe('canManageMember', () => {
  it('lets owners change anyone to anything', () => {
    for (const target of ROLES)
      for (const next of ROLES) expect(canManageMember('owner', target, next)).toBe(true);
  });

  it('lets admins manage admins and staff, never owners, and never make one', () => {
    expect(canManageMember('admin', 'staff', 'admin')).toBe(true);
    expect(canManageMember('admin', 'admin', 'staff')).toBe(true);
    expect(canManageMember('admin', 'staff')).toBe(true);
    expect(canManageMember('admin', 'owner', 'admin')).toBe(false);
    expect(canManageMember('admin', 'owner')).toBe(false);
    expect(canManageMember('admin', 'staff', 'owner')).toBe(false);
  });

  it('lets staff do nothing', () => {
    for (const target of ROLES) {
      expect(canManageMember('staff', target)).toBe(false);
      for (const next of ROLES) expect(canManageMember('staff', target, next)).toBe(false);
    }
  });

  it('agrees with canGrantRole on who may make an owner', () => {
    for (const actor of ROLES)
      expect(canManageMember(actor, 'staff', 'owner')).toBe(canGrantRole(actor, 'owner'));
  });
});
