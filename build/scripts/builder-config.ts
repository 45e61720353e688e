import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import type { Configuration } from 'electron-builder';
import { parse } from 'yaml';

export const BUILDER_CONFIG_PATH = fileURLToPath(
  new URL('../electron-builder.yml', import.meta.url),
);
export const PROJECT_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** build/electron-builder.yml as electron-builder sees it. */
export async function loadBuilderConfig(): Promise<Configuration> {
  return parse(await readFile(BUILDER_CONFIG_PATH, 'utf8')) as Configuration;
}

/** Shallow-per-section merge: `{ mac: { notarize: false } }` keeps the rest of `mac`. */
export function mergeConfig(
  base: Configuration,
  overrides: Record<string, unknown>,
): Configuration {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = isRecord(current) && isRecord(value) ? { ...current, ...value } : value;
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
