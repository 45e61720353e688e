import i18next, { type TFunction } from 'i18next';

import type { Settings } from '../shared/schemas/app';
import { FALLBACK_LANGUAGE, resolveLanguage } from '../shared/languages';
import { locales } from '../shared/locales';

/** Texts the main process shows itself (native dialogs), from the same locale files. */
export async function createMainTranslator(
  language: Settings['language'],
  systemLanguages: readonly string[],
): Promise<TFunction> {
  const instance = i18next.createInstance();
  return instance.init({
    lng: language === 'system' ? resolveLanguage(systemLanguages) : language,
    fallbackLng: FALLBACK_LANGUAGE,
    resources: Object.fromEntries(
      Object.entries(locales).map(([code, messages]) => [code, { translation: messages }]),
    ),
    interpolation: { escapeValue: false },
  });
}
