import type { Language } from './languages';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import it from './locales/it.json';
import nl from './locales/nl.json';
import pt from './locales/pt.json';

/** The translation resources, one JSON file per language, shared by the renderer and the CLI. */
export type LocaleMessages = typeof en;

export const locales: Readonly<Record<Language, LocaleMessages>> = { en, it, fr, es, de, nl, pt };

/** A message by its dotted key (`dns.verdict.ok.title`), or null when there is none. */
export function messageAt(messages: unknown, key: string): string | null {
  const value = key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      messages,
    );
  return typeof value === 'string' ? value : null;
}
