import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { locales } from '../../../../electron/shared/locales';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
      .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
  );
}

/*
 * A key is used when the source names it: literally (`t('welcome.title')`), through a
 * template prefix (`t(`messages.${code}.title`)` uses every `messages.*.title`), or through the
 * CLI's property access on the English file (`en.dns.verdict[...]`). Plural forms count through
 * their base key.
 */
describe('locale keys', () => {
  it('every key in the English file is used by the app or the CLI', async () => {
    const text = (
      await Promise.all([sources(join(root, 'renderer/src')), sources(join(root, 'electron'))])
    )
      .flat()
      .join('\n');
    const literals = new Set([...text.matchAll(/['"`]([A-Za-z][\w.-]*)/g)].map((m) => m[1] ?? ''));
    const prefixes = [...literals].filter((literal) => literal.endsWith('.'));
    const properties = [...text.matchAll(/\ben\.((?:\w+\.)*\w+)/g)].map((m) => m[1] ?? '');
    const unused = keysOf(locales.en).filter((full) => {
      const key = full.replace(PLURAL, '');
      return !(
        literals.has(key) ||
        prefixes.some((prefix) => key.startsWith(prefix)) ||
        properties.some((path) => key === path || key.startsWith(`${path}.`))
      );
    });
    expect(unused).toEqual([]);
  });
});
