import { EMBED_ORIGINS_MAX, EmbedOrigin } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';

/**
 * Why `input` cannot be added to `origins`, in words an organizer can act on, or null when it can.
 * The contract's own schema decides what an origin is, so the form and the API never disagree.
 */
export function originProblem(input: string, origins: readonly string[]): string | null {
  const value = trimOrigin(input);
  if (!value) return i18n.t('web.org.settings.profile.origins.empty');
  if (origins.length >= EMBED_ORIGINS_MAX)
    return i18n.t('web.org.settings.profile.origins.max', { max: EMBED_ORIGINS_MAX });
  const parsed = EmbedOrigin.safeParse(value);
  if (!parsed.success) {
    if (!/^https?:\/\//i.test(value)) return i18n.t('web.org.settings.profile.origins.scheme');
    if (/^https?:\/\/[^/]+\//i.test(value)) return i18n.t('web.org.settings.profile.origins.path');
    return i18n.t('web.org.settings.profile.origins.invalid');
  }
  if (origins.includes(parsed.data)) return i18n.t('web.org.settings.profile.origins.duplicate');
  return null;
}

/** The origin as it is saved (lower-cased, trimmed). */
export function normalizeOrigin(input: string): string {
  return EmbedOrigin.parse(trimOrigin(input));
}

/** A copied address often ends with a slash: that much of a path is dropped rather than refused. */
function trimOrigin(input: string): string {
  return input.trim().replace(/\/$/, '');
}

export type EmbedMode = 'button' | 'inline';

/** The tag a host page pastes: the script from the platform's origin, naming the event by its slug. */
export function embedSnippet(platformOrigin: string, eventSlug: string, mode: EmbedMode): string {
  const modeAttribute = mode === 'inline' ? ' data-mode="inline"' : '';
  return `<script src="${platformOrigin}/embed.js" data-event="${eventSlug}"${modeAttribute} async></script>`;
}
