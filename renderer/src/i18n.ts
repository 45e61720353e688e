import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

import { FALLBACK_LANGUAGE, type Language } from '../../electron/shared/languages';
import { locales } from '../../electron/shared/locales';

/** One i18next instance for the app, with every locale bundled (no network, CSP-safe). */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    resources: Object.fromEntries(
      Object.entries(locales).map(([code, messages]) => [code, { translation: messages }]),
    ),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
