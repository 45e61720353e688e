import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { loadBuilderConfig } from '../../build/scripts/builder-config';
import {
  classifyEntries,
  runPackageCheck,
  validateBuilderConfig,
  type PackageCheck,
} from '../../build/scripts/package-check';
import { planSigning } from '../../build/scripts/signing';
import { MDNS_SERVICE_TYPES } from '../../electron/core/discovery/service-types';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('offline packaging check (stand-in Electron, --linux --dir)', () => {
  let check: PackageCheck;
  beforeAll(async () => {
    check = await runPackageCheck();
  }, 120_000);

  it('app.asar holds the built main, CLI, preload, renderer and package.json', () => {
    expect(check.missing).toEqual([]);
    expect(check.entries).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
      ]),
    );
  });

  it('and nothing else: no sources, tests, maps, node_modules, certificates or .env', () => {
    expect(check.unexpected).toEqual([]);
    for (const entry of check.entries) {
      expect(entry).not.toMatch(/\.(map|ts|tsx|pem|key|crt)$|\.env|\/test\/|node_modules|preview/);
    }
  });

  it('flags anything outside the allow-list', () => {
    const leaked = classifyEntries([
      '/package.json',
      '/out/main/index.js',
      '/test/lab/ca.pem',
      '/.env',
    ]);
    expect(leaked.unexpected).toEqual(['/test/lab/ca.pem', '/.env']);
    expect(leaked.missing).toContain('/out/preload/index.cjs');
  });
});

describe('build/electron-builder.yml', () => {
  it('passes electron-builder validation, which rejects unknown properties', async () => {
    const config = await loadBuilderConfig();
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
    await expect(validateBuilderConfig({ ...config, ...{ nsisTypo: true } })).rejects.toThrow(
      /unknown property/i,
    );
  });

  it('allow-lists the built output with asar on', async () => {
    const config = await loadBuilderConfig();
    expect(config.asar).toBe(true);
    expect(config.files).toEqual([
      'out/main/**/*',
      'out/preload/**/*',
      'out/renderer/**/*',
      'package.json',
      '!**/*.map',
    ]);
    expect(config.directories?.buildResources).toBe('build');
  });

  it('sets the Electron fuses', async () => {
    const config = await loadBuilderConfig();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('builds NSIS for x64 and arm64, per-user by default, with the firewall include', async () => {
    const config = await loadBuilderConfig();
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      include: 'build/installer.nsh',
    });
    const include = await readFile(`${root}build/installer.nsh`, 'utf8');
    const install = /!macro customInstall([\s\S]*?)!macroend/.exec(include)?.[1] ?? '';
    const uninstall = /!macro customUnInstall([\s\S]*?)!macroend/.exec(include)?.[1] ?? '';
    expect(install).toContain('IOTBOX_ADD_RULE');
    expect(uninstall).toContain('IOTBOX_DELETE_RULE');
    expect(include).toMatch(/add rule name="\$\{IOTBOX_RULE\}" dir=in action=allow program=/);
    expect(include).toContain('localport=5353');
    // The device check's page server (TCP, any port it picks), from the local subnet only.
    expect(install).toContain('IOTBOX_ADD_PAGE_RULE');
    expect(include).toMatch(
      /IOTBOX_ADD_PAGE_RULE 'advfirewall firewall add rule name="\$\{IOTBOX_RULE\}" dir=in action=allow program="[^"]+" protocol=TCP remoteip=localsubnet enable=yes profile=private,domain'/,
    );
  });

  it('macOS: hardened runtime, network entitlements and the local-network privacy keys', async () => {
    const config = await loadBuilderConfig();
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
    });
    const info = config.mac?.extendInfo as Record<string, unknown>;
    expect(String(info['NSLocalNetworkUsageDescription'])).toMatch(/local network/);
    // Exactly the service types discovery browses: a missing one is silently denied on macOS 15+.
    expect(info['NSBonjourServices']).toEqual([...MDNS_SERVICE_TYPES]);
    const entitlements = await readFile(`${root}build/entitlements.mac.plist`, 'utf8');
    expect(entitlements).toContain('com.apple.security.network.client');
    expect(entitlements).toContain('com.apple.security.network.server');
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['universal'] },
      { target: 'zip', arch: ['universal'] },
    ]);
  });

  it('has Linux AppImage and deb targets for completeness', async () => {
    const config = await loadBuilderConfig();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  });
});

/** Azure Trusted Signing credentials, all but the publisher name. */
const AZURE = {
  AZURE_TENANT_ID: 't',
  AZURE_CLIENT_ID: 'c',
  AZURE_CLIENT_SECRET: 's',
  AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net',
  AZURE_TRUSTED_SIGNING_ACCOUNT: 'acct',
  AZURE_TRUSTED_SIGNING_PROFILE: 'prof',
};

describe('signing plan', () => {
  it('builds unsigned with a clear message when no credentials are set', () => {
    const win = planSigning('win', {});
    expect(win.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    expect(win.messages.join(' ')).toMatch(/UNSIGNED/);
    const mac = planSigning('mac', {});
    expect(mac.overrides).toEqual({ mac: { notarize: false } });
    expect(mac.messages.join(' ')).toMatch(/UNSIGNED[\s\S]*skipping notarization/);
  });

  it('uses Azure Trusted Signing when its variables are set', () => {
    const plan = planSigning('win', AZURE);
    expect(plan.overrides).toMatchObject({
      win: { azureSignOptions: { codeSigningAccountName: 'acct', certificateProfileName: 'prof' } },
    });
    expect(plan.env).toEqual({});
  });

  it('refuses to publish what installed apps could not verify as an update', () => {
    expect(planSigning('win', {}).publishRefusal).toMatch(/unsigned installer cannot be published/);
    expect(planSigning('mac', {}).publishRefusal).toMatch(/unsigned app cannot be published/);
    expect(planSigning('mac', { CSC_LINK: 'cert.p12' }).publishRefusal).toMatch(/not notarized/);
    expect(planSigning('linux', {}).publishRefusal).toMatch(/cannot be signed/);
    // Azure cannot tell electron-builder the publisher: without it updates are unverifiable.
    expect(planSigning('win', AZURE).publishRefusal).toMatch(/AZURE_TRUSTED_SIGNING_PUBLISHER/);
  });

  it('allows publishing signed builds, with the publisher installed apps verify against', () => {
    expect(planSigning('win', { WIN_CSC_LINK: 'cert.pfx' }).publishRefusal).toBeNull();
    const azure = planSigning('win', {
      ...AZURE,
      AZURE_TRUSTED_SIGNING_PUBLISHER: 'IoT Box Assistant Authors',
    });
    expect(azure.publishRefusal).toBeNull();
    expect(azure.overrides).toMatchObject({
      win: { azureSignOptions: { publisherName: 'IoT Box Assistant Authors' } },
    });
    const mac = planSigning('mac', {
      CSC_LINK: 'cert.p12',
      APPLE_ID: 'a',
      APPLE_APP_SPECIFIC_PASSWORD: 'p',
      APPLE_TEAM_ID: 't',
    });
    expect(mac.publishRefusal).toBeNull();
  });

  it('dist --publish without signing credentials exits 2 before building anything', async () => {
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        // Under the network guard: were the refusal ever lost, the build it would start must
        // fail here rather than download anything.
        [
          '--import',
          'tsx',
          '--import',
          './test/setup/network-guard.ts',
          'build/scripts/dist.ts',
          'win',
          '--publish',
        ],
        { cwd: root, env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 },
        (error, _stdout, stderr) => {
          resolve({ code: error === null ? 0 : Number(error.code), stderr });
        },
      );
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('refusing to publish');
    expect(run.stderr).not.toContain('building an UNSIGNED');
  });

  it('Windows updates are verified against the publisher (electron-builder default kept on)', async () => {
    const config = await loadBuilderConfig();
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
  });

  it('signs and notarizes macOS builds when both credentials are present', () => {
    const plan = planSigning('mac', {
      CSC_LINK: 'cert.p12',
      APPLE_API_KEY: 'key.p8',
      APPLE_API_KEY_ID: 'id',
      APPLE_API_ISSUER: 'issuer',
    });
    expect(plan.overrides).toEqual({});
    expect(plan.messages.join(' ')).toMatch(/notarizing with the App Store Connect API key/);
  });
});
