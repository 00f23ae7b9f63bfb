import type { ApiKey, ApiKeyScope, Member } from '@zevents/contracts';

/** The three kinds of key offered when creating one; the API also takes combinations. */
export const ACCESS_CHOICES: ReadonlyArray<{ scope: ApiKeyScope; label: string; description: string }> = [
  {
    scope: 'write',
    label: 'Full access',
    description: 'Read and change events, ticket types, promo codes and orders; check in',
  },
  {
    scope: 'read',
    label: 'Read only',
    description: 'Events, orders, attendees, CSV exports and the live dashboard',
  },
  {
    scope: 'check-in',
    label: 'Check-in scanner',
    description: 'Check tickets in at the door and look attendees up; nothing else',
  },
];

export const SCOPE_BADGES: Record<ApiKeyScope, { label: string; color: string }> = {
  write: { label: 'Full access', color: 'grape' },
  read: { label: 'Read', color: 'blue' },
  'check-in': { label: 'Check-in', color: 'teal' },
};

/** Badges to show for a key's scopes: `write` includes the others, so alone it says everything. */
export function scopeBadges(scopes: readonly ApiKeyScope[]) {
  const shown: readonly ApiKeyScope[] = scopes.includes('write') ? ['write'] : scopes;
  return shown.map((scope) => ({ scope, ...SCOPE_BADGES[scope] }));
}

/**
 * A key acts only while its creator is an owner or admin here; one whose creator left or became
 * staff answers 401 until revoked. Unknown while the members are loading (undefined); keys made before
 * creators were recorded keep working.
 */
export function isKeyInactive(key: ApiKey, members: readonly Member[] | undefined): boolean | undefined {
  if (!key.createdBy) return false;
  if (!members) return undefined;
  const creatorId = key.createdBy.userId;
  return !members.some(
    (member) => member.userId === creatorId && (member.role === 'owner' || member.role === 'admin'),
  );
}
