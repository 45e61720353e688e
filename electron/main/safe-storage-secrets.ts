import { join } from 'node:path';

import { safeStorage } from 'electron';
import { z } from 'zod';

import { createJsonFile } from '../core/adapters/json-file';
import type { JsonFilePort, SecretStorePort } from '../core/ports';

// Each value encrypted by the OS keychain (DPAPI, Keychain, libsecret), base64 in a JSON file.
const SecretsFileSchema = z.record(z.string(), z.string());

/**
 * The app's SecretStorePort: values are encrypted with Electron safeStorage before they touch
 * the disk. Where no keychain is available (Linux without a secret service falls back to a
 * hard-coded key, `basic_text`) we refuse to store rather than pretend.
 */
/**
 * The app's remembered enterprise codes: `secrets.json` in the user's data folder, encrypted by
 * the OS keychain and readable by this user only (0600).
 */
export function userSecretStore(userData: string): SecretStorePort {
  return createSafeStorageSecrets(createJsonFile(join(userData, 'secrets.json'), { mode: 0o600 }));
}

export function createSafeStorageSecrets(file: JsonFilePort): SecretStorePort {
  const readAll = async (): Promise<Record<string, string>> => {
    const parsed = SecretsFileSchema.safeParse((await file.read()) ?? {});
    return parsed.success ? parsed.data : {};
  };
  const available = (): boolean =>
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    available,
    async get(key) {
      const encrypted = (await readAll())[key];
      if (encrypted === undefined || !safeStorage.isEncryptionAvailable()) {
        return null;
      }
      try {
        return safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
      } catch {
        // Encrypted under another user or keychain: unreadable is the same as absent.
        return null;
      }
    },
    async set(key, value) {
      if (!available()) {
        throw new Error('no OS keychain to encrypt with');
      }
      const all = await readAll();
      all[key] = safeStorage.encryptString(value).toString('base64');
      await file.write(all);
    },
    async delete(key) {
      const all = await readAll();
      if (key in all) {
        delete all[key];
        await file.write(all);
      }
    },
  };
}
