import type { SecretStorePort } from '../ports';

/**
 * A secret store that keeps nothing: the CLI never remembers secrets, and the browser preview
 * has no OS keychain. `available()` is false so callers can say "not remembered" honestly.
 */
export const noSecretStore: SecretStorePort = {
  available: () => false,
  get: () => Promise.resolve(null),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(),
};
