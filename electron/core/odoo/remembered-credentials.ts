import { createHash } from 'node:crypto';

import { z } from 'zod';

import type { RememberedDatabase } from '../../shared/schemas/pairing';
import type { LogPort, SecretStorePort } from '../ports';
import { maskUuid, rememberSecret } from '../redact';

/*
 * "Remember the enterprise code": a database's credentials, read once by signing in, kept
 * encrypted by the OS keychain so the next box of the same database needs no password. The
 * renderer sees each database by an opaque id, its address and name and a masked UUID; the code
 * never leaves the core. One encrypted entry holds the whole list.
 */

const KEY = 'remembered-databases';
const MAX_DATABASES = 32;

/** Where a database's credentials came from: what the user signed in to. */
export type DatabaseOrigin = {
  readonly serverUrl: string;
  readonly database: string;
  readonly serverVersion: string;
};

const EntrySchema = z.object({
  dbUuid: z.string().min(1).max(128),
  enterpriseCode: z.string().min(1).max(128),
  serverUrl: z.string().max(2048),
  database: z.string().max(128),
  serverVersion: z.string().max(64),
});
export type RememberedEntry = z.infer<typeof EntrySchema>;

/** Stable per database, and says nothing about its UUID. */
export function rememberedId(dbUuid: string): string {
  return createHash('sha256').update(`iotbox-remembered:${dbUuid}`).digest('hex').slice(0, 24);
}

export type RememberedCredentials = {
  /** False where no OS keychain can encrypt them: nothing is kept, and the wizard says so. */
  available(): boolean;
  list(): Promise<RememberedDatabase[]>;
  find(id: string): Promise<RememberedEntry | null>;
  remember(entry: RememberedEntry): Promise<void>;
  forget(id: string): Promise<void>;
};

export function createRememberedCredentials(
  store: SecretStorePort,
  log: LogPort,
): RememberedCredentials {
  const readAll = async (): Promise<RememberedEntry[]> => {
    const raw = await store.get(KEY);
    if (raw === null) {
      return [];
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const entries = z.array(EntrySchema).safeParse(parsed);
    if (!entries.success) {
      log.warn('remembered credentials unreadable; ignored');
      return [];
    }
    // Known secrets from now on: a report or log quoting them removes them.
    for (const entry of entries.data) {
      rememberSecret(entry.enterpriseCode, entry.dbUuid);
    }
    return entries.data;
  };
  const writeAll = (entries: readonly RememberedEntry[]): Promise<void> =>
    entries.length === 0 ? store.delete(KEY) : store.set(KEY, JSON.stringify(entries));

  return {
    available: () => store.available(),
    async list() {
      return (await readAll()).map((entry) => ({
        id: rememberedId(entry.dbUuid),
        serverUrl: entry.serverUrl,
        database: entry.database,
        dbUuidMasked: maskUuid(entry.dbUuid),
      }));
    },
    async find(id) {
      return (await readAll()).find((entry) => rememberedId(entry.dbUuid) === id) ?? null;
    },
    async remember(entry) {
      if (!store.available()) {
        log.warn('no OS keychain: the enterprise code was not remembered');
        return;
      }
      const others = (await readAll()).filter((other) => other.dbUuid !== entry.dbUuid);
      await writeAll([entry, ...others].slice(0, MAX_DATABASES));
    },
    async forget(id) {
      const all = await readAll();
      const kept = all.filter((entry) => rememberedId(entry.dbUuid) !== id);
      if (kept.length !== all.length) {
        await writeAll(kept);
      }
    },
  };
}
