import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { silentLog } from '../../../../electron/core/adapters/console-log';
import { createDnsJournalStore } from '../../../../electron/core/adapters/dns-journal-store';
import { createJournalKeyFile } from '../../../../electron/core/adapters/journal-key-file';
import { DnsChangeService } from '../../../../electron/core/dns/dns-config/dns-change-service';
import { createKeychainJournalKey } from '../../../../electron/main/safe-storage-journal-key';
import { safeStorage } from '../../../fakes/electron';
import { journalBody, plantSealed } from '../../../support/dns-machines';

// The app seals its DNS change journal with a key the OS keychain keeps (safeStorage): on disk
// the key exists only encrypted, readable by this user alone, and the same key comes back in the
// next run. Without a real keychain (none, or Linux's hard-coded basic_text) the app uses the
// CLI's 0600 key file instead. A journal sealed with the other kind of key is named, not obeyed.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-journal-key-'));
});
afterEach(async () => {
  safeStorage.encryptionAvailable = true;
  safeStorage.backend = 'gnome_libsecret';
  await rm(dir, { recursive: true, force: true });
});

const keychainKey = () =>
  createKeychainJournalKey(
    join(dir, 'dns-journal.keychain'),
    createJournalKeyFile(join(dir, 'dns-journal.key')),
  );

describe("the journal's sealing key in the app", () => {
  it.skipIf(process.platform === 'win32')(
    'is kept encrypted by the keychain, 0600, and the same in the next run',
    async () => {
      const first = await keychainKey().key();
      expect(first.kind).toBe('keychain');
      expect(first.key).toHaveLength(32);
      const path = join(dir, 'dns-journal.keychain');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readFile(path, 'utf8')).not.toContain(first.key.toString('hex'));
      const again = await keychainKey().key();
      expect(again.key.equals(first.key)).toBe(true);
    },
  );

  type Keychain = { encryptionAvailable: boolean; backend: string };
  const noKeychain: (readonly [string, Keychain])[] = [
    ['no keychain at all', { encryptionAvailable: false, backend: 'gnome_libsecret' }],
    // Only Linux has it: a "keychain" whose key is hard-coded in Chromium.
    ...(process.platform === 'linux'
      ? ([
          ["Linux's plain-text fallback", { encryptionAvailable: true, backend: 'basic_text' }],
        ] as const)
      : []),
  ];
  it.each(noKeychain)('falls back to the 0600 key file with %s', async (_what, keychain) => {
    Object.assign(safeStorage, keychain);
    const { kind, key } = await keychainKey().key();
    expect(kind).toBe('file');
    const file = join(dir, 'dns-journal.key');
    expect(await readFile(file, 'utf8')).toBe(key.toString('hex'));
    // Windows has no mode bits: the file lives in the user's own profile there.
    expect((await stat(file)).mode & 0o777).toBe(process.platform === 'win32' ? 0o666 : 0o600);
    await expect(stat(join(dir, 'dns-journal.keychain'))).rejects.toThrow(/ENOENT/);
  });

  it('a key file the keychain cannot open is an error, never silently replaced', async () => {
    const path = join(dir, 'dns-journal.keychain');
    await writeFile(path, Buffer.from('not sealed by this keychain').toString('base64'));
    await expect(keychainKey().key()).rejects.toThrow(/decrypt/);
    expect(await readFile(path, 'utf8')).toBe(
      Buffer.from('not sealed by this keychain').toString('base64'),
    );
  });

  it('a journal sealed with the CLI’s key file is named foreign by the app, and not used', async () => {
    const cliKey = await createJournalKeyFile(join(dir, 'dns-journal.key')).key();
    const store = createDnsJournalStore(dir, keychainKey());
    await plantSealed(store, journalBody('macos'), cliKey);
    const app = new DnsChangeService({
      config: () => Promise.reject(new Error('nothing may be read or run')),
      store,
      lookup: { lookup: () => Promise.resolve({ ok: true, addresses: [] }) },
      log: silentLog,
    });
    const current = await app.current();
    expect(!current.ok && current.error.code).toBe('dns-journal-foreign');
    const restored = await app.restore(new AbortController().signal);
    expect(!restored.ok && restored.error.code).toBe('dns-journal-foreign');
  });
});
