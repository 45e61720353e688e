import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { JournalKeyPort } from '../ports';
import { isNodeError } from './json-file';

/**
 * The journal's sealing key in a file only this user can read (0600), for processes without an
 * OS keychain (the CLI, the preview). It stops other users and stray edits, not a program running
 * as this user; the journal's fields are checked again before use either way.
 */
export function createJournalKeyFile(path: string): JournalKeyPort {
  const load = async (): Promise<Buffer> => {
    try {
      return parseKey(await readFile(path, 'utf8'));
    } catch (error) {
      if (!(isNodeError(error) && error.code === 'ENOENT')) {
        throw error;
      }
    }
    await mkdir(dirname(path), { recursive: true });
    const key = randomBytes(32);
    try {
      await writeFile(path, key.toString('hex'), { mode: 0o600, flag: 'wx' });
      return key;
    } catch (error) {
      // Another process created it first: use theirs.
      if (isNodeError(error) && error.code === 'EEXIST') {
        return parseKey(await readFile(path, 'utf8'));
      }
      throw error;
    }
  };
  return { key: async () => ({ kind: 'file', key: await load() }) };
}

export function parseKey(text: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error('journal key file is damaged');
  }
  return Buffer.from(hex, 'hex');
}
