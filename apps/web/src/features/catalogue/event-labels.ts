import type { EventCategory, EventKind, EventLanguage } from '@zevents/contracts';
import { i18n } from '../../i18n/i18n';

/** Each category's words, in the contract's order (keys written out whole for the catalog check). */
export const CATEGORY_KEYS: Record<EventCategory, string> = {
  music: 'web.store.category.music',
  conference: 'web.store.category.conference',
  workshop: 'web.store.category.workshop',
  sports: 'web.store.category.sports',
  arts: 'web.store.category.arts',
  food: 'web.store.category.food',
  community: 'web.store.category.community',
  business: 'web.store.category.business',
  education: 'web.store.category.education',
  festival: 'web.store.category.festival',
  other: 'web.store.category.other',
};

export const KIND_KEYS: Record<EventKind, string> = {
  in_person: 'web.store.kind.in_person',
  online: 'web.store.kind.online',
  hybrid: 'web.store.kind.hybrid',
};

/**
 * A label table read in the current language each time a label is read (its properties are
 * getters), so it never freezes at import: a component re-rendering after a language switch reads
 * the new words.
 */
function translatedLabels<K extends string>(keys: Record<K, string>): Record<K, string> {
  const labels = {} as Record<K, string>;
  for (const [value, key] of Object.entries<string>(keys))
    Object.defineProperty(labels, value, { enumerable: true, get: () => i18n.t(key) });
  return labels;
}

/** How each category reads to buyers and organizers, in the contract's order and the current language. */
export const CATEGORY_LABELS: Record<EventCategory, string> = translatedLabels(CATEGORY_KEYS);

export const KIND_LABELS: Record<EventKind, string> = translatedLabels(KIND_KEYS);

/** Each language in its own words: the organizer picks what their buyers read. */
export const LANGUAGE_LABELS: Record<EventLanguage, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
};

/** Select options from a label table, in its order. */
export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  Object.entries<string>(labels).map(([value, label]) => ({ value, label }));
