import type { SecretStorePort } from '../../electron/core/ports';

/**
 * An OS keychain stand-in for runtimes without Electron (tests, the preview): values live in
 * memory only. The real store (electron/main/safe-storage-secrets.ts) encrypts with safeStorage.
 */
export function memorySecretStore(): SecretStorePort & { readonly values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    available: () => true,
    get: (key) => Promise.resolve(values.get(key) ?? null),
    set: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
  };
}
