import type { ApiKey, ApiKeyScope, Member } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';

/**
 * The three kinds of key offered when creating one; the API also takes combinations. Catalog keys,
 * so the words follow the current language.
 */
export const ACCESS_CHOICES: ReadonlyArray<{ scope: ApiKeyScope; labelKey: string; descriptionKey: string }> =
  [
    {
      scope: 'write',
      labelKey: 'web.org.settings.team.keys.write',
      descriptionKey: 'web.org.settings.team.keys.writeDescription',
    },
    {
      scope: 'read',
      labelKey: 'web.org.settings.team.keys.readOnly',
      descriptionKey: 'web.org.settings.team.keys.readDescription',
    },
    {
      scope: 'check-in',
      labelKey: 'web.org.settings.team.keys.checkIn',
      descriptionKey: 'web.org.settings.team.keys.checkInDescription',
    },
  ];

export const SCOPE_BADGES: Record<ApiKeyScope, { labelKey: string; color: string }> = {
  write: { labelKey: 'web.org.settings.team.keys.write', color: 'grape' },
  read: { labelKey: 'web.org.settings.team.keys.badgeRead', color: 'blue' },
  'check-in': { labelKey: 'web.org.settings.team.keys.badgeCheckIn', color: 'teal' },
};

/** Badges to show for a key's scopes: `write` includes the others, so alone it says everything. */
export function scopeBadges(scopes: readonly ApiKeyScope[]) {
  const shown: readonly ApiKeyScope[] = scopes.includes('write') ? ['write'] : scopes;
  return shown.map((scope) => ({
    scope,
    label: i18n.t(SCOPE_BADGES[scope].labelKey),
    color: SCOPE_BADGES[scope].color,
  }));
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
