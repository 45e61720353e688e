import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { updateTrust } from '../../../../electron/core/update/update-trust';
import { createElectronUpdater, readUpdateTrust } from '../../../../electron/main/updater';
import { autoUpdater } from '../../../fakes/electron-updater';

// Auto-update runs only where the downloaded update is verified against our signing identity:
// an unsigned Windows build (no publisherName, so electron-updater's verifySignature returns
// null) and Linux (a hash from the same feed) never download or install anything.

// app-update.yml exactly as electron-builder serialises it (js-yaml, list for publisherName).
const SIGNED =
  'owner: iotbox\nrepo: assistant\nprovider: github\npublisherName:\n  - IoT Box Assistant Authors\nupdaterCacheDirName: iotbox-assistant-updater\n';
const UNSIGNED =
  'owner: iotbox\nrepo: assistant\nprovider: github\nupdaterCacheDirName: iotbox-assistant-updater\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-updater-'));
  await writeFile(join(dir, 'signed.yml'), SIGNED);
  await writeFile(join(dir, 'unsigned.yml'), UNSIGNED);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('which installs may update themselves', () => {
  it('Windows: only with a publisher to verify the installer signature against', () => {
    expect(updateTrust('win32', SIGNED)).toEqual({ verified: true });
    expect(updateTrust('win32', 'publisherName: IoT Box Assistant Authors\n')).toEqual({
      verified: true,
    });
    for (const config of [UNSIGNED, null, 'publisherName: ""\n', 'publisherName: [\n', '- a\n']) {
      expect(updateTrust('win32', config)).toMatchObject({ verified: false });
    }
  });

  it('macOS: Squirrel verifies the code signature itself; Linux: nothing does', () => {
    expect(updateTrust('darwin', null)).toEqual({ verified: true });
    expect(updateTrust('linux', SIGNED)).toMatchObject({ verified: false });
  });
});

describe('readUpdateTrust', () => {
  it('a development run never updates itself, whatever its platform and config', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(
        readUpdateTrust({ packaged: false, platform, configFile: join(dir, 'signed.yml') }),
      ).toMatchObject({ verified: false });
    }
  });

  it('an installed app reads app-update.yml: its publisher decides on Windows', () => {
    const read = (file: string) =>
      readUpdateTrust({ packaged: true, platform: 'win32', configFile: join(dir, file) });
    expect(read('signed.yml')).toEqual({ verified: true });
    expect(read('unsigned.yml')).toMatchObject({ verified: false });
    expect(read('absent.yml')).toMatchObject({ verified: false });
  });
});

describe('createElectronUpdater', () => {
  it('an unsigned Windows build gets no updater: it never checks, downloads or installs', async () => {
    const before = autoUpdater.checks;
    const result = await createElectronUpdater(
      readUpdateTrust({ packaged: true, platform: 'win32', configFile: join(dir, 'unsigned.yml') }),
    );
    if (result.ok) throw new Error('an unsigned build got an updater');
    expect(result.reason).toMatch(/publisherName/);
    const missing = await createElectronUpdater(
      readUpdateTrust({ packaged: true, platform: 'win32', configFile: join(dir, 'absent.yml') }),
    );
    expect(missing.ok).toBe(false);
    expect(autoUpdater.checks).toBe(before);
  });

  it('Linux gets no updater either', async () => {
    const result = await createElectronUpdater(
      readUpdateTrust({ packaged: true, platform: 'linux', configFile: join(dir, 'signed.yml') }),
    );
    expect(result.ok).toBe(false);
  });

  it('a signed Windows build checks through electron-updater', async () => {
    const before = autoUpdater.checks;
    const result = await createElectronUpdater(
      readUpdateTrust({ packaged: true, platform: 'win32', configFile: join(dir, 'signed.yml') }),
    );
    if (!result.ok) throw new Error(result.reason);
    await result.updater.check();
    expect(autoUpdater.checks).toBe(before + 1);
  });
});
