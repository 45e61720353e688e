import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_CODES } from '../../../../electron/shared/diagnosis';
import { LANGUAGES, resolveLanguage } from '../../../../electron/shared/languages';
import { locales } from '../../../../electron/shared/locales';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

function valueAt(messages: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      messages,
    );
}

describe('locale files', () => {
  const englishKeys = keysOf(locales.en).sort();

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s has exactly the keys of English, each a non-empty string',
    (language) => {
      const messages = locales[language];
      expect(keysOf(messages).sort()).toEqual(englishKeys);
      for (const key of englishKeys) {
        const value = valueAt(messages, key);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    },
  );

  it("names the portal's \"In Progress\" status by Odoo's label (or Odoo's own translation) everywhere", () => {
    // Odoo's documentation translates the label only in Italian ("In corso", 16.0 it pages);
    // elsewhere the English label is quoted so the user recognises it on the portal.
    const label = (language: string): string => (language === 'it' ? 'In corso' : 'In Progress');
    for (const language of LANGUAGES) {
      for (const key of ['subscription', 'portal']) {
        expect(
          String(valueAt(locales[language], `certificate.eligibility.${key}`)),
          `${language}:${key}`,
        ).toContain(label(language));
      }
    }
  });

  it('keeps interpolation placeholders in every translation', () => {
    for (const key of englishKeys) {
      const placeholders = String(valueAt(locales.en, key)).match(/{{\w+}}/g) ?? [];
      for (const language of LANGUAGES) {
        for (const placeholder of placeholders) {
          expect(String(valueAt(locales[language], key)), `${language}:${key}`).toContain(
            placeholder,
          );
        }
      }
    }
  });

  it('has a title, description and action for every diagnosis code', () => {
    for (const code of DIAGNOSIS_CODES) {
      for (const part of ['title', 'description', 'action']) {
        expect(typeof valueAt(locales.en, `messages.${code}.${part}`), `${code}.${part}`).toBe(
          'string',
        );
      }
    }
  });
});

describe('resolveLanguage', () => {
  it('follows the first supported preference, region tags included', () => {
    expect(resolveLanguage(['it-CH', 'en-US'])).toBe('it');
    expect(resolveLanguage(['xx', 'IT'])).toBe('it');
    expect(resolveLanguage(['ja-JP'])).toBe('en');
    expect(resolveLanguage([])).toBe('en');
  });
});
