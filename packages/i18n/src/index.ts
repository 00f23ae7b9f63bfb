import { createInstance, type TFunction } from 'i18next';
import deMain from './locales/de.json';
import enMain from './locales/en.json';
import esMain from './locales/es.json';
import frMain from './locales/fr.json';
import deStore from './locales/store/de.json';
import enStore from './locales/store/en.json';
import esStore from './locales/store/es.json';
import frStore from './locales/store/fr.json';
import deCheckout from './locales/checkout/de.json';
import enCheckout from './locales/checkout/en.json';
import esCheckout from './locales/checkout/es.json';
import frCheckout from './locales/checkout/fr.json';
import deOrgCore from './locales/org-core/de.json';
import enOrgCore from './locales/org-core/en.json';
import esOrgCore from './locales/org-core/es.json';
import frOrgCore from './locales/org-core/fr.json';
import deOrgEditor from './locales/org-editor/de.json';
import enOrgEditor from './locales/org-editor/en.json';
import esOrgEditor from './locales/org-editor/es.json';
import frOrgEditor from './locales/org-editor/fr.json';
import deOrgInsight from './locales/org-insight/de.json';
import enOrgInsight from './locales/org-insight/en.json';
import esOrgInsight from './locales/org-insight/es.json';
import frOrgInsight from './locales/org-insight/fr.json';
import deOrgSettings from './locales/org-settings/de.json';
import enOrgSettings from './locales/org-settings/en.json';
import esOrgSettings from './locales/org-settings/es.json';
import frOrgSettings from './locales/org-settings/fr.json';
import deWeb from './locales/web/de.json';
import enWeb from './locales/web/en.json';
import esWeb from './locales/web/es.json';
import frWeb from './locales/web/fr.json';

/**
 * The languages buyers are served in: the storefront, checkout, order and door pages, their emails
 * and PDF tickets. English is the source every other catalog is checked against (catalogs.test.ts).
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages the organizer area (`web.org.*`) is translated into; the others fall back to English. */
export const ORGANIZER_LANGUAGES: readonly Language[] = ['en', 'de'];

/** Each language's own name, for a language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
};

/**
 * The locale Intl formats a language's dates, numbers and money in. English is British English:
 * 24-hour times and "18 December", which readers everywhere read the same way.
 */
export const INTL_LOCALES: Record<Language, string> = {
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
};

/**
 * One i18next namespace ("translation") holding every section: `ticket.*` and `email.*` (the server's,
 * locales/{lang}.json) and `web.*` (the web app's, locales/web/{lang}.json: its own file, since the
 * web's texts change with its pages).
 */
export const catalogs = {
  en: {
    ...enMain,
    web: {
      ...enWeb,
      store: enStore,
      checkout: enCheckout,
      org: { core: enOrgCore, editor: enOrgEditor, insight: enOrgInsight, settings: enOrgSettings },
    },
  },
  de: {
    ...deMain,
    web: {
      ...deWeb,
      store: deStore,
      checkout: deCheckout,
      org: { core: deOrgCore, editor: deOrgEditor, insight: deOrgInsight, settings: deOrgSettings },
    },
  },
  fr: {
    ...frMain,
    web: {
      ...frWeb,
      store: frStore,
      checkout: frCheckout,
      org: { core: frOrgCore, editor: frOrgEditor, insight: frOrgInsight, settings: frOrgSettings },
    },
  },
  es: {
    ...esMain,
    web: {
      ...esWeb,
      store: esStore,
      checkout: esCheckout,
      org: { core: esOrgCore, editor: esOrgEditor, insight: esOrgInsight, settings: esOrgSettings },
    },
  },
} satisfies Record<Language, object>;
export type Catalog = (typeof catalogs)['en'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The supported language a list of preferences names first ("de-AT", "fr"): an Accept-Language
 * header's or navigator.languages' order; English when none is supported.
 */
export function pickLanguage(preferences: readonly string[]): Language {
  for (const preference of preferences) {
    const base = preference.trim().toLowerCase().split(/[-_;]/)[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The shared options: the web app builds its own instance (react-i18next) with the same ones. */
export const I18N_OPTIONS = {
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: catalogs[lang] }])),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // Emails and PDFs escape on output themselves; React escapes too. Escaping here would double it.
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;

const server = createInstance();
void server.init({ ...I18N_OPTIONS, lng: 'en', initAsync: false });

const translators = new Map<Language, TFunction>();

/**
 * A translation function fixed to one language, for an email or a PDF (made once per language).
 *
 * Faster than i18next's own `getFixedT`, which copies every i18next option into a new object on each
 * call: a bulk reminder makes ~60 calls, and that copying (and its garbage) was most of the message's
 * rendering CPU (~1.2 ms of it; ~0.3 ms without). The catalogs never change after start, so a key
 * asked for without options is looked up once and remembered (as many as the code names); with
 * options the call goes straight to the instance's `t` with the language added (the same lookup
 * `getFixedT` ends in). Anything else (arrays of keys, a default value as a string) takes i18next's
 * own path.
 */
export function translatorFor(lang: Language): TFunction {
  let t = translators.get(lang);
  if (!t) {
    t = fastTranslator(lang);
    translators.set(lang, t);
  }
  return t;
}

function fastTranslator(lang: Language): TFunction {
  const fixed = server.getFixedT(lang);
  const plain = new Map<string, string>();
  const translate = (key: unknown, options?: unknown, ...rest: unknown[]): string => {
    if (typeof key === 'string' && rest.length === 0) {
      if (options === undefined) {
        let text = plain.get(key);
        if (text === undefined) {
          text = String(fixed(key));
          plain.set(key, text);
        }
        return text;
      }
      if (typeof options === 'object' && options !== null)
        return String(server.t(key, { lng: lang, ...options }));
    }
    return String((fixed as unknown as (...args: unknown[]) => unknown)(key, options, ...rest));
  };
  // TFunction's overloads type its keys and options; this function takes what they take.
  return translate as unknown as TFunction;
}

export type { TFunction } from 'i18next';
