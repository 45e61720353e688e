import { randomUUID } from 'node:crypto';

import type { Credentials } from '../box/pairing-input';
import type { ClockPort } from '../ports';
import type { DatabaseOrigin } from './remembered-credentials';

/** Credentials with the database they were read from (what "remember" keeps beside them). */
export type CachedCredentials = Credentials & { readonly origin: DatabaseOrigin };

/**
 * Credentials read from a database, kept in the core for a short while under a random id, so
 * the renderer can ask to push them without ever holding the enterprise code.
 */
export type CredentialsCache = {
  put(credentials: CachedCredentials): string;
  get(readId: string): CachedCredentials | null;
};

const LIFETIME_MS = 30 * 60 * 1000;

export function createCredentialsCache(clock: ClockPort): CredentialsCache {
  const entries = new Map<string, { credentials: CachedCredentials; expires: number }>();
  const sweep = (): void => {
    const now = clock.now();
    for (const [id, entry] of entries) {
      if (entry.expires <= now) {
        entries.delete(id);
      }
    }
  };
  return {
    put(credentials) {
      sweep();
      const id = randomUUID();
      entries.set(id, { credentials, expires: clock.now() + LIFETIME_MS });
      return id;
    },
    get(readId) {
      sweep();
      return entries.get(readId)?.credentials ?? null;
    },
  };
}
