import type { EventCategory, EventKind, EventLanguage } from '@zevents/contracts';

/** How each category reads to buyers and organizers, in the contract's order. */
export const CATEGORY_LABELS: Record<EventCategory, string> = {
  music: 'Music',
  conference: 'Conference',
  workshop: 'Workshop',
  sports: 'Sports',
  arts: 'Arts',
  food: 'Food & drink',
  community: 'Community',
  business: 'Business',
  education: 'Education',
  festival: 'Festival',
  other: 'Other',
};

export const KIND_LABELS: Record<EventKind, string> = {
  in_person: 'In person',
  online: 'Online',
  hybrid: 'Hybrid',
};

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
