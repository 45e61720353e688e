import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { JsonFilePort } from '../ports';

/**
 * A JSON file written atomically: temp file in the same folder, fsync'd, then renamed over.
 * `mode` (e.g. 0o600 for secrets) applies to every version written, since each is a new file.
 */
export function createJsonFile(
  path: string,
  options: { readonly mode?: number } = {},
): JsonFilePort {
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if (isNodeError(error) && error.code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // A damaged file reads as absent; callers validate with zod anyway.
        return undefined;
      }
    },
    async write(value) {
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, {
        encoding: 'utf8',
        flush: true,
        ...(options.mode === undefined ? {} : { mode: options.mode }),
      });
      await rename(temp, path);
    },
  };
}

export function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
