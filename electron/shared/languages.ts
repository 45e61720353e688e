import { z } from 'zod';

/** Languages with a complete locale file. English is the fallback and the reference for keys. */
export const LANGUAGES = ['en', 'it', 'fr', 'es', 'de', 'nl', 'pt'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const FALLBACK_LANGUAGE: Language = 'en';

/** Picks the first supported language from a preference list such as `['it-CH', 'de']`. */
export function resolveLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    const parsed = LanguageSchema.safeParse(base);
    if (parsed.success) {
      return parsed.data;
    }
  }
  return FALLBACK_LANGUAGE;
}
