import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

import { LanguageSchema, type Language } from '../../electron/shared/languages';
import type { LocaleMessages } from '../../electron/shared/locales';

/**
 * One chunk per language, imported when i18next first needs it: the app's first load carries only
 * the active language (each file is ~14 KB gzipped), and switching fetches the next one from the
 * app's own files (CSP `script-src 'self'`, no network).
 */
const LOCALES: Readonly<Record<Language, () => Promise<{ default: LocaleMessages }>>> = {
  en: () => import('../../electron/shared/locales/en.json'),
  it: () => import('../../electron/shared/locales/it.json'),
  fr: () => import('../../electron/shared/locales/fr.json'),
  es: () => import('../../electron/shared/locales/es.json'),
  de: () => import('../../electron/shared/locales/de.json'),
  nl: () => import('../../electron/shared/locales/nl.json'),
  pt: () => import('../../electron/shared/locales/pt.json'),
};

const localeBackend: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init: () => undefined,
  read(language, _namespace, callback) {
    const parsed = LanguageSchema.safeParse(language);
    if (!parsed.success) {
      callback(new Error(`no locale file for '${language}'`), false);
      return;
    }
    LOCALES[parsed.data]().then(
      (file) => callback(null, file.default),
      (error: unknown) =>
        callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * The app's i18next instance, resolved once the active language's texts are loaded. No fallback
 * language: every locale file has every key (the locale tests check it), so loading English
 * beside another language would only double the download.
 */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance
    .use(localeBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: false,
      supportedLngs: [...LanguageSchema.options],
      load: 'currentOnly',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  return instance;
}
