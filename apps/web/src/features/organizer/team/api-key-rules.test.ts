import type { ApiKey, Member } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { isKeyInactive, scopeBadges } from './api-key-rules';

const key = (createdBy: ApiKey['createdBy']): ApiKey => ({
  id: 'k',
  name: 'k',
  prefix: 'zev_x',
  scopes: ['write'],
  createdAt: '2030-01-01T00:00:00Z',
  lastUsedAt: null,
  createdBy,
});
const creator = { userId: 'u-1', name: 'Ada', email: 'ada@x.test' };
const member = (role: Member['role']): Member => ({ userId: 'u-1', email: 'ada@x.test', name: 'Ada', role });

describe('scopeBadges', () => {
  it('shows write alone, since it includes the others', () => {
    expect(scopeBadges(['read', 'write']).map((badge) => badge.label)).toEqual(['Full access']);
    expect(scopeBadges(['read', 'check-in']).map((badge) => badge.label)).toEqual(['Read', 'Check-in']);
  });
});

describe('isKeyInactive', () => {
  it('follows the creator: owner or admin keep it working, staff or gone stop it', () => {
    expect(isKeyInactive(key(creator), [member('owner')])).toBe(false);
    expect(isKeyInactive(key(creator), [member('admin')])).toBe(false);
    expect(isKeyInactive(key(creator), [member('staff')])).toBe(true);
    expect(isKeyInactive(key(creator), [])).toBe(true);
  });

  it('is unknown while members load, and never flags a key with no recorded creator', () => {
    expect(isKeyInactive(key(creator), undefined)).toBeUndefined();
    expect(isKeyInactive(key(null), [])).toBe(false);
  });
});
