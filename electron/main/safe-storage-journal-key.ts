import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { safeStorage } from 'electron';

import { isNodeError } from '../core/adapters/json-file';
import { parseKey } from '../core/adapters/journal-key-file';
import type { JournalKeyPort } from '../core/ports';

/**
 * The DNS journal's sealing key, encrypted by the OS keychain (DPAPI, Keychain, libsecret) before
 * it touches the disk. Where no keychain is available (Linux's `basic_text` fallback is a
 * hard-coded key) it uses `fallback`, the same 0600 key file the CLI uses.
 */
export function createKeychainJournalKey(path: string, fallback: JournalKeyPort): JournalKeyPort {
  const available = (): boolean =>
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  const load = async (): Promise<Buffer> => {
    try {
      const sealed = Buffer.from(await readFile(path, 'utf8'), 'base64');
      return parseKey(safeStorage.decryptString(sealed));
    } catch (error) {
      if (!(isNodeError(error) && error.code === 'ENOENT')) {
        throw error;
      }
    }
    const key = randomBytes(32);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, safeStorage.encryptString(key.toString('hex')).toString('base64'), {
      mode: 0o600,
      flag: 'wx',
    });
    return key;
  };
  return {
    key: async () => (available() ? { kind: 'keychain', key: await load() } : fallback.key()),
  };
}
