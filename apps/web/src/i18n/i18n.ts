import { I18N_OPTIONS, INTL_LOCALES, isLanguage, type Language, pickLanguage } from '@zevents/i18n';
import { createInstance } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Where a visitor's own choice of language is kept, so it outlives the page and the session. */
export const LANGUAGE_STORAGE_KEY = 'zevents.language';

function storedLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage blocked (private mode, a sandboxed frame): the browser's languages decide.
    return undefined;
  }
}

/** The visitor's choice if they made one, else the first of the browser's languages we speak. */
export function initialLanguage(): Language {
  return storedLanguage() ?? pickLanguage(navigator.languages ?? [navigator.language]);
}

/**
 * The web app's i18next instance: the same catalogs and options as the server's emails and PDFs
 * (@zevents/i18n), read synchronously so the first render is already in the right language.
 */
export const i18n = createInstance();
void i18n.use(initReactI18next).init({ ...I18N_OPTIONS, lng: initialLanguage(), initAsync: false });

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
}
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

/** Switches the language for this visitor, now and on later visits. */
export function chooseLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not kept across visits; this page still switches.
  }
  void i18n.changeLanguage(language);
}

/**
 * The Intl locale of the current language, for dates, numbers and money: the browser's own when it
 * speaks that language (an American reading English keeps "7:30 PM", an Austrian "Jänner"), else
 * the language's usual one.
 */
export function currentIntlLocale(): string {
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  const browser = navigator.language;
  return browser && pickLanguage([browser]) === language && browser.toLowerCase().startsWith(language)
    ? browser
    : INTL_LOCALES[language];
}
