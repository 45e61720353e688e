import type { Language } from './languages';
import en from './locales/en.json';
import it from './locales/it.json';

/** The translation resources, one JSON file per language, shared by the renderer and the CLI. */
export type LocaleMessages = typeof en;

export const locales: Readonly<Record<Language, LocaleMessages>> = { en, it };
