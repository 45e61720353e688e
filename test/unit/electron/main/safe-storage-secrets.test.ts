import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { JsonFilePort } from '../../../../electron/core/ports';
import {
  createSafeStorageSecrets,
  userSecretStore,
} from '../../../../electron/main/safe-storage-secrets';
import { safeStorage } from '../../../fakes/electron';

function memoryFile(): JsonFilePort & { content: unknown } {
  const file = {
    content: undefined as unknown,
    read: () => Promise.resolve(file.content),
    write: (value: unknown) => {
      file.content = JSON.parse(JSON.stringify(value)) as unknown;
      return Promise.resolve();
    },
  };
  return file;
}

afterEach(() => {
  safeStorage.encryptionAvailable = true;
  safeStorage.backend = 'gnome_libsecret';
});

describe('safeStorage secret store', () => {
  it('stores values encrypted, never in clear, and reads them back', async () => {
    const file = memoryFile();
    const secrets = createSafeStorageSecrets(file);
    expect(secrets.available()).toBe(true);
    await secrets.set('enterprise-code:abc', 'M2407lab0001');
    expect(JSON.stringify(file.content)).not.toContain('M2407lab0001');
    expect(await secrets.get('enterprise-code:abc')).toBe('M2407lab0001');
    await secrets.delete('enterprise-code:abc');
    expect(await secrets.get('enterprise-code:abc')).toBeNull();
    expect(file.content).toEqual({});
  });

  it('refuses to store without a keychain, and with the Linux plain-text fallback', async () => {
    const file = memoryFile();
    const secrets = createSafeStorageSecrets(file);
    safeStorage.encryptionAvailable = false;
    expect(secrets.available()).toBe(false);
    await expect(secrets.set('k', 'v')).rejects.toThrow(/keychain/);
    safeStorage.encryptionAvailable = true;
    safeStorage.backend = 'basic_text';
    expect(secrets.available()).toBe(process.platform !== 'linux');
    expect(file.content).toBeUndefined();
  });

  it('a damaged file or an undecryptable value reads as absent', async () => {
    const file = memoryFile();
    file.content = { 'enterprise-code:abc': Buffer.from('garbage').toString('base64'), other: 42 };
    const secrets = createSafeStorageSecrets(file);
    expect(await secrets.get('enterprise-code:abc')).toBeNull();
    file.content = 'not an object';
    expect(await secrets.get('enterprise-code:abc')).toBeNull();
  });
});

describe('the secrets file on disk', () => {
  it.skipIf(process.platform === 'win32')(
    'is readable by this user only (0600), and holds no value in clear',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'iotbox-secrets-'));
      try {
        // The store main builds in the user's data folder.
        const path = join(dir, 'secrets.json');
        const secrets = userSecretStore(dir);
        await secrets.set('remembered-databases', 'M2407onDisk0001');
        expect((await stat(path)).mode & 0o777).toBe(0o600);
        expect(await readFile(path, 'utf8')).not.toContain('M2407onDisk0001');
        expect(await secrets.get('remembered-databases')).toBe('M2407onDisk0001');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
